import type { Cred, Vfs } from '../../fs/vfs.ts';
import { ROOT_CRED } from '../../fs/vfs.ts';
import { FdTable } from '../io/fd-table.ts';
import { encode } from '../io/text.ts';
import { loadExecutable } from './binfmt.ts';
import { ProcVfs } from './procfs.ts';
import { ExecError, ForkError, ProcessTerminated } from './errors.ts';
import { Process } from './process.ts';
import type { Program } from './process.ts';
import type { Scheduler } from './scheduler.ts';
import { defaultIgnored, SIGNALS } from './signals.ts';

/**
 * Runs a WebAssembly (WASI) module as `proc`. The WASI host is a later piece
 * of issue 5; until it is plugged in, the kernel answers with a clear message.
 */
export type WasmRunner = (proc: Process, module: Uint8Array) => Promise<number>;

export interface KernelOptions {
  readonly vfs: Vfs;
  readonly scheduler: Scheduler;
  /** The multi-call binary's applets, by name (sh included). */
  readonly applets: (name: string, from?: 'busybox' | 'applet') => Program | undefined;
  readonly wasm?: WasmRunner;
  readonly hostname?: string;
  /** Synthesize /proc for processes (default true). */
  readonly procfs?: boolean;
  /** /proc/mounts text (the runtime passes the overlay line with lowerdir/upperdir/workdir). */
  readonly mounts?: string;
  /** Random 32-bit words for /dev/urandom (the engine's injected Rng). */
  readonly random?: () => number;
  /** CPUs the simulated host has (nproc); containers see the host's. Default 2. */
  readonly cpus?: number;
  /**
   * Most processes the namespace may hold at once (the container's pids
   * limit); fork beyond it fails with EAGAIN (ForkError). Default 512.
   */
  readonly maxProcesses?: number;
  /** RAM of the simulated host in bytes (free, top, /proc/meminfo); containers see the host's. Default 4 GiB. */
  readonly memBytes?: number;
  /** When the simulated host booted (ms since the epoch, uptime); default: when this kernel was made. */
  readonly bootedAt?: number;
  /** The root file system's size and use in bytes (df), when the runtime knows them (a quota). */
  readonly disk?: () => { readonly sizeBytes: number; readonly usedBytes: number };
  /** A `--privileged` container: may read the kernel ring buffer (dmesg). */
  readonly privileged?: boolean;
  /**
   * The PID of the first process (default 1: a container's PID namespace).
   * The Docker host's kernel starts above its daemons' PIDs.
   */
  readonly firstPid?: number;
  /** Facts for the visualisation (process started/exited); optional. */
  readonly publish?: (topic: string, data: unknown) => void;
}

/** The pids limit of a namespace unless KernelOptions says otherwise. */
export const DEFAULT_MAX_PROCESSES = 512;

/** What a fresh process starts with. */
export interface SpawnOptions {
  readonly argv: string[];
  readonly env: string[];
  readonly cwd: string;
  readonly cred?: Cred;
  readonly fds: FdTable;
}

/**
 * One PID namespace: the process table of a container. PID 1 is the first
 * process spawned (the container's main process). fork/exec/kill/exit follow
 * Linux semantics where a learner can see them: exec is decided by file
 * content, a dead process's descriptors are closed at once (so its pipe peers
 * see EOF or EPIPE), and PID 1 never gets a signal whose action is the
 * default (the reason `docker stop` on a plain `sh` waits for SIGKILL).
 */
export class Kernel {
  readonly procs = new Map<number, Process>();
  private nextPid: number;
  hostname: string;

  /** When the simulated host booted (ms), for uptime. */
  readonly bootedAt: number;

  constructor(readonly opts: KernelOptions) {
    this.hostname = opts.hostname ?? 'localhost';
    this.nextPid = opts.firstPid ?? 1;
    this.bootedAt = opts.bootedAt ?? opts.scheduler.now();
  }

  /** The most recently assigned PID (top's and /proc/loadavg's last field). */
  get lastPid(): number {
    return this.nextPid - 1;
  }

  get vfs(): Vfs {
    return this.opts.vfs;
  }

  private readonly views = new WeakMap<Process, Vfs>();

  /** The file system as `proc` sees it: the container's Vfs plus its /proc. */
  vfsFor(proc: Process): Vfs {
    if (this.opts.procfs === false) return this.opts.vfs;
    let v = this.views.get(proc);
    if (!v) {
      v = new ProcVfs(this.opts.vfs, this, proc);
      this.views.set(proc, v);
    }
    return v;
  }

  get scheduler(): Scheduler {
    return this.opts.scheduler;
  }

  /** A new process with no parent in this namespace (PID 1, or a `docker exec`). */
  create(o: SpawnOptions): Process {
    const p = new Process(this, this.nextPid++, 0, o.argv, o.env, o.cwd, o.cred ?? ROOT_CRED, o.fds);
    this.procs.set(p.pid, p);
    this.opts.publish?.('/sim/process/started', { pid: p.pid, ppid: 0, argv: p.argv });
    return p;
  }

  /** fork(2): a child sharing the parent's descriptions, running `body`. Throws ForkError at the process limit. */
  fork(parent: Process, body: Program): Process {
    parent.check();
    if (this.procs.size >= (this.opts.maxProcesses ?? DEFAULT_MAX_PROCESSES)) throw new ForkError();
    const p = new Process(this, this.nextPid++, parent.pid, [...parent.argv], parent.env, parent.cwd, parent.cred, parent.fds.fork());
    p.pgid = parent.pgid;
    for (const [sig, d] of parent.dispositions) if (d === 'ignore') p.dispositions.set(sig, d);
    this.procs.set(p.pid, p);
    this.run(p, body);
    return p;
  }

