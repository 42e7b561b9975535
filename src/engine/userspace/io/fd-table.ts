import { FsError } from '../../fs/errors.ts';
import type { OpenFile } from './open-file.ts';

/**
 * A process's file descriptor table: small integers pointing at shared open
 * file descriptions. fork copies the table (every description gains a ref);
 * close drops a ref and releases the description at zero.
 */
export class FdTable {
  private readonly fds = new Map<number, OpenFile>();

  get(fd: number): OpenFile | undefined {
    return this.fds.get(fd);
  }

  /** The descriptor's file, or EBADF. */
  require(fd: number, syscall = 'fcntl'): OpenFile {
    const f = this.fds.get(fd);
    if (!f) throw new FsError('EBADF', syscall, String(fd));
    return f;
  }

  /** Installs `file` at `fd` (closing what was there). Takes over one ref the caller holds. */
  install(fd: number, file: OpenFile): void {
    const old = this.fds.get(fd);
    this.fds.set(fd, file);
    if (old) FdTable.unref(old);
  }

  /** dup2(from, to): `to` now refers to the same description as `from`. */
  dup2(from: number, to: number): void {
    const f = this.require(from, 'dup2');
    if (from === to) return;
    f.refs++;
    this.install(to, f);
  }

  /** The lowest free descriptor at or above `min` (F_DUPFD). */
  lowestFree(min = 0): number {
    let fd = min;
    while (this.fds.has(fd)) fd++;
    return fd;
  }

  close(fd: number): void {
    const f = this.fds.get(fd);
    if (!f) return;
    this.fds.delete(fd);
    FdTable.unref(f);
  }

  closeAll(): void {
    for (const fd of [...this.fds.keys()]) this.close(fd);
  }

  /** A copy for a forked child: same descriptions, one more ref each. */
  fork(): FdTable {
    const t = new FdTable();
    for (const [fd, f] of this.fds) {
      f.refs++;
      t.fds.set(fd, f);
    }
    return t;
  }

  /** Open descriptors in ascending order. */
  entries(): [number, OpenFile][] {
    return [...this.fds.entries()].sort((a, b) => a[0] - b[0]);
  }

  static unref(f: OpenFile): void {
    if (--f.refs === 0) f.release();
  }
}
