import type { Cred } from './vfs.ts';

/** Access bits as in access(2). */
export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

/** The ownership and permission bits a check needs. */
export interface Owned {
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
}

export function inGroup(cred: Cred, gid: number): boolean {
  return cred.gid === gid || (cred.groups?.includes(gid) ?? false);
}

/**
 * The classic Unix check: owner bits if the caller owns the file, else group
 * bits if it is in the file's group, else the other bits. Root passes every
 * read/write check; for execute it needs at least one x bit (or a directory),
 * as with CAP_DAC_OVERRIDE.
 */
export function mayAccess(node: Owned, cred: Cred, want: number, isDir: boolean): boolean {
  if (cred.uid === 0) {
    if ((want & X_OK) === 0 || isDir) return true;
    return (node.mode & 0o111) !== 0;
  }
  let bits: number;
  if (cred.uid === node.uid) bits = (node.mode >> 6) & 7;
  else if (inGroup(cred, node.gid)) bits = (node.mode >> 3) & 7;
  else bits = node.mode & 7;
  return (bits & want) === want;
}

/** Owner or root: who may chmod, utimes to explicit times, or chown at all. */
export function isOwner(node: Owned, cred: Cred): boolean {
  return cred.uid === 0 || cred.uid === node.uid;
}

/**
 * The sticky-bit rule (/tmp): in a directory with S_ISVTX only the entry's
 * owner, the directory's owner or root may remove or rename the entry.
 */
export function mayDeleteFromSticky(dir: Owned, entry: Owned, cred: Cred): boolean {
  if ((dir.mode & 0o1000) === 0 || cred.uid === 0) return true;
  return cred.uid === entry.uid || cred.uid === dir.uid;
}
