/**
 * One container: its config (as `docker inspect` shows it), its root file
 * system (a union mount: the image's layers shared read-only, plus its own
 * upper dir), its lifecycle state, its log, and while it runs, a kernel of
 * its own (a PID namespace whose PID 1 is the resolved command).
 *
 * Lifecycle: created → running → exited (→ running again on start/restart),
 * with paused and restarting in between. A start that runc refuses (program
 * not found, not executable, unknown user) leaves the container `created`
 * with ExitCode 127/126 and State.Error set, as dockerd does.
 */
import type { ContainerConfig, ContainerStatus, HealthState, PortBinding, RestartPolicy } from '../../api/containers.ts';
import type { MountRecord } from './container-mounts.ts';
import type { EndpointsConfig } from './container-net.ts';
import type { UnionMount } from '../snapshots/union-mount.ts';
import type { Kernel } from '../userspace/process/kernel.ts';
import type { Process } from '../userspace/process/process.ts';
import { LogBuffer } from './log-buffer.ts';
import type { StdinFeed } from './stdio.ts';

export interface ContainerHostConfig {
  readonly AutoRemove: boolean;
  readonly RestartPolicy: RestartPolicy;
  readonly NetworkMode: string;
  readonly PortBindings?: Readonly<Record<string, readonly PortBinding[]>>;
  readonly PublishAllPorts?: boolean;
  /** `-v` values as given (inspect's HostConfig.Binds). */
  readonly Binds?: readonly string[];
  readonly VolumesFrom?: readonly string[];
  /** The networks joined at start (NetworkMode's first), with aliases; `docker network connect` adds to it. */
  readonly EndpointsConfig?: EndpointsConfig;
  /** The mounts resolved at create (anonymous volumes named). */
  readonly MountPoints?: readonly MountRecord[];
  /** `--privileged`: every capability, and the host's devices in /dev. */
  readonly Privileged?: boolean;
  readonly CapAdd?: readonly string[];
  readonly CapDrop?: readonly string[];
}

/** A `docker exec` instance. */
export interface ExecInstance {
  readonly id: string;
  readonly containerId: string;
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly workingDir: string;
  readonly user: string;
  readonly tty: boolean;
  readonly attachStdin: boolean;
  running: boolean;
  exitCode: number | null;
  pid: number;
  process?: Process;
  stdin?: StdinFeed;
}

export class Container {
  name: string;
  status: ContainerStatus = 'created';
  pid = 0;
  exitCode = 0;
  error = '';
  startedAt = 0;
  finishedAt = 0;
  everStarted = false;
  restartCount = 0;
  /** Set by `docker stop`, so the restart policy leaves the container stopped. */
  manuallyStopped = false;
  ipAddress = '';
  /** State.Health while a HEALTHCHECK runs (and after, as dockerd keeps the last one). */
  health: HealthState | null = null;
  /** Stops the health monitor (set while running). */
  stopHealth: (() => void) | null = null;
  kernel: Kernel | null = null;
  pid1: Process | null = null;
  stdin: StdinFeed | null = null;
  readonly execIds: string[] = [];
  /**
   * While paused: resolves at unpause. Every process of the container waits
   * on it at its next yield, timer or write, which is how the cgroup freezer
   * looks from inside (time passes, nothing runs).
   */
  frozen: Promise<void> | null = null;
  thaw: (() => void) | null = null;
  readonly log: LogBuffer;
  /** Output listeners of attached clients (docker run, docker attach). */
  readonly attached = new Set<(fd: 1 | 2, text: string) => void>();
  /** Resolvers waiting for the next exit / for removal. */
  exitWaiters: ((code: number) => void)[] = [];
  removeWaiters: ((code: number) => void)[] = [];

  constructor(
    readonly id: string,
    name: string,
    readonly created: number,
    /** Creation order, so containers made in the same millisecond still list newest first. */
    readonly seq: number,
    readonly imageId: string,
    readonly config: ContainerConfig,
    public hostConfig: ContainerHostConfig,
    /** PID 1's program and arguments (inspect `Path`, `Args`). */
    readonly path: string,
    readonly args: readonly string[],
    readonly mount: UnionMount,
    /** Chain ids of the image's layers, bottom first (GraphDriver LowerDir). */
    readonly chainIds: readonly string[],
    readonly imageSize: number,
    now: () => number,
  ) {
    this.name = name;
    this.log = new LogBuffer(now);
  }

  get shortId(): string {
    return this.id.slice(0, 12);
  }

  get running(): boolean {
    return this.status === 'running' || this.status === 'paused';
  }

  /** Waits while the container is paused. */
  async gate(): Promise<void> {
    while (this.frozen) await this.frozen;
  }

  /** PID 1's output: to the log, and to every attached client. */
  emit(fd: 1 | 2, text: string): void {
    if (text === '') return;
    this.log.write(fd === 1 ? 'stdout' : 'stderr', text);
    for (const a of this.attached) a(fd, text);
  }
}