  private forks = 0;

  /**
   * Starts `program` in `proc`; its promise becomes the exit status. A
   * crowded namespace (or every 32nd start) first gives the host a turn, so
   * processes that only fork (a fork bomb) cannot starve the UI or Ctrl-C.
   */
  run(proc: Process, program: Program): void {
    const turn = ++this.forks % 32 === 0 || this.procs.size > 64 ? this.scheduler.yieldNow() : Promise.resolve();
    void turn
      .then(() => (proc.dead ? proc.status ?? 137 : program(proc)))
      .then(
        (status) => this.exit(proc, status),
        (err: unknown) => {
          if (err instanceof ProcessTerminated) return this.exit(proc, err.status);
          // A bug in a program: say so on its stderr rather than hang the pipeline.
          const msg = err instanceof Error ? err.message : String(err);
          const f = proc.fds.get(2);
          if (f && !proc.dead) void f.write(encode(`${proc.comm}: internal error: ${msg}\n`), proc).catch(() => {});
          this.exit(proc, 255);
        },
      );
  }

  /**
   * execve(2) within `proc`: loads the file at `path` (absolute), replaces
   * argv and env, and runs the image to completion. Throws ExecError.
   */
  async exec(proc: Process, path: string, argv: string[], env: string[], depth = 0): Promise<number> {
    const image = loadExecutable(proc.vfs, proc.resolvePath(path), proc.cred);
    switch (image.kind) {
      case 'busybox':
      case 'applet': {
        let args = argv;
        // A login shell's argv[0] is `-sh`: BusyBox drops the dash to find the applet.
        let name = image.kind === 'applet' ? image.applet : basename(argv[0] ?? path).replace(/^-/, '');
        if (image.kind === 'busybox' && name === 'busybox') {
          args = argv.slice(1);
          name = basename(args[0] ?? '');
          if (args.length === 0) {
            await proc.write(2, 'BusyBox v1.36.1 (Layerlab) multi-call binary.\n');
            return 1;
          }
        }
        const program = this.opts.applets(name, image.kind);
        proc.argv = args;
        proc.env = env;
        if (!program) {
          await proc.write(2, `${name}: applet not found\n`);
          return 127;
        }
        return program(proc);
      }
      case 'script': {
        if (depth > 4) throw new ExecError('ELOOP', path);
        const args = [image.interpreter, ...(image.arg !== null ? [image.arg] : []), path, ...argv.slice(1)];
        return this.exec(proc, image.interpreter, args, env, depth + 1);
      }
      case 'wasm': {
        proc.argv = argv;
        proc.env = env;
        if (!this.opts.wasm) {
          await proc.write(2, `${basename(argv[0] ?? path)}: cannot run WebAssembly programs yet\n`);
          return 126;
        }
        return this.opts.wasm(proc, image.module);
      }
      case 'unknown':
        throw new ExecError('ENOEXEC', path);
    }
  }

  /**
   * kill(2). Returns false if there is no such process. Signal 0 only checks
   * existence. KILL always terminates; a caught signal is queued for the
   * program; a default action terminates, except for PID 1.
   */
  kill(pid: number, sig: number): boolean {
    const p = this.procs.get(pid);
    if (!p || p.dead) return false;
    this.deliver(p, sig);
    return true;
  }

  /** Sends `sig` to every process of a process group (Ctrl-C to a foreground job). */
  killGroup(pgid: number, sig: number): boolean {
    let any = false;
    for (const p of [...this.procs.values()]) if (p.pgid === pgid && !p.dead) {
      this.deliver(p, sig);
      any = true;
    }
    return any;
  }

  private deliver(p: Process, sig: number): void {
    if (sig === 0) return;
    if (sig === SIGNALS.KILL) {
      p.termsig = sig;
      return this.terminate(p, 128 + sig);
    }
    const d = p.dispositions.get(sig) ?? 'default';
    if (d === 'ignore') return;
    if (d === 'catch') {
      p.pending.push(sig);
      p.intr.trigger();
      return;
    }
    if (defaultIgnored(sig) || p.pid === 1) return;
    p.termsig = sig;
    this.terminate(p, 128 + sig);
  }

  /** Ends `proc` now with `status` (128+signal when killed). */
  terminate(proc: Process, status: number): void {
    if (proc.dead) return;
    this.exit(proc, status);
    proc.intr.trigger();
  }

  /** Process exit: close descriptors, record the status, reparent children to PID 1. */
  exit(proc: Process, status: number): void {
    if (proc.dead) return;
    proc.fds.closeAll();
    proc.markExited(status & 0xff);
    this.procs.delete(proc.pid);
    for (const c of this.procs.values()) if (c.ppid === proc.pid) c.ppid = this.procs.has(1) ? 1 : 0;
    this.opts.publish?.('/sim/process/exited', { pid: proc.pid, status: status & 0xff });
    // Linux's zap_pid_ns_processes: the namespace dies with its init, so
    // nothing it left behind (background jobs, a fork bomb) outlives the container.
    if (proc.pid === 1) for (const p of [...this.procs.values()]) this.deliver(p, SIGNALS.KILL);
  }

  /** Processes in PID order (ps, /proc). */
  list(): Process[] {
    return [...this.procs.values()].sort((a, b) => a.pid - b.pid);
  }
}

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
