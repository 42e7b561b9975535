/** errno names the Vfs raises, with Linux's numbers and strerror texts (glibc/musl wording). */
export const ERRNO = {
  EPERM: { errno: 1, text: 'Operation not permitted' },
  ENOENT: { errno: 2, text: 'No such file or directory' },
  EIO: { errno: 5, text: 'I/O error' },
  EBADF: { errno: 9, text: 'Bad file descriptor' },
  EAGAIN: { errno: 11, text: 'Resource temporarily unavailable' },
  EACCES: { errno: 13, text: 'Permission denied' },
  EBUSY: { errno: 16, text: 'Resource busy' },
  EEXIST: { errno: 17, text: 'File exists' },
  EXDEV: { errno: 18, text: 'Invalid cross-device link' },
  ENOTDIR: { errno: 20, text: 'Not a directory' },
  EISDIR: { errno: 21, text: 'Is a directory' },
  EINVAL: { errno: 22, text: 'Invalid argument' },
  EMFILE: { errno: 24, text: 'Too many open files' },
  EFBIG: { errno: 27, text: 'File too large' },
  ENOSPC: { errno: 28, text: 'No space left on device' },
  EROFS: { errno: 30, text: 'Read-only file system' },
  EMLINK: { errno: 31, text: 'Too many links' },
  EPIPE: { errno: 32, text: 'Broken pipe' },
  ENAMETOOLONG: { errno: 36, text: 'File name too long' },
  ENOTEMPTY: { errno: 39, text: 'Directory not empty' },
  ELOOP: { errno: 40, text: 'Symbolic link loop' },
} as const;

export type Errno = keyof typeof ERRNO;

/**
 * A failed file-system call: errno name, the syscall that failed and the path
 * (and second path for rename/link/symlink). `message` reads like a Node or C
 * error so it can be shown as is; applets format their own BusyBox messages
 * from `errno` and `text`.
 */
export class FsError extends Error {
  override readonly name = 'FsError';
  constructor(
    readonly code: Errno,
    readonly syscall: string,
    readonly path: string,
    readonly dest?: string,
  ) {
    super(`${code}: ${ERRNO[code].text}, ${syscall} '${path}'${dest !== undefined ? ` -> '${dest}'` : ''}`);
  }
  get errno(): number {
    return ERRNO[this.code].errno;
  }
  /** strerror(errno), e.g. "No such file or directory". */
  get text(): string {
    return ERRNO[this.code].text;
  }
}

export function isFsError(err: unknown, code?: Errno): err is FsError {
  return err instanceof FsError && (code === undefined || err.code === code);
}
