/**
 * Files in and out of a container's root file system, as dockerd's archive
 * endpoints do them (moby daemon/archive.go, go-archive): `docker export`
 * (the merged tree as one tar), `docker cp` from a container (a tar whose
 * root entry is the source's base name, plus its PathStat) and into one (a
 * tar extracted into an existing directory; every write goes to the upper
 * dir, copy-up included, like any other write).
 */
import type { ContainerPathStat } from '../../api/containers.ts';
import { EngineError } from '../../api/errors.ts';
import type { LayerEntry } from '../fs/changes.ts';
import { isFsError } from '../fs/errors.ts';
import { baseName, childPath, components, normalizePath } from '../fs/path.ts';
import type { Stat, Vfs } from '../fs/vfs.ts';
import { rfc3339Nano } from './status.ts';

/** Go's os.FileMode type bits (JSON carries the uint32). */
const GO_MODE = { dir: 2 ** 31, symlink: 2 ** 27, device: 2 ** 26, namedPipe: 2 ** 25, socket: 2 ** 24, setuid: 2 ** 23, setgid: 2 ** 22, charDevice: 2 ** 21, sticky: 2 ** 20 };

/** A stat as Go's os.FileMode (what PathStat.mode holds). */
export function goFileMode(st: Stat): number {
  let m = st.mode & 0o777;
  if (st.mode & 0o4000) m += GO_MODE.setuid;
  if (st.mode & 0o2000) m += GO_MODE.setgid;
  if (st.mode & 0o1000) m += GO_MODE.sticky;
  switch (st.type) {
    case 'dir':
      return m + GO_MODE.dir;
    case 'symlink':
      return m + GO_MODE.symlink;
    case 'chardev':
      return m + GO_MODE.device + GO_MODE.charDevice;
    case 'blockdev':
      return m + GO_MODE.device;
    case 'fifo':
      return m + GO_MODE.namedPipe;
    case 'socket':
      return m + GO_MODE.socket;
    default:
      return m;
  }
}

/** Whether a Go FileMode is a directory. */
export const isGoDir = (mode: number): boolean => mode >= GO_MODE.dir;

/** dockerd's "not found" for archive paths (`Could not find the file /x in container web`). */
function fileNotFound(path: string, container: string): EngineError {
  return new EngineError('NotFound', `Could not find the file ${path} in container ${container}`, { path, container });
}

/** Resolves symlinks inside the container's root: the absolute path a link finally names. */
function resolveLink(vfs: Vfs, path: string): string {
  let current = normalizePath(path);
  for (let hops = 0; hops < 40; hops++) {
    let st: Stat;
    try {
      st = vfs.lstat(current);
    } catch {
      return current;
    }
    if (st.type !== 'symlink') return current;
    const target = vfs.readlink(current);
    current = normalizePath(target.startsWith('/') ? target : `${current.slice(0, current.lastIndexOf('/'))}/${target}`);
  }
  return current;
}

/**
 * `HEAD /containers/{id}/archive?path=`: lstat of the path (symlinks in
 * its parents followed, the last one not), with the link's final target.
 */
export function pathStat(vfs: Vfs, path: string, container: string): ContainerPathStat {
  const abs = normalizePath(path.startsWith('/') ? path : `/${path}`);
  let st: Stat;
  try {
    st = vfs.lstat(abs);
  } catch (e) {
    if (isFsError(e)) throw fileNotFound(path, container);
    throw e;
  }
  return {
    name: abs === '/' ? '/' : baseName(abs),
    size: st.size,
    mode: goFileMode(st),
    mtime: rfc3339Nano(st.mtimeMs),
    linkTarget: st.type === 'symlink' ? resolveLink(vfs, abs) : '',
  };
}

/**
 * The tree at `path` as tar entries whose root is named `rootName` (''
 * puts the tree's children at the top, as `docker export` does). Hard links
 * inside the tree become tar hard links to the first name seen.
 */
