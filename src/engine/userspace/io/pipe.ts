import { FsError } from '../../fs/errors.ts';
import { interruptible } from './interrupt.ts';
import type { OpenFile, Waiter } from './open-file.ts';

/** Linux's default pipe capacity. */
export const PIPE_CAPACITY = 65536;

/**
 * A pipe: a bounded byte queue between writers and readers. A writer blocks
 * while the queue holds `capacity` bytes or more (back-pressure); a reader
 * blocks while it is empty and some writer is still open (EOF once all are
 * closed); a write with no reader left fails with EPIPE, which the writer's
 * process turns into SIGPIPE, so `yes | head -n 3` ends at once.
 */
export class Pipe {
  private chunks: Uint8Array[] = [];
  private head = 0;
  private size = 0;
  private waiters: (() => void)[] = [];
  readers = 0;
  writers = 0;

  constructor(readonly capacity = PIPE_CAPACITY) {}

  /** The two ends as open file descriptions, each with refs = 1. */
  ends(): [PipeReadEnd, PipeWriteEnd] {
    this.readers++;
    this.writers++;
    return [new PipeReadEnd(this), new PipeWriteEnd(this)];
  }

  get buffered(): number {
    return this.size;
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  async read(max: number, w: Waiter): Promise<Uint8Array | null> {
    while (this.size === 0) {
      if (this.writers === 0) return null;
      await interruptible(this.changed(), w.intr, () => w.signalPending());
    }
    const first = this.chunks[this.head]!;
    let out: Uint8Array;
    if (first.length <= max) {
      out = first;
      this.chunks[this.head++] = EMPTY;
      if (this.head > 64 && this.head * 2 > this.chunks.length) {
        this.chunks = this.chunks.slice(this.head);
        this.head = 0;
      }
    } else {
      out = first.subarray(0, max);
      this.chunks[this.head] = first.subarray(max);
    }
    this.size -= out.length;
    this.notify();
    return out;
  }

  async write(data: Uint8Array, w: Waiter): Promise<void> {
    if (this.readers === 0) throw new FsError('EPIPE', 'write', 'pipe');
    if (data.length === 0) return;
    while (this.size >= this.capacity) {
      await interruptible(this.changed(), w.intr, () => w.signalPending());
      if (this.readers === 0) throw new FsError('EPIPE', 'write', 'pipe');
    }
    // Copy: the writer may reuse its buffer after the call returns.
    this.chunks.push(data.slice());
    this.size += data.length;
    this.notify();
  }
}

const EMPTY = new Uint8Array(0);

export class PipeReadEnd implements OpenFile {
  readonly kind = 'pipe';
  readonly readable = true;
  readonly writable = false;
  refs = 1;
  constructor(readonly pipe: Pipe) {}
  read(max: number, w: Waiter): Promise<Uint8Array | null> {
    return this.pipe.read(max, w);
  }
  write(): Promise<void> {
    return Promise.reject(new FsError('EBADF', 'write', 'pipe'));
  }
  release(): void {
    this.pipe.readers--;
    this.pipe.notify();
  }
}

export class PipeWriteEnd implements OpenFile {
  readonly kind = 'pipe';
  readonly readable = false;
  readonly writable = true;
  refs = 1;
  constructor(readonly pipe: Pipe) {}
  read(): Promise<Uint8Array | null> {
    return Promise.reject(new FsError('EBADF', 'read', 'pipe'));
  }
  write(data: Uint8Array, w: Waiter): Promise<void> {
    return this.pipe.write(data, w);
  }
  release(): void {
    this.pipe.writers--;
    this.pipe.notify();
  }
}
