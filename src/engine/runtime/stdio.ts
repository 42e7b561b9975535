/**
 * The edges of a container's standard streams: what PID 1 (or an exec'd
 * process) writes goes through an OutputSink to the log and to attached
 * clients; what a client types goes into a pipe that is the process's stdin.
 * Clients receive output in batches (one per engine turn), the way
 * runCommandLine batches a command's output, so a chatty container crosses
 * the worker boundary a few times per turn, not once per write.
 */
import type { OutputChunk, OutputListener } from '../../api/engine-api.ts';
import type { Schedule } from '../deps.ts';
import { Interrupt } from '../userspace/io/interrupt.ts';
import type { OpenFile, Waiter } from '../userspace/io/open-file.ts';
import { Pipe } from '../userspace/io/pipe.ts';
import { encode, streamDecoder } from '../userspace/io/text.ts';
import { StreamFile } from '../userspace/io/special-files.ts';
import type { ByteSink, ByteSource } from '../userspace/io/special-files.ts';

/** A descriptor that writes decoded text of one stream to `emit` (after `gate`, which holds a paused container). */
export function outputFile(fd: 1 | 2, emit: (fd: 1 | 2, text: string) => void, gate?: () => Promise<void>): OpenFile {
  const decode = streamDecoder();
  const sink: ByteSink = {
    write: async (data) => {
      if (gate) await gate();
      emit(fd, decode(data));
    },
  };
  return new StreamFile(null, sink, () => {}, fd === 1 ? '/dev/stdout' : '/dev/stderr');
}

/**
 * The container's terminal with `-t`: one device (`/dev/pts/0`) for stdin,
 * stdout and stderr, so everything PID 1 writes is one stream (docker logs
 * shows it all as stdout), with the tty's output processing (ONLCR: `\n`
 * goes out as `\r\n`). Input comes from the stdin feed; with `-t` but no
 * `-i` nothing is ever typed, so a read waits forever, as on a real tty.
 *
 * Simplification: no echo or line editing in the tty itself; the terminal
 * in the tab does those.
 */
export function ttyFile(feed: StdinFeed, emit: (fd: 1 | 2, text: string) => void, gate?: () => Promise<void>): OpenFile {
  const decode = streamDecoder();
  const sink: ByteSink = {
    write: async (data) => {
      if (gate) await gate();
      emit(1, decode(data).replace(/\r?\n/g, '\r\n'));
    },
  };
  const source: ByteSource = { read: (max, w) => feed.readEnd.read(max, w) };
  return new StreamFile(source, sink, () => {}, '/dev/pts/0');
}

/** The host never waits on a signal: a waiter whose interrupt never fires. */
const HOST_WAITER: Waiter = { intr: new Interrupt(), signalPending: () => false };

/** A process's stdin fed by the host: write text, or close for end of file. */
export class StdinFeed {
  private readonly pipe = new Pipe();
  readonly readEnd: OpenFile;
  private readonly writeEnd: OpenFile;
  private closed = false;

  constructor() {
    const [r, w] = this.pipe.ends();
    this.readEnd = r;
    this.writeEnd = w;
  }

  async write(text: string): Promise<void> {
    if (this.closed) return;
    await this.writeEnd.write(encode(text), HOST_WAITER);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.writeEnd.release();
  }
}

/** One attached client's output, batched per engine turn. */
export class BatchedOutput {
  private pending: OutputChunk[] = [];
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly listener: OutputListener,
    private readonly schedule: Schedule,
  ) {}

  push(fd: 1 | 2, data: string): void {
    if (this.closed || data === '') return;
    const last = this.pending[this.pending.length - 1];
    if (last && last.fd === fd) this.pending[this.pending.length - 1] = { fd, data: last.data + data };
    else this.pending.push({ fd, data });
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Delivers what is pending now (before a wait resolves, so output precedes the exit status). */
  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.listener(batch);
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