export function treeEntries(vfs: Vfs, path: string, rootName: string): LayerEntry[] {
  const out: LayerEntry[] = [];
  const seen = new Map<string, string>();
  const visit = (abs: string, name: string) => {
    const st = vfs.lstat(abs);
    const meta = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtimeMs: st.mtimeMs };
    if (name !== '') {
      const inode = `${st.dev}:${st.ino}`;
      if (st.type === 'file' && st.nlink > 1 && seen.has(inode)) {
        out.push({ kind: 'hardlink', path: name, ...meta, target: seen.get(inode)! });
        return;
      }
      if (st.type === 'file' && st.nlink > 1) seen.set(inode, name);
      switch (st.type) {
        case 'dir':
          out.push({ kind: 'dir', path: name, ...meta });
          break;
        case 'file':
          out.push({ kind: 'file', path: name, ...meta, data: vfs.readFile(abs) });
          break;
        case 'symlink':
          out.push({ kind: 'symlink', path: name, ...meta, target: vfs.readlink(abs) });
          break;
        case 'chardev':
        case 'blockdev':
          out.push({ kind: st.type, path: name, ...meta, rdev: st.rdev });
          break;
        case 'fifo':
          out.push({ kind: 'fifo', path: name, ...meta });
          break;
        default:
          // Sockets are not archived (go-archive skips them).
          return;
      }
    }
    if (st.type === 'dir') {
      for (const e of vfs.readdir(abs)) visit(childPath(abs, e.name), name === '' ? e.name : `${name}/${e.name}`);
    }
  };
  visit(normalizePath(path), rootName);
  return out;
}

export interface ExtractOptions {
  readonly noOverwriteDirNonDir?: boolean;
  /** Keep the tar's owners (else everything belongs to root, as dockerd does without `-a`). */
  readonly copyUIDGID?: boolean;
}

/**
 * `PUT /containers/{id}/archive?path=`: extracts entries into the directory
 * `dir` (which must exist), replacing what is there, with dockerd's refusals.
 */
export function extractInto(vfs: Vfs, dir: string, entries: readonly LayerEntry[], container: string, opts: ExtractOptions = {}): void {
  const base = normalizePath(dir.startsWith('/') ? dir : `/${dir}`);
  let st: Stat;
  try {
    st = vfs.stat(base);
  } catch (e) {
    if (isFsError(e)) throw fileNotFound(dir, container);
    throw e;
  }
  if (st.type !== 'dir') throw new EngineError('InvalidParameter', 'extraction point is not a directory', { path: dir });
  const dirTimes: [string, number][] = [];
  for (const e of entries) {
    if (e.kind === 'whiteout' || e.kind === 'opaque') continue;
    const parts = components(e.path);
    if (parts.length === 0 || parts.includes('..')) continue;
    const target = childPath(base, parts.join('/'));
    let existing: Stat | undefined;
    try {
      existing = vfs.lstat(target);
    } catch {
      existing = undefined;
    }
    if (opts.noOverwriteDirNonDir && existing) {
      if (existing.type === 'dir' && e.kind !== 'dir') {
        throw new EngineError('InvalidParameter', `cannot overwrite directory "${target}" with non-directory "${e.path}"`, { path: target });
      }
      if (existing.type !== 'dir' && e.kind === 'dir') {
        throw new EngineError('InvalidParameter', `cannot overwrite non-directory "${target}" with directory "${e.path}"`, { path: target });
      }
    }
    if (existing && existing.type === 'dir' && e.kind !== 'dir') removeTree(vfs, target);
    else if (existing && existing.type !== 'dir' && !(existing.type === 'file' && e.kind === 'file')) vfs.unlink(target);
    const uid = opts.copyUIDGID ? e.uid : 0;
    const gid = opts.copyUIDGID ? e.gid : 0;
    switch (e.kind) {
      case 'dir':
        if (!existing || existing.type !== 'dir') vfs.mkdir(target, e.mode);
        vfs.chmod(target, e.mode);
        dirTimes.push([target, e.mtimeMs]);
        break;
      case 'file':
        vfs.writeFile(target, e.data ?? new Uint8Array(0), { mode: e.mode });
        vfs.chmod(target, e.mode);
        break;
      case 'symlink':
        vfs.symlink(e.target ?? '', target);
        break;
      case 'hardlink':
        vfs.link(childPath(base, components(e.target ?? '').join('/')), target);
        continue;
      case 'chardev':
      case 'blockdev':
      case 'fifo':
        vfs.mknod(target, (e.kind === 'fifo' ? 0o010000 : e.kind === 'chardev' ? 0o020000 : 0o060000) | e.mode, e.rdev ?? 0);
        break;
    }
    vfs.lchown(target, uid, gid);
    if (e.kind !== 'symlink' && e.kind !== 'dir') vfs.utimes(target, e.mtimeMs, e.mtimeMs);
  }
  // Directory times last: creating their children changed them.
  for (const [path, mtime] of dirTimes.reverse()) vfs.utimes(path, mtime, mtime);
}

function removeTree(vfs: Vfs, path: string): void {
  for (const e of vfs.readdir(path)) {
    const child = childPath(path, e.name);
    if (e.type === 'dir') removeTree(vfs, child);
    else vfs.unlink(child);
  }
  vfs.rmdir(path);
}
