/**
 * Where COPY and ADD read from: the build context, another stage or an
 * image (`--from`). One small tree interface over both, plus what BuildKit
 * does with it: wildcard expansion (Go's filepath.Match per path element),
 * the recursive walk, and the content checksum that keys the cache (mode,
 * owner, size, link target and bytes of every file, names folded in by the
 * walk; never mtimes, so `touch` does not invalidate and `chmod` does).
 */
import { filepathMatch } from '../dockerfile/dockerignore.ts';
import { isFsError } from '../fs/errors.ts';
import type { Vfs } from '../fs/vfs.ts';
import { sha256Digest } from '../oci/digest.ts';
import type { BuildContext } from './context.ts';
import { contextPath } from './context.ts';

export interface SourceNode {
  /** Relative to the source root; '' is the root. */
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink';
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly data?: Uint8Array;
  readonly target?: string;
}

export interface SourceTree {
  lstat(path: string): SourceNode | undefined;
  /** Child names of a directory. */
  readdir(path: string): string[];
}

/** The build context as a source tree (owners reset to 0:0, as the client sends them). */
export function contextSource(ctx: BuildContext, now: number): SourceTree {
  const children = new Map<string, string[]>();
  for (const f of ctx.list()) {
    const slash = f.path.lastIndexOf('/');
    const parent = slash < 0 ? '' : f.path.slice(0, slash);
    const list = children.get(parent) ?? [];
    list.push(f.path.slice(slash + 1));
    children.set(parent, list);
  }
  return {
    lstat(path) {
      const p = contextPath(path);
      if (p === '') return { path: '', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: now };
      const f = ctx.get(p);
      if (!f) return undefined;
      return { path: p, type: f.type, mode: f.mode, uid: 0, gid: 0, mtimeMs: f.mtimeMs, ...(f.type === 'file' ? { data: f.data } : {}), ...(f.target !== undefined ? { target: f.target } : {}) };
    },
    readdir: (path) => [...(children.get(contextPath(path)) ?? [])].sort(),
  };
}

/** A mounted filesystem (a stage's or an image's) as a source tree; owners kept. */
export function mountSource(vfs: Vfs): SourceTree {
  const abs = (p: string) => `/${contextPath(p)}`;
  return {
    lstat(path) {
      try {
        const st = vfs.lstat(abs(path));
        const p = contextPath(path);
        const base = { path: p, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtimeMs: st.mtimeMs };
        if (st.type === 'dir') return { ...base, type: 'dir' };
        if (st.type === 'symlink') return { ...base, type: 'symlink', target: vfs.readlink(abs(path)) };
        if (st.type === 'file') return { ...base, type: 'file', data: vfs.readFile(abs(path)) };
        return undefined;
      } catch (e) {
        if (isFsError(e)) return undefined;
        throw e;
      }
    },
    readdir(path) {
      try {
        return vfs
          .readdir(abs(path))
          .map((d) => d.name)
          .sort();
      } catch (e) {
        if (isFsError(e)) return [];
        throw e;
      }
    },
  };
}

const META = /[*?[\\]/;

/**
 * The paths a COPY source names: itself, or for a wildcard every path whose
 * elements match (sorted). Empty when nothing matches.
 */
export function expandSource(tree: SourceTree, source: string): string[] {
  const clean = contextPath(source);
  if (!META.test(clean)) return tree.lstat(clean) ? [clean] : [];
  let level: string[] = [''];
  for (const part of clean.split('/')) {
    const next: string[] = [];
    for (const dir of level) {
      if (!META.test(part)) {
        const p = dir === '' ? part : `${dir}/${part}`;
        if (tree.lstat(p)) next.push(p);
        continue;
      }
      for (const name of tree.readdir(dir)) if (filepathMatch(part, name)) next.push(dir === '' ? name : `${dir}/${name}`);
    }
    level = next;
  }
  return level.sort();
}

/** `path` and everything below it, parents first, siblings by name. */
export function walkSource(tree: SourceTree, path: string): SourceNode[] {
  const out: SourceNode[] = [];
  const visit = (p: string) => {
    const node = tree.lstat(p);
    if (!node) return;
    out.push(node);
    if (node.type === 'dir') for (const name of tree.readdir(p)) visit(p === '' ? name : `${p}/${name}`);
  };
  visit(contextPath(path));
  return out;
}

/** The content checksum of a source (BuildKit contenthash in spirit): names relative to it, no mtimes. */
export function sourceChecksum(tree: SourceTree, paths: readonly string[]): string {
  const lines: string[] = [];
  for (const root of paths) {
    for (const n of walkSource(tree, root)) {
      const rel = n.path === root ? '.' : n.path.slice(root === '' ? 0 : root.length + 1);
      const content = n.data ? sha256Digest(n.data) : '';
      lines.push([rel, n.type, n.mode.toString(8), n.uid, n.gid, n.data?.length ?? 0, n.target ?? '', content].join('\0'));
    }
  }
  return sha256Digest(lines.join('\n'));
}
