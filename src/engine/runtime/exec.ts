/**
 * `docker exec` instances: a new process in a running container's PID
 * namespace (not a child of PID 1), with the container's environment plus
 * its own, its own user and working directory. A program runc cannot start
 * is reported as dockerd streams it (the message on stderr, 126/127).
 */
import type { ExecCreateOptions, ExecInspectResponse } from '../../api/containers.ts';
import type { OutputListener } from '../../api/engine-api.ts';
import { EngineError } from '../../api/errors.ts';
import type { Rng, Schedule } from '../deps.ts';
import { randomHex } from '../deps.ts';
import type { EventBus } from '../events/bus.ts';
import { FdTable } from '../userspace/io/fd-table.ts';
import { NullFile } from '../userspace/io/special-files.ts';
import type { Container, ExecInstance } from './container.ts';
import { lookupExecutable, ociExecFailed } from './oci-errors.ts';
import { execOrReport, mergeEnv, processEnv } from './process-setup.ts';
import { BatchedOutput, outputFile, StdinFeed, ttyFile } from './stdio.ts';
import { resolveUser } from './user.ts';

export class ExecRegistry {
  private readonly execs = new Map<string, ExecInstance>();

  constructor(private readonly o: { readonly rng: Rng; readonly schedule: Schedule; readonly bus: Pick<EventBus, 'publish'> }) {}

  get(id: string): ExecInstance | undefined {
    return this.execs.get(id);
  }

  require(id: string): ExecInstance {
    const exec = this.execs.get(id);
    if (!exec) throw new EngineError('NotFound', `No such exec instance: ${id}`, { execId: id });
    return exec;
  }

  /** Drops the exec instances of a removed container. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.execs.delete(id);
  }

  create(c: Container, opts: ExecCreateOptions): { Id: string } {
    if (c.status === 'paused') throw new EngineError('Conflict', `container ${c.id} is paused, unpause the container before exec`, { id: c.id });
    if (!c.running) throw new EngineError('Conflict', `container ${c.id} is not running`, { id: c.id });
    if (opts.Cmd.length === 0) throw new EngineError('InvalidParameter', 'No exec command specified', {});
    const id = randomHex(this.o.rng, 32);
    const exec: ExecInstance = {
      id,
      containerId: c.id,
      argv: [...opts.Cmd],
      env: [...(opts.Env ?? [])],
      workingDir: opts.WorkingDir ?? '',
      user: opts.User ?? '',
      tty: opts.Tty ?? false,
      attachStdin: opts.AttachStdin ?? false,
      // Made now, so input sent right after start (before the process reads) is not lost.
      ...(opts.AttachStdin ? { stdin: new StdinFeed() } : {}),
      running: false,
      exitCode: null,
      pid: 0,
    };
    this.execs.set(id, exec);
    c.execIds.push(id);
    return { Id: id };
  }

  /**
   * Runs an exec instance. Attached: resolves when the process exits, its
   * output having gone to `listener`; detached: resolves once it started.
   * A program runc cannot start is reported the way dockerd streams it:
   * the message on stderr, ExitCode 126/127.
   */
  async start(exec: ExecInstance, c: Container, opts: { detach?: boolean }, listener?: OutputListener): Promise<void> {
    const execId = exec.id;
    if (!c.running || !c.kernel) throw new EngineError('Conflict', `container ${c.id} is not running`, { id: c.id });
    const out = listener && !opts.detach ? new BatchedOutput(listener, this.o.schedule) : null;
    const userSpec = exec.user || c.config.User;
    const user = resolveUser(c.mount, userSpec);
    if ('error' in user) {
      exec.exitCode = 126;
      out?.push(2, `${ociExecFailed(user.error)}\n`);
      out?.close();
      return;
    }
    // dockerd adds TERM=xterm to a tty exec's environment unless it is set.
    const env = mergeEnv(exec.env, mergeEnv(processEnv(c, user.home), exec.tty ? ['TERM=xterm'] : []));
    const cwd = exec.workingDir || c.config.WorkingDir || '/';
    const found = lookupExecutable(c.mount, exec.argv[0]!, env, cwd, user.cred);
    if ('error' in found) {
      exec.exitCode = found.error.includes('permission denied') || found.error.includes('is a directory') ? 126 : 127;
      out?.push(2, `${ociExecFailed(found.error)}\n`);
      out?.close();
      return;
    }
    const fds = new FdTable();
    const emit = (fd: 1 | 2, text: string) => out?.push(fd, text);
    if (exec.tty) {
      // `exec -t`: one terminal device for all three (`\r\n` line ends, everything on stdout), as for `run -t`.
      fds.install(0, ttyFile(exec.stdin ?? new StdinFeed(), emit, () => c.gate()));
      fds.dup2(0, 1);
      fds.dup2(0, 2);
    } else {
      fds.install(0, exec.stdin ? exec.stdin.readEnd : new NullFile());
      fds.install(1, outputFile(1, emit, () => c.gate()));
      fds.install(2, outputFile(2, emit, () => c.gate()));
    }
    const proc = c.kernel.create({ argv: [...exec.argv], env, cwd, cred: user.cred, fds });
    exec.process = proc;
    exec.running = true;
    exec.pid = c.pid + proc.pid - 1;
    c.kernel.run(proc, (p) => execOrReport(p, found.path, [...exec.argv], env));
    this.o.bus.publish('/container/exec/started', { id: c.id, execId, argv: exec.argv });
    const done = proc.exited.then((status) => {
      exec.running = false;
      exec.exitCode = status;
      exec.stdin?.close();
      out?.close();
      this.o.bus.publish('/container/exec/died', { id: c.id, execId, exitCode: status });
    });
    if (!opts.detach) await done;
  }

  inspect(execId: string): ExecInspectResponse {
    const exec = this.require(execId);
    return {
      ID: exec.id,
      Running: exec.running,
      ExitCode: exec.exitCode,
      ContainerID: exec.containerId,
      Pid: exec.pid,
      ProcessConfig: { entrypoint: exec.argv[0]!, arguments: exec.argv.slice(1), tty: exec.tty, user: exec.user },
    };
  }
}
