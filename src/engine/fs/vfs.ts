import type { FsError } from './errors.ts';

/** File type bits of `mode` (as in <sys/stat.h>). */
export const S_IFMT = 0o170000;
export const S_IFSOCK = 0o140000;
export const S_IFLNK = 0o120000;
export const S_IFREG = 0o100000;
export const S_IFBLK = 0o060000;
export const S_IFDIR = 0o040000;
export const S_IFCHR = 0o020000;
export const S_IFIFO = 0o010000;
export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;

export type FileType = 'file' | 'dir' | 'symlink' | 'chardev' | 'blockdev' | 'fifo' | 'socket';

/** What stat/lstat return. Times in ms since the epoch, from the injected clock. */
export interface Stat {
  readonly type: FileType;
  /** Full st_mode: type bits | permission bits (incl. setuid/setgid/sticky). */
  readonly mode: number;
  readonly ino: number;
  /** Device the inode lives on; in a union mount, the layer's device id. */
  readonly dev: number;
  readonly nlink: number;
  readonly uid: number;
  readonly gid: number;
  readonly size: number;
  /** Major/minor for device nodes (whiteouts in an upper dir are chardev 0/0). */
  readonly rdev: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export interface DirEntry {
  readonly name: string;
  readonly type: FileType;
  readonly ino: number;
}

/** The calling process's credentials; permission checks apply when uid !== 0. */
export interface Cred {
  readonly uid: number;
  readonly gid: number;
  readonly groups?: readonly number[];
  /** Process umask for create calls (default 0o022). */
  readonly umask?: number;
}

export const ROOT_CRED: Cred = { uid: 0, gid: 0, groups: [0], umask: 0o022 };

/** open(2) flags, Linux values. */
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_CREAT = 0o100;
export const O_EXCL = 0o200;
export const O_TRUNC = 0o1000;
export const O_APPEND = 0o2000;
export const O_DIRECTORY = 0o200000;
export const O_NOFOLLOW = 0o400000;

/**
 * The synchronous file-system contract every implementation (the in-memory
 * inode fs, the union mount, projections such as /proc) fulfils. Synchronous on
 * purpose: in a single-threaded worker each call is atomic and traces are
 * deterministic; process I/O above it is asynchronous.
 *
 * Paths are absolute POSIX paths (`/a/b`); implementations resolve symlinks
 * (except in the final component for lstat/readlink/unlink/rmdir/rename/
 * symlink/link-source and when O_NOFOLLOW is given) with Linux's limit of 40
 * links (ELOOP). Every failure throws `FsError(errno, syscall, path)`; nothing
 * returns error values. Calls take an optional `cred`; without one they run as
 * root.
 */
export interface Vfs {
  stat(path: string, cred?: Cred): Stat;
  lstat(path: string, cred?: Cred): Stat;
  /** Entries without `.` and `..`, sorted by name (byte order). */
  readdir(path: string, cred?: Cred): DirEntry[];
  readFile(path: string, cred?: Cred): Uint8Array;
  /** Create or replace the file's content (O_WRONLY|O_CREAT|O_TRUNC), mode applied on create only. */
  writeFile(path: string, data: Uint8Array, options?: { mode?: number; cred?: Cred }): void;
  /** Returns a file description number local to this Vfs. */
  open(path: string, flags: number, mode?: number, cred?: Cred): number;
  /** Reads up to `length` bytes at `position` (or the current offset when null). */
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  close(fd: number): void;
  mkdir(path: string, mode?: number, cred?: Cred): void;
  rmdir(path: string, cred?: Cred): void;
  unlink(path: string, cred?: Cred): void;
  rename(from: string, to: string, cred?: Cred): void;
  symlink(target: string, path: string, cred?: Cred): void;
  readlink(path: string, cred?: Cred): string;
  link(existing: string, path: string, cred?: Cred): void;
  chmod(path: string, mode: number, cred?: Cred): void;
  chown(path: string, uid: number, gid: number, cred?: Cred): void;
  lchown(path: string, uid: number, gid: number, cred?: Cred): void;
  utimes(path: string, atimeMs: number, mtimeMs: number, cred?: Cred): void;
  truncate(path: string, length: number, cred?: Cred): void;
  /** mknod for device nodes and fifos (whiteouts are chardev 0/0). */
  mknod(path: string, mode: number, rdev: number, cred?: Cred): void;
}

export type { FsError };

/**
 * Optional capability: extended attributes (l-variants: symlinks are not
 * followed, which is all overlayfs needs for `trusted.overlay.opaque`).
 * A missing attribute reads as `undefined` rather than ENODATA.
 */
export interface XattrVfs {
  getxattr(path: string, name: string): Uint8Array | undefined;
  setxattr(path: string, name: string, value: Uint8Array): void;
  removexattr(path: string, name: string): void;
  listxattr(path: string): string[];
}

/** Access mode of open flags (O_RDONLY, O_WRONLY or O_RDWR). */
export const O_ACCMODE = 3;
