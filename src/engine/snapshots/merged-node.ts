import { DIR_SIZE, fileTypeOf } from '../fs/inode.ts';
import type { Inode } from '../fs/inode.ts';
import type { MemFs } from '../fs/mem-fs.ts';
import { childPath, compareNames, components } from '../fs/path.ts';
import type { Owned } from '../fs/perms.ts';
import { utf8Length } from '../fs/utf8.ts';
import type { DirEntry, FileType, Stat } from '../fs/vfs.ts';
import type { LayerRef } from './fs-events.ts';
import type { LowerNode, LowerView } from './lower-view.ts';
import { isOpaqueInode, isWhiteoutInode } from './overlay-xattrs.ts';

/**
 * A path in the merged view: its upper inode and/or the lower node it merges
 * with. Built on the fly during a lookup from two indexes — the upper MemFs
 * tree and the flattened lower view — so a lookup costs one step per path
 * component, however many layers lie below.
 */
export interface MergedNode {
  readonly path: string;
  readonly upper: Inode | undefined;
  readonly lower: LowerNode | undefined;
}

/** st_dev of the mount itself and, for non-directories from lower layers, of each layer (as overlayfs without xino). */
export const UNION_DEV = 0x2a;
const LOWER_DEV_BASE = 0x100;

export function mergedRoot(upper: MemFs, lower: LowerView): MergedNode {
  const u = upper.root;
  return { path: '/', upper: u, lower: isOpaqueInode(u) ? undefined : lower.root };
}

/**
 * overlayfs lookup of one name: an upper whiteout hides it; an upper
 * directory merges with the lower directory of the same name unless it is
 * opaque; any other upper entry hides the lower one; else the lower entry.
 */
export function mergedChild(dir: MergedNode, name: string): MergedNode | undefined {
  const path = childPath(dir.path, name);
  const u = dir.upper?.children?.get(name);
  if (u) {
    if (isWhiteoutInode(u)) return undefined;
    let l: LowerNode | undefined;
    if (u.children && !isOpaqueInode(u)) {
      const c = dir.lower?.children?.get(name);
      if (c && c.type === 'dir') l = c;
    }
    return { path, upper: u, lower: l };
  }
  const l = dir.lower?.children?.get(name);
  return l ? { path, upper: undefined, lower: l } : undefined;
}

/** The merged node at a physical path (no symlinks followed), or undefined. */
export function mergedAt(root: MergedNode, path: string): MergedNode | undefined {
  let cur: MergedNode | undefined = root;
  for (const name of components(path)) {
    if (!cur || typeOfMerged(cur) !== 'dir') return undefined;
    cur = mergedChild(cur, name);
  }
  return cur;
}

/** readdir of a merged directory: upper names without whiteouts, then lower names the upper does not have. */
export function mergedEntries(m: MergedNode): DirEntry[] {
  const out: DirEntry[] = [];
  const upperKids = m.upper?.children;
  if (upperKids) {
    for (const [name, n] of upperKids) if (!isWhiteoutInode(n)) out.push({ name, type: fileTypeOf(n.mode), ino: n.ino });
  }
  if (m.lower?.children) {
    for (const [name, n] of m.lower.children) if (!upperKids?.has(name)) out.push({ name, type: n.type, ino: n.ino });
  }
  return out.sort((a, b) => compareNames(a.name, b.name));
}

export function mergedStat(upper: MemFs, m: MergedNode): Stat {
  if (m.upper) {
    const st = upper.statInode(m.upper);
    if (st.type !== 'dir') return { ...st, dev: UNION_DEV };
    // overlayfs reports nlink 1 for merged directories: the real count is unknown without a full merge.
    return { ...st, dev: UNION_DEV, nlink: m.lower ? 1 : st.nlink };
  }
  const l = m.lower!;
  let nlink = l.nlink;
  if (l.children) {
    nlink = 2;
    for (const c of l.children.values()) if (c.type === 'dir') nlink++;
  }
  return {
    type: l.type,
    mode: l.mode,
    ino: l.ino,
    dev: l.type === 'dir' ? UNION_DEV : LOWER_DEV_BASE + l.layer,
    nlink,
    uid: l.uid,
    gid: l.gid,
    size: l.type === 'dir' ? DIR_SIZE : l.type === 'symlink' ? utf8Length(l.target) : l.type === 'file' ? l.data.length : 0,
    rdev: l.rdev,
    atimeMs: l.mtimeMs,
    mtimeMs: l.mtimeMs,
    ctimeMs: l.mtimeMs,
  };
}

export function typeOfMerged(m: MergedNode): FileType {
  return m.upper ? fileTypeOf(m.upper.mode) : m.lower!.type;
}

/** Ownership and mode as the merged view shows them (upper wins). */
export function attrsOf(m: MergedNode): Owned {
  return m.upper ?? m.lower!;
}

export function refOf(m: MergedNode): LayerRef {
  return m.upper ? 'upper' : m.lower!.layer;
}

/** Whether a lower layer still provides `name` under this merged directory (so removing it needs a whiteout). */
export function lowerPositive(parent: MergedNode, name: string): boolean {
  return parent.lower?.children?.has(name) ?? false;
}
