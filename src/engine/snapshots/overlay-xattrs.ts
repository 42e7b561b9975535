import type { Inode } from '../fs/inode.ts';
import { S_IFCHR, S_IFMT } from '../fs/vfs.ts';

/** The xattr overlayfs sets on an upper directory that hides everything below it. */
export const OPAQUE_XATTR = 'trusted.overlay.opaque';
export const OPAQUE_VALUE = Uint8Array.of(0x79); // "y"

/** A whiteout in an upper dir is a character device 0/0, as overlayfs creates it. */
export function isWhiteoutInode(node: Inode): boolean {
  return (node.mode & S_IFMT) === S_IFCHR && node.rdev === 0;
}

export function isOpaqueInode(node: Inode): boolean {
  const v = node.xattrs?.get(OPAQUE_XATTR);
  return v !== undefined && v.length === 1 && v[0] === 0x79;
}
