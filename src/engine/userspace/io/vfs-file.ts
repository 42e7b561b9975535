import type { Vfs } from '../../fs/vfs.ts';
import { FsError } from '../../fs/errors.ts';
import type { OpenFile } from './open-file.ts';

/**
 * An open regular file in the Vfs. The Vfs keeps the offset behind its own
 * file number, so descriptors sharing this description share the offset, as
 * after dup(2) or fork.
 */
export class VfsFile implements OpenFile {
  readonly kind = 'file';
  refs = 1;
  constructor(
    private readonly vfs: Vfs,
    private readonly vfd: number,
    readonly readable: boolean,
    readonly writable: boolean,
    readonly path: string,
  ) {}

  read(max: number): Promise<Uint8Array | null> {
    if (!this.readable) return Promise.reject(new FsError('EBADF', 'read', this.path));
    try {
      const buf = new Uint8Array(max);
      const n = this.vfs.read(this.vfd, buf, 0, max, null);
      return Promise.resolve(n === 0 ? null : buf.subarray(0, n));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.writable) return Promise.reject(new FsError('EBADF', 'write', this.path));
    try {
      let off = 0;
      while (off < data.length) off += this.vfs.write(this.vfd, data, off, data.length - off, null);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  release(): void {
    this.vfs.close(this.vfd);
  }
}
