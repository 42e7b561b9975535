import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from './vfs.ts';
import type { FileType, Stat } from './vfs.ts';

/**
 * One inode of the in-memory fs. Names live in the parent's `children` map, so
 * a hard link is simply a second map entry pointing at the same object; the
 * object is freed when no directory and no open description refers to it.
 */
export interface Inode {
  readonly ino: number;
  /** Full st_mode (type bits | permission bits). */
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  rdev: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Regular files: bytes [0, size) of `data` are the content; `data` may have spare capacity. */
  data: Uint8Array;
  size: number;
  /** Symlinks: the target exactly as given to symlink(2). */
  target: string;
  /** Directories: name → inode. */
  children: Map<string, Inode> | undefined;
  /** Extended attributes (overlay's `trusted.overlay.opaque` lives here in an upper dir). */
  xattrs: Map<string, Uint8Array> | undefined;
}

export function fileTypeOf(mode: number): FileType {
  switch (mode & S_IFMT) {
    case S_IFDIR:
      return 'dir';
    case S_IFLNK:
      return 'symlink';
    case S_IFCHR:
      return 'chardev';
    case S_IFBLK:
      return 'blockdev';
    case S_IFIFO:
      return 'fifo';
    case S_IFSOCK:
      return 'socket';
    default:
      return 'file';
  }
}

export function typeBits(type: FileType): number {
  switch (type) {
    case 'dir':
      return S_IFDIR;
    case 'symlink':
      return S_IFLNK;
    case 'chardev':
      return S_IFCHR;
    case 'blockdev':
      return S_IFBLK;
    case 'fifo':
      return S_IFIFO;
    case 'socket':
      return S_IFSOCK;
    default:
      return S_IFREG;
  }
}

/** Directories report 4096 like ext4 and overlayfs uppers do. */
export const DIR_SIZE = 4096;

export function statOf(node: Inode, dev: number, symlinkSize: (target: string) => number): Stat {
  const type = fileTypeOf(node.mode);
  return {
    type,
    mode: node.mode,
    ino: node.ino,
    dev,
    nlink: node.nlink,
    uid: node.uid,
    gid: node.gid,
    size: type === 'dir' ? DIR_SIZE : type === 'symlink' ? symlinkSize(node.target) : type === 'file' ? node.size : 0,
    rdev: node.rdev,
    atimeMs: node.atimeMs,
    mtimeMs: node.mtimeMs,
    ctimeMs: node.ctimeMs,
  };
}

export const isDirMode = (mode: number): boolean => (mode & S_IFMT) === S_IFDIR;
export const isRegMode = (mode: number): boolean => (mode & S_IFMT) === S_IFREG;
