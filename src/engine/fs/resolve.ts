import { FsError } from './errors.ts';
import { components } from './path.ts';
import type { Cred, FileType } from './vfs.ts';

/** Linux's limit on symlinks followed during one path walk (MAXSYMLINKS). */
export const MAX_SYMLINKS = 40;

/**
 * What the resolver needs from a file system: a root, child lookup, type,
 * symlink target and the search-permission check. The in-memory fs and the
 * union mount both walk paths through this one algorithm, so symlink, `..`
 * and ELOOP behaviour cannot drift between them.
 */
export interface NodeSource<N> {
  root(): N;
  lookup(dir: N, name: string): N | undefined;
  typeOf(node: N): FileType;
  linkTarget(node: N): string;
  /** Search (x) permission on a directory for `cred`. */
  canSearch(dir: N, cred: Cred): boolean;
}

/** Where a path ends: the parent directory, the final name, and the node if it exists. */
export interface Resolved<N> {
  readonly parent: N;
  /** Physical (symlink-free) path of `parent`. */
  readonly parentPath: string;
  /** Final component; '' when the path names the root, '..' never (resolved away). */
  readonly name: string;
  readonly node: N | undefined;
  /** Physical path of the final entry. */
  readonly path: string;
  /** The path ended in `/` (the final entry must be a directory). */
  readonly trailingSlash: boolean;
}

/**
 * Walks `path` like the kernel's namei: components left to right, a symlink in
 * a middle position (or the last one when `followLast`) is spliced into the
 * remaining walk, `..` pops the physical stack (so `..` after a symlink goes to
 * the target's parent), absolute targets restart at the root. A missing middle
 * component is ENOENT, a non-directory in the middle ENOTDIR, more than 40
 * links ELOOP, an unsearchable directory EACCES.
 */
export function resolvePath<N>(
  src: NodeSource<N>,
  path: string,
  followLast: boolean,
  cred: Cred,
  syscall: string,
): Resolved<N> {
  if (path === '') throw new FsError('ENOENT', syscall, path);
  const trailingSlash = path.length > 1 && path.endsWith('/');
  if (trailingSlash) followLast = true;
  const nodes: N[] = [src.root()];
  const names: string[] = [];
  let pending = components(path);
  let links = 0;
  for (let i = 0; i < pending.length; i++) {
    const name = pending[i]!;
    const dir = nodes[nodes.length - 1]!;
    if (src.typeOf(dir) !== 'dir') throw new FsError('ENOTDIR', syscall, path);
    if (cred.uid !== 0 && !src.canSearch(dir, cred)) throw new FsError('EACCES', syscall, path);
    const isLast = i === pending.length - 1;
    if (name === '..') {
      if (nodes.length > 1) {
        nodes.pop();
        names.pop();
      }
      continue;
    }
    const child = src.lookup(dir, name);
    if (child === undefined) {
      if (!isLast) throw new FsError('ENOENT', syscall, path);
      return finish(nodes, names, name, undefined, trailingSlash);
    }
    if (src.typeOf(child) === 'symlink' && (!isLast || followLast)) {
      if (++links > MAX_SYMLINKS) throw new FsError('ELOOP', syscall, path);
      const target = src.linkTarget(child);
      if (target === '') throw new FsError('ENOENT', syscall, path);
      if (target.startsWith('/')) {
        nodes.length = 1;
        names.length = 0;
      }
      pending = [...components(target), ...pending.slice(i + 1)];
      i = -1;
      if (pending.length === 0) return finishAtTop(nodes, names, trailingSlash);
      continue;
    }
    nodes.push(child);
    names.push(name);
  }
  return finishAtTop(nodes, names, trailingSlash);
}

function joinNames(names: readonly string[]): string {
  return `/${names.join('/')}`;
}

function finish<N>(nodes: N[], names: string[], name: string, node: N | undefined, trailingSlash: boolean): Resolved<N> {
  const parentPath = joinNames(names);
  return {
    parent: nodes[nodes.length - 1]!,
    parentPath,
    name,
    node,
    path: parentPath === '/' ? `/${name}` : `${parentPath}/${name}`,
    trailingSlash,
  };
}

/** The walk ended on an existing node (the top of the stack). */
function finishAtTop<N>(nodes: N[], names: string[], trailingSlash: boolean): Resolved<N> {
  const node = nodes[nodes.length - 1]!;
  if (nodes.length === 1) return { parent: node, parentPath: '/', name: '', node, path: '/', trailingSlash };
  const name = names[names.length - 1]!;
  const parentNames = names.slice(0, -1);
  const parentPath = joinNames(parentNames);
  return { parent: nodes[nodes.length - 2]!, parentPath, name, node, path: joinNames(names), trailingSlash };
}
