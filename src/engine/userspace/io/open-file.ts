import type { Interrupt } from './interrupt.ts';

/** What a blocking call needs from the calling process: a way to be woken by signals. */
export interface Waiter {
  readonly intr: Interrupt;
  /** True when a signal is waiting to be delivered (the wait must not start). */
  signalPending(): boolean;
}

/**
 * An open file description (the kernel object a file descriptor points to).
 * Descriptors made by dup/fork share one description and its offset; the
 * description is released when the last descriptor closes (`refs` reaches 0),
 * which is what makes a pipe reader see EOF only after every writer is gone.
 */
export interface OpenFile {
  readonly kind: 'pipe' | 'file' | 'null' | 'zero' | 'stream' | 'dir';
  /** Number of descriptors pointing here; managed by FdTable. */
  refs: number;
  readonly readable: boolean;
  readonly writable: boolean;
  /** Up to `max` bytes, or null at end of file. May block (pipes, terminals). */
  read(max: number, w: Waiter): Promise<Uint8Array | null>;
  /** Writes all of `data`. Throws FsError EPIPE when no reader is left. */
  write(data: Uint8Array, w: Waiter): Promise<void>;
  /** Called once, when the last descriptor is closed. */
  release(): void;
  /** The path it was opened from, for /proc/<pid>/fd and messages. */
  readonly path?: string;
}
