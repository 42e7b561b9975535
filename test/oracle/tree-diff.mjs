// A filesystem tree as plain data, and what changed between two of them: the
// comparison the buildah oracle and Layerlab's builds are held to. Shared by
// the recorder (over a real mounted image) and the test (over Layerlab's
// layers), so both sides are measured with the same rule.
//
// A node: { type: 'file'|'dir'|'symlink'|'other', mode (permission bits,
// octal string), uid, gid, sha256 (files), target (symlinks) }. Times and
// directory sizes are not compared.

/** Paths a container runtime mounts or creates at run time; never part of a build's result. */
export const RUNTIME_PATHS = ['dev', 'proc', 'sys', 'run', 'etc/hosts', 'etc/resolv.conf', 'etc/hostname', '.dockerenv'];

function isRuntimePath(path) {
  return RUNTIME_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Changes from `base` to `image`: sorted `{ path, change, ...node }`, `change` ∈ added|modified|deleted. */
export function treeChanges(base, image) {
  const out = [];
  for (const [path, node] of Object.entries(image)) {
    if (isRuntimePath(path)) continue;
    const before = base[path];
    if (!before) out.push({ path, change: 'added', ...node });
    else if (!sameNode(before, node)) out.push({ path, change: 'modified', ...node });
  }
  for (const path of Object.keys(base)) {
    if (isRuntimePath(path)) continue;
    if (!(path in image)) out.push({ path, change: 'deleted' });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function sameNode(a, b) {
  return a.type === b.type && a.mode === b.mode && a.uid === b.uid && a.gid === b.gid && a.sha256 === b.sha256 && a.target === b.target;
}
