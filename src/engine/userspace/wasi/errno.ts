/**
 * WASI preview1 errno values, which Emscripten's FS uses too (so the
 * MicroPython file system reuses this table), and the mapping from the
 * Vfs's Linux errno names.
 */
import type { Errno } from '../../fs/errors.ts';

/** WASI errno values (wasi_snapshot_preview1 `errno`). */
export const E = { SUCCESS: 0, ACCES: 2, AGAIN: 6, BADF: 8, BUSY: 10, EXIST: 20, FBIG: 22, INVAL: 28, IO: 29, ISDIR: 31, LOOP: 32, MFILE: 33, MLINK: 34, NAMETOOLONG: 37, NOENT: 44, NOSPC: 51, NOSYS: 52, NOTDIR: 54, NOTEMPTY: 55, NOTSUP: 58, PERM: 63, PIPE: 64, ROFS: 69, SPIPE: 70, XDEV: 75, NOTCAPABLE: 76 } as const;

export const FROM_FS: Record<Errno, number> = {
  EPERM: E.PERM, ENOENT: E.NOENT, EIO: E.IO, EBADF: E.BADF, EAGAIN: E.AGAIN, EACCES: E.ACCES, EBUSY: E.BUSY, EEXIST: E.EXIST, EXDEV: E.XDEV,
  ENOTDIR: E.NOTDIR, EISDIR: E.ISDIR, EINVAL: E.INVAL, EMFILE: E.MFILE, EFBIG: E.FBIG, ENOSPC: E.NOSPC, EROFS: E.ROFS, EMLINK: E.MLINK,
  EPIPE: E.PIPE, ENAMETOOLONG: E.NAMETOOLONG, ENOTEMPTY: E.NOTEMPTY, ELOOP: E.LOOP,
};

