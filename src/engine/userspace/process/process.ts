import type { Cred, Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { FdTable } from '../io/fd-table.ts';
import { Interrupt, interruptible } from '../io/interrupt.ts';
import type { Waiter } from '../io/open-file.ts';
import { encode } from '../io/text.ts';
import { ProcessTerminated } from './errors.ts';
import type { Kernel } from './kernel.ts';
import { SIGNALS } from './signals.ts';
import type { Disposition } from './signals.ts';

/** A program's entry point: runs as `proc` and resolves to its exit status. */
export type Program = (proc: Process) => Promise<number>;

/**
 * One process: PID, parent, argv, environment, working directory,
 * credentials, umask, descriptor table and signal state. Programs reach the
 * rest of the system only through it (file I/O via `vfs` with `cred`, byte
 * streams via `read`/`write`, other processes via `kernel`).
 */
export class Process implements Waiter {
  readonly intr = new Interrupt();
  /** Caught signals waiting for the program to handle them (shell traps). */
  readonly pending: number[] = [];
  readonly dispositions = new Map<number, Disposition>();
  dead = false;
  /** The signal that killed the process, if one did. */
  termsig: number | undefined;
  status: number | undefined;
  /** Process group: the shell's, unless it made a new one. */
  pgid: number;
  readonly exited: Promise<number>;
  private resolveExit!: (status: number) => void;

  constructor(
    readonly kernel: Kernel,
    readonly pid: number,
    public ppid: number,
    public argv: string[],
    public env: string[],
    public cwd: string,
    public cred: Cred,
    readonly fds: FdTable,
  ) {
    this.pgid = pid;
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  /** The file system as this process sees it (the container's, with /proc). */
  get vfs(): Vfs {
    return this.kernel.vfsFor(this);
  }

  /** Name shown in /proc/<pid>/comm and ps: argv[0]'s basename. */
  get comm(): string {
    const a0 = this.argv[0] ?? '';
    return a0.slice(a0.lastIndexOf('/') + 1).slice(0, 15);
  }

  get umask(): number {
    return this.cred.umask ?? 0o022;
  }

  set umask(m: number) {
    this.cred = { ...this.cred, umask: m & 0o777 };
  }

  signalPending(): boolean {
    return this.dead || this.pending.length > 0;
  }

  /** Throws ProcessTerminated if the process has been killed: call at safe points. */
  check(): void {
    if (this.dead) throw new ProcessTerminated(this.status ?? 137);
  }

  /** Waits for `p`, unless the process is killed (or signalled, if `wakeOnSignal`). */
  async wait<T>(p: Promise<T>, wakeOnSignal = false): Promise<T> {
    this.check();
    try {
      return await interruptible(p, this.intr, () => this.dead || (wakeOnSignal && this.pending.length > 0));
    } finally {
      this.check();
    }
  }

  private ops = 0;

  /**
   * Every 64th I/O call gives the host a turn (a macrotask), so a process
   * that only talks to pipes or /dev/null (`yes > /dev/null`) cannot starve
   * the UI or Ctrl-C.
   */
  async maybeYield(): Promise<void> {
    if ((++this.ops & 63) === 0) {
      await this.kernel.scheduler.yieldNow();
      this.check();
    }
  }

  /** Reads up to `max` bytes from a descriptor; null at EOF. */
  async read(fd: number, max = 65536): Promise<Uint8Array | null> {
    await this.maybeYield();
    const f = this.fds.require(fd, 'read');
    try {
      return await f.read(max, this);
    } finally {
      this.check();
    }
  }

  /**
   * Writes all bytes to a descriptor. EPIPE kills the process with SIGPIPE
   * unless it ignores SIGPIPE (then the FsError propagates).
   */
  async write(fd: number, data: Uint8Array | string): Promise<void> {
    await this.maybeYield();
    const bytes = typeof data === 'string' ? encode(data) : data;
    const f = this.fds.require(fd, 'write');
    try {
      await f.write(bytes, this);
    } catch (e) {
      if (isFsError(e, 'EPIPE') && this.dispositions.get(SIGNALS.PIPE) !== 'ignore') {
        this.termsig = SIGNALS.PIPE;
        this.kernel.terminate(this, 128 + SIGNALS.PIPE);
      }
      throw e;
    } finally {
      this.check();
    }
  }

  /** The value of an environment variable as passed at exec. */
  getenv(name: string): string | undefined {
    const prefix = `${name}=`;
    for (let i = this.env.length - 1; i >= 0; i--) if (this.env[i]!.startsWith(prefix)) return this.env[i]!.slice(prefix.length);
    return undefined;
  }

  /** An absolute, lexically normalised path for `p` relative to the cwd. */
  resolvePath(p: string): string {
    return normalizePath(p.startsWith('/') ? p : `${this.cwd}/${p}`);
  }

  /** Called by the kernel on exit. */
  markExited(status: number): void {
    this.status = status;
    this.dead = true;
    this.resolveExit(status);
  }
}

/** Collapses `//`, `.` and `..` lexically (as the shell's logical cwd does). */
export function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}
