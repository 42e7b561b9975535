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

/**
 * fs.protected_hardlinks=1 (set by systemd on most hosts): an unprivileged
 * caller may only hard-link a file it owns, or a regular, non-set-ID file it
 * can read and write.
 */
export function mayHardlink(node: Owned, isRegular: boolean, cred: Cred): boolean {
  if (cred.uid === 0 || cred.uid === node.uid) return true;
  if (!isRegular || node.mode & 0o4000 || (node.mode & 0o2010) === 0o2010) return false;
  return mayAccess(node, cred, R_OK | W_OK, false);
}

/**
 * The mode left after an unprivileged caller writes to or truncates a file
 * (file_remove_privs): set-user-ID always goes; set-group-ID goes when the
 * file is group-executable or the caller is not in its group. Root
 * (CAP_FSETID) keeps both.
 */
export function modeAfterWrite(node: Owned, cred: Cred): number {
  if (cred.uid === 0) return node.mode;
  let mode = node.mode & ~0o4000;
  if (mode & 0o2000 && (mode & 0o010 || !inGroup(cred, node.gid))) mode &= ~0o2000;
  return mode;
}

/**
 * mode_strip_sgid: a new group-executable set-group-ID file that inherits
 * the group of a set-group-ID directory keeps the bit only if the caller is
 * in that group.
 */
export function stripSgidOnCreate(mode: number, parent: Owned, cred: Cred): number {
  if ((mode & 0o2010) !== 0o2010 || (mode & 0o170000) === 0o040000 || !(parent.mode & 0o2000)) return mode;
  return cred.uid === 0 || inGroup(cred, parent.gid) ? mode : mode & ~0o2000;
}
