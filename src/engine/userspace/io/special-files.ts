import { FsError } from '../../fs/errors.ts';
import { interruptible } from './interrupt.ts';
import type { OpenFile, Waiter } from './open-file.ts';

/** /dev/null: reads give EOF, writes vanish. */
export class NullFile implements OpenFile {
  readonly kind = 'null';
  readonly readable = true;
  readonly writable = true;
  refs = 1;
  readonly path = '/dev/null';
  read(): Promise<Uint8Array | null> {
    return Promise.resolve(null);
  }
  write(): Promise<void> {
    return Promise.resolve();
  }
  release(): void {}
}

/** /dev/zero: endless zero bytes. */
export class ZeroFile implements OpenFile {
  readonly kind = 'zero';
  readonly readable = true;
  readonly writable = true;
  refs = 1;
  readonly path: string = '/dev/zero';
  read(max: number): Promise<Uint8Array | null> {
    return Promise.resolve(new Uint8Array(Math.min(max, 65536)));
  }
  write(): Promise<void> {
    return Promise.resolve();
  }
  release(): void {}
}

/** /dev/full: reads zeros, every write fails with ENOSPC (to try out write errors). */
export class FullFile extends ZeroFile {
  override readonly path = '/dev/full';
  override write(): Promise<void> {
    return Promise.reject(new FsError('ENOSPC', 'write', this.path));
  }
}

/** /dev/urandom and /dev/random: bytes from the injected random source (never Math.random). */
export class RandomFile implements OpenFile {
  readonly kind = 'zero';
  readonly readable = true;
  readonly writable = true;
  refs = 1;
  constructor(
    private readonly nextUint32: () => number,
    readonly path = '/dev/urandom',
  ) {}
  read(max: number): Promise<Uint8Array | null> {
    const n = Math.min(max, 65536);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const v = this.nextUint32();
      for (let k = 0; k < 4 && i + k < n; k++) out[i + k] = (v >>> (k * 8)) & 0xff;
    }
    return Promise.resolve(out);
  }
  write(): Promise<void> {
    return Promise.resolve();
  }
  release(): void {}
}

/** A byte source for stdin given by the host (a script's input, a terminal). */
export interface ByteSource {
  read(max: number, w: Waiter): Promise<Uint8Array | null>;
}

/** A byte sink for output going to the host (captured stdout, a terminal). */
export interface ByteSink {
  write(data: Uint8Array, w: Waiter): Promise<void> | void;
}

/** An open file backed by host callbacks: the edges of a container's stdio. */
export class StreamFile implements OpenFile {
  readonly kind = 'stream';
  refs = 1;
  readonly readable: boolean;
  readonly writable: boolean;
  constructor(
    private readonly source: ByteSource | null,
    private readonly sink: ByteSink | null,
    private readonly onRelease: () => void = () => {},
    readonly path = '/dev/tty',
  ) {
    this.readable = source !== null;
    this.writable = sink !== null;
  }
  read(max: number, w: Waiter): Promise<Uint8Array | null> {
    if (!this.source) return Promise.reject(new FsError('EBADF', 'read', this.path));
    return this.source.read(max, w);
  }
  async write(data: Uint8Array, w: Waiter): Promise<void> {
    if (!this.sink) throw new FsError('EBADF', 'write', this.path);
    await this.sink.write(data, w);
  }
  release(): void {
    this.onRelease();
  }
}

/** A source that yields one fixed byte string, then EOF. */
export function bytesSource(data: Uint8Array): ByteSource {
  let off = 0;
  return {
    read(max) {
      if (off >= data.length) return Promise.resolve(null);
      const out = data.subarray(off, off + max);
      off += out.length;
      return Promise.resolve(out);
    },
  };
}

/** A sink that collects everything written, for tests and captured output. */
export class CollectSink implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  write(data: Uint8Array): void {
    this.chunks.push(data.slice());
  }
}

/**
 * A byte source the host pushes into as data arrives: a terminal's keyboard
 * side (`docker run -it`, `docker exec -it`) or an attached stdin. Reads
 * block until data or end, and wake with Interrupted on a signal.
 */
export class PushSource implements ByteSource {
  private chunks: Uint8Array[] = [];
  private ended = false;
  private waiters: (() => void)[] = [];

  push(data: Uint8Array): void {
    if (this.ended || data.length === 0) return;
    this.chunks.push(data.slice());
    this.wake();
  }

  /** End of input (Ctrl-D on an empty line, or the attached stream closed). */
  end(): void {
    this.ended = true;
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  async read(max: number, w: Waiter): Promise<Uint8Array | null> {
    while (this.chunks.length === 0) {
      if (this.ended) return null;
      await interruptible(new Promise<void>((r) => this.waiters.push(r)), w.intr, () => w.signalPending());
    }
    const first = this.chunks[0]!;
    if (first.length <= max) {
      this.chunks.shift();
      return first;
    }
    this.chunks[0] = first.subarray(max);
    return first.subarray(0, max);
  }
}
