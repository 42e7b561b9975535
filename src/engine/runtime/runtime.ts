/**
 * The container store and lifecycle: dockerd's container half, over the
 * snapshotter (each container's root is an active snapshot on top of its
 * image's chain) and the userspace kernel (each running container has its own
 * PID namespace). Every state change is published as a fact:
 * `/container/created`, `/container/started`, `/container/died` (with the
 * exit code), `/container/stopped`, `/container/killed`, `/container/renamed`,
 * `/container/restarted`, `/container/destroyed`, `/container/exec/started`,
 * `/container/exec/died`.
 *
 * Contract: every failure is an EngineError carrying dockerd's text
 * (`No such container: x`, `Conflict. The container name "/x" is already in
 * use …`). Time comes only from the injected clock and timers, so `docker
 * stop`'s 10 s grace period passes in no real time under test timers.
 */
import type {
  AttachedStream,
  ContainerAttachOptions,
  ContainerCreateOptions,
  ContainerCreateResponse,
  ContainerPruneReport,
  ContainerInspectResponse,
  ContainerListOptions,
  ContainerLogsOptions,
  ContainerRemoveOptions,
  ContainerStopOptions,
  ContainerSummary,
  ContainerTopResponse,
  ContainerWaitResponse,
  ExecCreateOptions,
  ExecInspectResponse,
  FilesystemChange,
  WaitCondition,
} from '../../api/containers.ts';
import type { OutputListener } from '../../api/engine-api.ts';
import { EngineError } from '../../api/errors.ts';
import type { Clock, Rng, Schedule, Timers } from '../deps.ts';
import { randomHex } from '../deps.ts';
import type { EventBus } from '../events/bus.ts';
import type { Snapshotter } from '../snapshots/snapshotter.ts';
import { FdTable } from '../userspace/io/fd-table.ts';
import { NullFile } from '../userspace/io/special-files.ts';
import type { Process } from '../userspace/process/process.ts';
import type { Scheduler } from '../userspace/process/scheduler.ts';
import { parseSignal, SIGNALS } from '../userspace/process/signals.ts';
import { createKernel } from '../userspace/run.ts';
import { Container } from './container.ts';
import { withDefaultPath } from './default-env.ts';
import { ExecRegistry } from './exec.ts';
import { CONTAINER_MANAGED_FILES } from './etc-files.ts';
import type { ImageSource } from './image-source.ts';
import { generateName } from './names.ts';
import { lookupExecutable, ociCreateFailed } from './oci-errors.ts';
import { resolveCommand } from './resolve-command.ts';
import { BatchedOutput, outputFile, StdinFeed, ttyFile } from './stdio.ts';
import { rfc3339NanoFixed } from './status.ts';
import { resolveUser } from './user.ts';
import { restoreUpper, upperTar } from './persist.ts';
import { clockTime, execOrReport, mergeEnv, mkdirp, processEnv } from './process-setup.ts';
import type { ContainerRecord } from './record.ts';

export type { ContainerRecord } from './record.ts';

import { containerInspect, containerSummary, matchesFilters, validateFilters } from './views.ts';
import type { NetView } from './views.ts';
import { ContainerNetworking, createNetworking, exposedPorts, HOST_HOSTNAME } from './container-net.ts';
import { mountEntries, prepareMountPoints, procMountLines, resolveMounts, volumesOf } from './container-mounts.ts';
import { containerLowerDirs, overlayOptions } from './overlay-paths.ts';
import { healthcheckOf, runCheck, startHealthMonitor } from './health.ts';
import { MountVfs } from './mount-vfs.ts';
import { deviceMounts, privileges } from './privileges.ts';
import { NetworkManager } from './networks.ts';
import { VolumeStore } from './volumes.ts';
import { setNetStack } from '../userspace/net/net.ts';

export interface RuntimeOptions {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly schedule: Schedule;
  readonly timers: Timers;
  readonly bus: Pick<EventBus, 'publish'>;
  readonly snapshotter: Snapshotter;
  readonly images: ImageSource;
}

const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const DEFAULT_STOP_TIMEOUT_S = 10;

interface Stream {
  readonly out: BatchedOutput;
  readonly detach: () => void;
  readonly containerId: string;
  readonly stdin: boolean;
}

export class ContainerRuntime {
  private readonly containers = new Map<string, Container>();
  private readonly names = new Map<string, string>();
  private readonly execs: ExecRegistry;
  private readonly streams = new Map<string, Stream>();
  private nextStream = 1;
  private nextHostPid = 2300;
  private nextSeq = 1;
  /** Networks, endpoints, published ports and the wires between namespaces (container-net.ts). */
  readonly networking: ContainerNetworking;
  readonly volumes: VolumeStore;

  constructor(private readonly o: RuntimeOptions) {
    this.execs = new ExecRegistry(o);
    this.networking = new ContainerNetworking(new NetworkManager(o.clock, o.rng), (topic, data) => o.bus.publish(topic, data));
    this.volumes = new VolumeStore(o.clock, o.rng);
  }

  /** The container's processes take turns and sleep on engine timers, and stand still while it is paused. */
  private schedulerFor(c: Container): Scheduler {
    const { timers, clock } = this.o;
    return {
      yieldNow: async () => {
        await new Promise<void>((r) => timers.after(0, r));
        await c.gate();
      },
      sleep: async (ms) => {
        await new Promise<void>((r) => timers.after(ms, r));
        await c.gate();
      },
      now: () => clock.now(),
    };
  }

  /** The engine clock (commit times, log filters). */
  now(): number {
    return this.o.clock.now();
  }

  // ---- engine state ----

  /**
   * The containers as engine state, oldest first, with each upper dir as a
   * tar (keyed `upper:<container id>`).
   */
  async exportState(): Promise<{ records: ContainerRecord[]; blobs: Map<string, Uint8Array> }> {
    const blobs = new Map<string, Uint8Array>();
    const records: ContainerRecord[] = [];
    for (const c of [...this.containers.values()].sort((a, b) => a.seq - b.seq)) {
      const tar = await upperTar(c.mount.changes());
      const key = tar ? `upper:${c.id}` : null;
      if (tar && key) blobs.set(key, tar);
      records.push({
        id: c.id, name: c.name, created: c.created, imageId: c.imageId, config: c.config, hostConfig: c.hostConfig, path: c.path,
        args: c.args, chainIds: c.chainIds, imageSize: c.imageSize, status: c.status, exitCode: c.exitCode, error: c.error,
        startedAt: c.startedAt, finishedAt: c.finishedAt, everStarted: c.everStarted, restartCount: c.restartCount,
        manuallyStopped: c.manuallyStopped, logs: [...c.log.entries], upper: key,
      });
    }
    return { records, blobs };
  }

  /**
   * Brings saved containers back. Simplification: processes do not survive
   * a reload; a container that was running starts again (PID 1 from the
   * beginning, its StartedAt kept), as after a daemon restart with a restart
   * policy. A container whose image is gone is skipped.
   */
  async importState(records: readonly ContainerRecord[], blob: (key: string) => Uint8Array | undefined): Promise<void> {
    for (const r of records) {
      if (this.containers.has(r.id)) continue;
      try {
        await this.o.images.resolve(r.imageId);
      } catch {
        continue;
      }
      const mount = this.o.snapshotter.prepare(r.id, r.chainIds[r.chainIds.length - 1], { labels: { 'layerlab.container': r.id } });
      const tar = r.upper ? blob(r.upper) : undefined;
      if (tar) await restoreUpper(mount.upper, tar);
      const c = new Container(r.id, r.name, r.created, this.nextSeq++, r.imageId, r.config, r.hostConfig, r.path, r.args, mount, r.chainIds, r.imageSize, () => this.o.clock.now());
      c.log.entries.push(...r.logs);
      Object.assign(c, {
        exitCode: r.exitCode, error: r.error, startedAt: r.startedAt, finishedAt: r.finishedAt, everStarted: r.everStarted,
        restartCount: r.restartCount, manuallyStopped: r.manuallyStopped, status: r.status === 'created' ? 'created' : 'exited',
      });
      this.containers.set(c.id, c);
      this.names.set(c.name, c.id);
      if (r.status === 'running' || r.status === 'paused' || r.status === 'restarting') {
        try {
          this.launch(c);
          c.startedAt = r.startedAt;
        } catch {
          c.status = 'exited';
        }
      }
    }
  }

  /** Ends every container at once (the engine's state is being replaced). */
  killAll(): void {
    for (const c of [...this.containers.values()]) {
      c.manuallyStopped = true;
      c.hostConfig = { ...c.hostConfig, AutoRemove: false };
      if (c.pid1 && c.kernel) c.kernel.kill(1, SIGNALS.KILL);
      this.destroy(c);
    }
  }

  // ---- lookup ----

  /** dockerd's GetContainer: full id, name (with or without `/`), or a unique id prefix. */
  get(ref: string): Container {
    const byId = this.containers.get(ref);
    if (byId) return byId;
    const byName = this.names.get(ref.startsWith('/') ? ref.slice(1) : ref);
    if (byName) return this.containers.get(byName)!;
    if (/^[a-f0-9]+$/.test(ref)) {
      const hits = [...this.containers.values()].filter((c) => c.id.startsWith(ref));
      if (hits.length === 1) return hits[0]!;
      if (hits.length > 1) throw new EngineError('InvalidParameter', `multiple IDs found with provided prefix: ${ref}`, { ref });
    }
    throw new EngineError('NotFound', `No such container: ${ref}`, { ref });
  }

  /** Containers using image `imageId` (for rmi's conflict check). */
  usersOf(imageId: string): { id: string; running: boolean }[] {
    return [...this.containers.values()].filter((c) => c.imageId === imageId).map((c) => ({ id: c.id, running: c.running }));
  }

  /** Ids of the containers that mount volume `name` (what makes `docker volume rm` refuse). */
  volumeUsers(name: string): string[] {
    return [...this.containers.values()].filter((c) => (c.hostConfig.MountPoints ?? []).some((m) => m.Name === name)).map((c) => c.id);
  }

  /** Every container (network and volume views look across them). */
  all(): Container[] {
    return [...this.containers.values()];
  }

  /** Counts for `docker info`. */
  counts(): { containers: number; running: number; paused: number; stopped: number } {
    const all = [...this.containers.values()];
    const running = all.filter((c) => c.status === 'running' || c.status === 'restarting').length;
    const paused = all.filter((c) => c.status === 'paused').length;
    return { containers: all.length, running, paused, stopped: all.length - running - paused };
  }

  // ---- create ----

  async create(opts: ContainerCreateOptions): Promise<ContainerCreateResponse> {
    let name: string;
    if (opts.name !== undefined && opts.name !== '') {
      if (!VALID_NAME.test(opts.name)) {
        throw new EngineError('InvalidParameter', `Invalid container name (${opts.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, { name: opts.name });
      }
      name = opts.name.replace(/^\//, '');
      const holder = this.names.get(name);
      if (holder) {
        throw new EngineError(
          'Conflict',
          `Conflict. The container name "/${name}" is already in use by container "${holder}". You have to remove (or rename) that container to be able to reuse that name.`,
          { name, id: holder },
        );
      }
    } else {
      name = generateName(this.o.rng);
      for (let retry = 1; this.names.has(name); retry++) name = generateName(this.o.rng, retry);
    }
    const workingDir = opts.WorkingDir ?? '';
    if (workingDir !== '' && !workingDir.startsWith('/')) {
      throw new EngineError('InvalidParameter', `the working directory '${workingDir}' is invalid, it needs to be an absolute path`, { workingDir });
    }
    const policy = opts.HostConfig?.RestartPolicy ?? { Name: 'no', MaximumRetryCount: 0 };
    if (opts.HostConfig?.AutoRemove && policy.Name !== 'no' && policy.Name !== '') {
      throw new EngineError('InvalidParameter', `can't create 'AutoRemove' container with restart policy`, {});
    }

    const image = await this.o.images.resolve(opts.Image);
    const net = createNetworking(this.networking.networks, opts);
    const resolved = resolveCommand(image.config, {
      ...(opts.Entrypoint !== undefined ? { entrypoint: opts.Entrypoint } : {}),
      ...(opts.Cmd !== undefined ? { args: opts.Cmd } : {}),
    });
    if (!resolved.argv) throw new EngineError('InvalidParameter', resolved.error ?? 'no command specified', {});

    const id = randomHex(this.o.rng, 32);
    const hostname = opts.Hostname || (net.mode === 'host' ? HOST_HOSTNAME : id.slice(0, 12));
    const env = mergeEnv(opts.Env ?? [], image.config.Env ?? []);
    const mount = this.o.snapshotter.prepare(id, image.chainIds[image.chainIds.length - 1], { labels: { 'layerlab.container': id } });
    const imgWorkdir = image.config.WorkingDir ?? '';
    const config = {
      Hostname: hostname,
      Domainname: '',
      User: opts.User ?? image.config.User ?? '',
      AttachStdin: opts.AttachStdin ?? false,
      AttachStdout: opts.AttachStdout ?? false,
      AttachStderr: opts.AttachStderr ?? false,
      ...exposedPorts(image.config.ExposedPorts, opts),
      Tty: opts.Tty ?? false,
      OpenStdin: opts.OpenStdin ?? false,
      StdinOnce: (opts.OpenStdin ?? false) && (opts.AttachStdin ?? false),
      Env: withDefaultPath(env),
      Cmd: resolved.config.Cmd,
      Image: opts.Image,
      Volumes: volumesOf(image.config.Volumes, opts.HostConfig?.Binds),
      WorkingDir: workingDir || imgWorkdir,
      Entrypoint: resolved.config.Entrypoint,
      OnBuild: image.config.OnBuild ?? null,
      Labels: { ...(image.config.Labels ?? {}), ...(opts.Labels ?? {}) },
      ...(opts.StopSignal ?? image.config.StopSignal ? { StopSignal: opts.StopSignal ?? image.config.StopSignal } : {}),
      ...(opts.StopTimeout !== undefined ? { StopTimeout: opts.StopTimeout } : {}),
      ...healthcheckOf(image.config.Healthcheck, opts.Healthcheck),
    };
    if (config.WorkingDir) mkdirp(mount, config.WorkingDir);
    let mounts;
    try {
      mounts = resolveMounts(this.volumes, opts, image.config.Volumes, (ref) => this.get(ref).hostConfig.MountPoints ?? []);
      prepareMountPoints(mount, this.volumes, mounts);
    } catch (e) {
      this.o.snapshotter.remove(id);
      throw e;
    }
    const binds = (opts.HostConfig?.Binds ?? []).filter((b) => b.includes(':'));
    const c = new Container(
      id,
      name,
      this.o.clock.now(),
      this.nextSeq++,
      image.id,
      config,
      {
        AutoRemove: opts.HostConfig?.AutoRemove ?? false,
        RestartPolicy: policy,
        NetworkMode: net.mode,
        ...(opts.HostConfig?.PortBindings ? { PortBindings: Object.fromEntries(Object.entries(opts.HostConfig.PortBindings).sort(([a], [b]) => (a < b ? -1 : 1))) } : {}),
        ...(opts.HostConfig?.PublishAllPorts ? { PublishAllPorts: true } : {}),
        ...(binds.length > 0 ? { Binds: binds } : {}),
        ...(opts.HostConfig?.VolumesFrom?.length ? { VolumesFrom: opts.HostConfig.VolumesFrom } : {}),
        EndpointsConfig: net.endpoints,
        MountPoints: mounts,
        ...privileges(opts.HostConfig),
      },
      resolved.argv[0]!,
      resolved.argv.slice(1),
      mount,
      image.chainIds,
      image.size,
      () => this.o.clock.now(),
    );
    this.containers.set(id, c);
    this.names.set(name, id);
    this.o.bus.publish('/container/created', {
      id,
      name,
      image: opts.Image,
      imageId: image.id,
      argv: resolved.argv,
      steps: resolved.steps,
      // For the CMD/ENTRYPOINT view: what runs as PID 1 and whether docker stop's SIGTERM reaches the application.
      pid1: resolved.pid1,
      signalsReachApp: resolved.signalsReachApp,
    });
    return { Id: id, Warnings: net.warnings };
  }

  // ---- start and the life of PID 1 ----

  async start(ref: string): Promise<void> {
    const c = this.get(ref);
    if (c.status === 'paused') throw new EngineError('Conflict', 'cannot start a paused container, try unpause instead', { id: c.id });
    if (c.running) return;
    this.launch(c);
  }

  /** Makes the PID namespace and PID 1; throws runc's error (container left `created`/`exited`) when it cannot. */
  private launch(c: Container): void {
    const fail = (detail: string, code: number): never => {
      c.exitCode = code;
      c.error = ociCreateFailed(detail).message;
      if (c.hostConfig.AutoRemove) this.destroy(c);
      throw ociCreateFailed(detail);
    };
    const user = resolveUser(c.mount, c.config.User);
    if ('error' in user) {
      // dockerd's exit code for a start failure that is neither "not found" nor "permission denied".
      c.exitCode = 128;
      c.error = user.error;
      if (c.hostConfig.AutoRemove) this.destroy(c);
      throw new EngineError('System', user.error, {});
    }
    let net;
    try {
      net = this.networking.connect(c, c.mount);
    } catch (e) {
      c.exitCode = 128;
      c.error = (e as Error).message;
      if (c.hostConfig.AutoRemove) this.destroy(c);
      throw e;
    }
    const env = processEnv(c, user.home);
    const cwd = c.config.WorkingDir || '/';
    const argv = [c.path, ...c.args];
    const found = lookupExecutable(c.mount, c.path, env, cwd, user.cred);
    if ('error' in found) this.networking.disconnect(c);
    if ('error' in found) fail(found.error, found.error.includes('permission denied') || found.error.includes('is a directory') ? 126 : 127);
    const execPath = (found as { path: string }).path;

    const entries = [...mountEntries(c, this.volumes, this.o.clock), ...deviceMounts(c, this.o.clock)];
    const kernel = createKernel(entries.length > 0 ? new MountVfs(c.mount, entries) : c.mount, this.schedulerFor(c), {
      hostname: c.config.Hostname,
      privileged: c.hostConfig.Privileged === true,
      // The container's root as the kernel mounted it: the same overlay the host's mount table lists.
      mounts:
        `overlay / overlay ${overlayOptions(c.id, containerLowerDirs(c))} 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n` +
        `tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755,inode64 0 0\n${procMountLines(c.hostConfig.MountPoints ?? [])}`,
      random: () => this.o.rng.nextUint32(),
      publish: (topic, data) => this.o.bus.publish(topic, { container: c.id, ...(data as object) }),
    });
    const fds = new FdTable();
    if (c.config.Tty) {
      const feed = new StdinFeed();
      c.stdin = c.config.OpenStdin ? feed : null;
      fds.install(0, ttyFile(feed, (fd, t) => c.emit(fd, t), () => c.gate()));
      fds.dup2(0, 1);
      fds.dup2(0, 2);
    } else {
      c.stdin = c.config.OpenStdin ? new StdinFeed() : null;
      fds.install(0, c.stdin ? c.stdin.readEnd : new NullFile());
      fds.install(1, outputFile(1, (fd, t) => c.emit(fd, t), () => c.gate()));
      fds.install(2, outputFile(2, (fd, t) => c.emit(fd, t), () => c.gate()));
    }
    const proc = kernel.create({ argv, env, cwd, cred: user.cred, fds });
    c.kernel = kernel;
    c.pid1 = proc;
    c.status = 'running';
    c.pid = this.nextHostPid++;
    setNetStack(kernel, net);
    c.ipAddress = this.networking.networks.endpointsFor(c.id).find((e) => e.ip)?.ip ?? '';
    c.exitCode = 0;
    c.error = '';
    c.startedAt = this.o.clock.now();
    c.everStarted = true;
    c.manuallyStopped = false;
    kernel.run(proc, (p) => execOrReport(p, execPath, argv, env));
    this.o.bus.publish('/container/started', { id: c.id, name: c.name, pid: c.pid, argv });
    void proc.exited.then((status) => this.onExit(c, proc, status));
    this.startHealth(c, env, user.cred);
  }

  private startHealth(c: Container, env: string[], cred: Parameters<typeof lookupExecutable>[4]): void {
    const cfg = c.config.Healthcheck;
    c.health = null;
    if (!cfg?.Test || cfg.Test[0] === 'NONE') return;
    c.stopHealth = startHealthMonitor(c, cfg, {
      timers: this.o.timers,
      now: () => this.o.clock.now(),
      publish: (topic, data) => this.o.bus.publish(topic, data),
      run: (ct, argv) => {
        const found = lookupExecutable(ct.mount, argv[0]!, env, ct.config.WorkingDir || '/', cred);
        if ('error' in found) return { result: Promise.resolve({ output: found.error, status: 1 }), kill: () => {} };
        return runCheck(ct, argv, env, found.path, cred);
      },
    });
  }

  private onExit(c: Container, proc: Process, status: number): void {
    if (c.pid1 !== proc) return;
    this.thaw(c);
    // PID 1 is gone: the kernel kills every other process of the namespace.
    for (const p of c.kernel?.list() ?? []) c.kernel!.kill(p.pid, SIGNALS.KILL);
    c.log.flush();
    c.stdin?.close();
    c.pid1 = null;
    c.kernel = null;
    c.stdin = null;
    c.stopHealth?.();
    c.stopHealth = null;
    this.networking.disconnect(c);
    c.status = 'exited';
    c.pid = 0;
    c.exitCode = status;
    c.finishedAt = this.o.clock.now();
    c.ipAddress = '';
    for (const s of this.streams.values()) s.out.flush();
    this.o.bus.publish('/container/died', { id: c.id, name: c.name, exitCode: status });
    const waiters = c.exitWaiters;
    c.exitWaiters = [];
    for (const w of waiters) w(status);
    if (this.shouldRestart(c)) {
      c.status = 'restarting';
      c.restartCount++;
      // Docker's backoff starts at 100 ms and doubles; Simplification: a constant 100 ms.
      this.o.timers.after(100, () => {
        if (c.status !== 'restarting' || !this.containers.has(c.id)) return;
        try {
          this.launch(c);
          this.o.bus.publish('/container/restarted', { id: c.id, name: c.name, restartCount: c.restartCount });
        } catch {
          c.status = 'exited';
        }
      });
      return;
    }
    if (c.hostConfig.AutoRemove) this.destroy(c);
  }

  private shouldRestart(c: Container): boolean {
    if (c.manuallyStopped) return false;
    const p = c.hostConfig.RestartPolicy;
    switch (p.Name) {
      case 'always':
      case 'unless-stopped':
        return true;
      case 'on-failure':
        return c.exitCode !== 0 && (p.MaximumRetryCount === 0 || c.restartCount < p.MaximumRetryCount);
      default:
        return false;
    }
  }

  // ---- stop, kill, restart ----

  /**
   * `docker stop`: the stop signal to PID 1, then SIGKILL after the grace
   * period. A shell as PID 1 ignores SIGTERM (the kernel never applies a
   * default action to PID 1), so the full timeout passes.
   */
  async stop(ref: string, opts: ContainerStopOptions = {}): Promise<void> {
    const c = this.get(ref);
    c.manuallyStopped = true;
    if (c.status === 'restarting') {
      c.status = 'exited';
      return;
    }
    if (!c.running || !c.pid1) return;
    const sig = this.signalNumber(opts.signal ?? c.config.StopSignal ?? 'SIGTERM');
    const timeoutS = opts.timeout ?? c.config.StopTimeout ?? DEFAULT_STOP_TIMEOUT_S;
    const proc = c.pid1;
    c.kernel!.kill(1, sig);
    this.o.bus.publish('/container/killed', { id: c.id, name: c.name, signal: sig });
    if (timeoutS >= 0) {
      const exited = await this.raceTimeout(proc.exited, timeoutS * 1000);
      if (!exited && c.pid1 === proc) {
        c.kernel!.kill(1, SIGNALS.KILL);
        this.o.bus.publish('/container/killed', { id: c.id, name: c.name, signal: SIGNALS.KILL, reason: 'stop timeout' });
      }
    }
    await proc.exited;
    await this.settled(c);
    this.o.bus.publish('/container/stopped', { id: c.id, name: c.name, exitCode: c.exitCode });
  }

  /** `docker kill`: one signal (default SIGKILL) to PID 1. */
  async kill(ref: string, signal = 'KILL'): Promise<void> {
    const c = this.get(ref);
    const sig = this.signalNumber(signal);
    if (!c.running || !c.pid1) {
      throw new EngineError('Conflict', `cannot kill container: ${ref}: container ${c.id} is not running`, { id: c.id });
    }
    if (c.status === 'paused' && sig !== SIGNALS.KILL) {
      throw new EngineError('Conflict', `cannot kill container: ${ref}: container ${c.id} is paused. Unpause the container before stopping or killing`, { id: c.id });
    }
    const proc = c.pid1;
    c.kernel!.kill(1, sig);
    this.o.bus.publish('/container/killed', { id: c.id, name: c.name, signal: sig });
    if (sig === SIGNALS.KILL) {
      await proc.exited;
      await this.settled(c);
    }
  }

  async restart(ref: string, opts: ContainerStopOptions = {}): Promise<void> {
    const c = this.get(ref);
    await this.stop(ref, opts);
    c.restartCount = 0;
    this.launch(c);
    this.o.bus.publish('/container/restarted', { id: c.id, name: c.name });
  }

  /** `docker pause`: the cgroup freezer: every process stops at its next yield, timer or write. */
  async pause(ref: string): Promise<void> {
    const c = this.get(ref);
    if (!c.running) throw new EngineError('Conflict', `container ${c.id} is not running`, { id: c.id });
    if (c.status === 'paused') throw new EngineError('Conflict', `container ${c.id} is already paused`, { id: c.id });
    c.frozen = new Promise<void>((resolve) => (c.thaw = resolve));
    c.status = 'paused';
    this.o.bus.publish('/container/paused', { id: c.id, name: c.name });
  }

  async unpause(ref: string): Promise<void> {
    const c = this.get(ref);
    if (c.status !== 'paused') throw new EngineError('Conflict', `container ${c.id} is not paused`, { id: c.id });
    this.thaw(c);
    c.status = 'running';
    this.o.bus.publish('/container/unpaused', { id: c.id, name: c.name });
  }

  private thaw(c: Container): void {
    const resume = c.thaw;
    c.frozen = null;
    c.thaw = null;
    resume?.();
  }

  private signalNumber(s: string): number {
    const n = parseSignal(s);
    if (n === undefined) throw new EngineError('InvalidParameter', `Invalid signal: ${s}`, { signal: s });
    return n;
  }

  /** Resolves true when `p` settles within `ms` of engine time. */
  private raceTimeout(p: Promise<unknown>, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const t = this.o.timers.after(ms, () => resolve(false));
      void p.then(() => {
        t.cancel();
        resolve(true);
      });
    });
  }

  /** Lets the exit handler (a `then` on PID 1's exit) run before the caller looks at state. */
  private async settled(c: Container): Promise<void> {
    for (let i = 0; i < 3 && c.pid1; i++) await Promise.resolve();
  }

  // ---- remove, rename, wait ----

  async remove(ref: string, opts: ContainerRemoveOptions = {}): Promise<void> {
    const c = this.get(ref);
    if (c.running && !opts.force) {
      throw new EngineError(
        'Conflict',
        `cannot remove container "/${c.name}": container is ${c.status}: stop the container before removing or force remove`,
        { id: c.id },
      );
    }
    if (c.running && c.pid1) {
      c.manuallyStopped = true;
      const proc = c.pid1;
      c.kernel!.kill(1, SIGNALS.KILL);
      await proc.exited;
      await this.settled(c);
    }
    if (this.containers.has(c.id)) this.destroy(c, opts.volumes ?? false);
  }

  /** Removes a container; its anonymous volumes go with it under `--rm` and `docker rm -v`. */
  private destroy(c: Container, removeVolumes = c.hostConfig.AutoRemove): void {
    if (!this.containers.delete(c.id)) return;
    this.names.delete(c.name);
    this.networking.disconnect(c);
    if (removeVolumes) {
      for (const m of c.hostConfig.MountPoints ?? []) {
        if (m.Type !== 'volume' || !m.Name || !this.volumes.records().some((v) => v.name === m.Name && v.anonymous)) continue;
        if (this.volumeUsers(m.Name).length === 0) this.volumes.remove(m.Name, []);
      }
    }
    this.execs.forget(c.execIds);
    try {
      this.o.snapshotter.remove(c.id);
    } catch (e) {
      if ((e as EngineError).code !== 'NotFound') throw e;
    }
    this.o.bus.publish('/container/destroyed', { id: c.id, name: c.name });
    const waiters = c.removeWaiters;
    c.removeWaiters = [];
    for (const w of waiters) w(c.exitCode);
  }

  /** `docker container prune`: every container that is not running goes, with its writable layer. */
  prune(filters: Readonly<Record<string, readonly string[]>>): ContainerPruneReport {
    for (const key of Object.keys(filters)) {
      if (key !== 'label' && key !== 'label!' && key !== 'until') throw new EngineError('InvalidParameter', `invalid filter '${key}'`, { key });
    }
    const until = filters.until?.[0];
    const untilMs = until === undefined ? undefined : /^\d+(\.\d+)?$/.test(until) ? Number(until) * 1000 : Date.parse(until);
    const deleted: string[] = [];
    let reclaimed = 0;
    for (const c of [...this.containers.values()]) {
      if (c.running || c.status === 'restarting') continue;
      if (untilMs !== undefined && !(c.created < untilMs)) continue;
      if (!matchesFilters(c, { ...(filters.label ? { label: filters.label } : {}) }, () => undefined)) continue;
      if ((filters['label!'] ?? []).some((l) => matchesFilters(c, { label: [l] }, () => undefined))) continue;
      reclaimed += Math.max(0, c.mount.upper.usedBytes);
      deleted.push(c.id);
      this.destroy(c);
    }
    return { ContainersDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
  }

  async rename(ref: string, newName: string): Promise<void> {
    const c = this.get(ref);
    const name = newName.replace(/^\//, '');
    if (!VALID_NAME.test(newName)) {
      throw new EngineError('InvalidParameter', `Invalid container name (${newName}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, { name: newName });
    }
    if (name === c.name) throw new EngineError('InvalidParameter', 'Renaming a container with the same name as its current name', {});
    const holder = this.names.get(name);
    if (holder) {
      throw new EngineError(
        'Conflict',
        `Error when allocating new name: Conflict. The container name "/${name}" is already in use by container "${holder}". You have to remove (or rename) that container to be able to reuse that name.`,
        { name, id: holder },
      );
    }
    const old = c.name;
    this.names.delete(old);
    this.names.set(name, c.id);
    c.name = name;
    this.o.bus.publish('/container/renamed', { id: c.id, oldName: old, name });
  }

  /** `POST /containers/{id}/wait`. */
  async wait(ref: string, condition: WaitCondition = 'not-running'): Promise<ContainerWaitResponse> {
    const c = this.get(ref);
    if (condition === 'not-running' && !c.running && c.status !== 'restarting') return { StatusCode: c.exitCode };
    const code = await new Promise<number>((resolve) => {
      if (condition === 'removed') c.removeWaiters.push(resolve);
      else c.exitWaiters.push(resolve);
    });
    return { StatusCode: code };
  }

  // ---- views ----

  list(opts: ContainerListOptions = {}): ContainerSummary[] {
    const filters = opts.filters ?? {};
    validateFilters(filters);
    let all = [...this.containers.values()].sort((a, b) => b.created - a.created || b.seq - a.seq);
    const limit = opts.limit !== undefined && opts.limit > 0 ? opts.limit : 0;
    const showAll = opts.all || limit > 0 || filters.status !== undefined || filters.exited !== undefined;
    if (!showAll) all = all.filter((c) => c.running || c.status === 'restarting');
    all = all.filter((c) => matchesFilters(c, filters, (ref) => this.imageIdOf(ref)));
    if (limit > 0) all = all.slice(0, limit);
    const now = this.o.clock.now();
    return all.map((c) => containerSummary(c, now, opts.size ?? false, this.netView(c)));
  }

  private imageIdOf(ref: string): string | undefined {
    return this.imageIds.get(ref);
  }

  /** Image refs resolved for `ancestor=` filters, filled by `resolveAncestors` before list. */
  private readonly imageIds = new Map<string, string>();

  /** Resolves `ancestor=` filter values to image ids (asynchronously, before `list`). */
  async resolveAncestors(filters: Readonly<Record<string, readonly string[]>> | undefined): Promise<void> {
    for (const ref of filters?.ancestor ?? []) {
      try {
        this.imageIds.set(ref, (await this.o.images.resolve(ref)).id);
      } catch {
        this.imageIds.delete(ref);
      }
    }
  }

  inspect(ref: string, size = false): ContainerInspectResponse {
    const c = this.get(ref);
    return containerInspect(c, size, this.netView(c));
  }

  private netView(c: Container): NetView {
    return {
      networks: this.networking.endpointSettings(c),
      ports: this.networking.portMap(c),
      summaryPorts: this.networking.summaryPorts(c),
      health: c.health,
    };
  }

  /** `docker diff`: the upper dir against the image, without the files dockerd bind-mounts. */
  changes(ref: string): FilesystemChange[] {
    const c = this.get(ref);
    const managed = new Set(CONTAINER_MANAGED_FILES);
    const raw = c.mount.diff().filter((ch) => !managed.has(ch.path));
    const kinds = { C: 0, A: 1, D: 2 } as const;
    // /etc changed only because the managed files were written is not a change the learner made.
    const out = raw.filter((ch) => !(ch.kind === 'C' && ch.path === '/etc' && !raw.some((o) => o.path.startsWith('/etc/'))));
    return out.map((ch) => ({ Path: ch.path, Kind: kinds[ch.kind] }));
  }

  /** `docker top`: `ps -ef` columns of the container's processes. */
  top(ref: string): ContainerTopResponse {
    const c = this.get(ref);
    if (!c.running || !c.kernel) {
      throw new EngineError('Conflict', `container ${c.id} is not running`, { id: c.id });
    }
    const base = c.pid;
    const procs = c.kernel.list().map((p) => [
      p.cred.uid === 0 ? 'root' : String(p.cred.uid),
      String(base + p.pid - 1),
      p.ppid === 0 ? String(base - 1) : String(base + p.ppid - 1),
      '0',
      clockTime(c.startedAt),
      '?',
      '00:00:00',
      p.argv.join(' '),
    ]);
    return { Titles: ['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'], Processes: procs };
  }

  // ---- logs and attach ----

  /**
   * `docker logs`: the stored entries (filtered by stream, since, until,
   * tail), then, with `follow`, new ones until the container stops.
   */
  async logs(ref: string, opts: ContainerLogsOptions, listener: OutputListener): Promise<void> {
    const c = this.get(ref);
    const wantOut = opts.stdout ?? true;
    const wantErr = opts.stderr ?? true;
    const out = new BatchedOutput(listener, this.o.schedule);
    const format = (e: { stream: 'stdout' | 'stderr'; time: number; line: string }) => {
      if (e.stream === 'stdout' ? !wantOut : !wantErr) return;
      if (opts.since !== undefined && opts.since > 0 && e.time < opts.since * 1000) return;
      if (opts.until !== undefined && opts.until > 0 && e.time > opts.until * 1000) return;
      out.push(e.stream === 'stdout' ? 1 : 2, opts.timestamps ? `${rfc3339NanoFixed(e.time)} ${e.line}` : e.line);
    };
    let entries = c.log.entries.filter((e) => (e.stream === 'stdout' ? wantOut : wantErr));
    const tail = opts.tail === undefined || opts.tail === 'all' ? -1 : Number(opts.tail);
    if (tail >= 0) entries = tail === 0 ? [] : entries.slice(-tail);
    for (const e of entries) format(e);
    if (opts.follow && (c.running || c.status === 'restarting')) {
      const unfollow = c.log.follow(format);
      await new Promise<void>((resolve) => c.exitWaiters.push(() => resolve()));
      unfollow();
    }
    out.close();
  }

  /** Attaches a client to a running (or about to start) container's streams. */
  attach(ref: string, opts: ContainerAttachOptions, listener: OutputListener): AttachedStream {
    const c = this.get(ref);
    const streamId = `attach-${this.nextStream++}`;
    const out = new BatchedOutput(listener, this.o.schedule);
    const fn = (fd: 1 | 2, text: string) => {
      if (fd === 1 ? opts.stdout !== false : opts.stderr !== false) out.push(fd, text);
    };
    c.attached.add(fn);
    const detach = () => {
      c.attached.delete(fn);
      out.close();
      this.streams.delete(streamId);
    };
    c.removeWaiters.push(() => detach());
    this.streams.set(streamId, { out, detach, containerId: c.id, stdin: opts.stdin ?? false });
    return { streamId };
  }

  /** Sends input to an attached stream (a container's or an exec's stdin); `null` closes it. */
  async streamInput(streamId: string, data: string | null): Promise<void> {
    const s = this.streams.get(streamId);
    // The container's stdin exists once it started, which may be after the client attached.
    const stdin = s ? (s.stdin ? this.containers.get(s.containerId)?.stdin : null) : this.execs.get(streamId)?.stdin;
    if (!stdin) throw new EngineError('NotFound', `no stdin attached for stream ${streamId}`, { streamId });
    if (data === null) stdin.close();
    else await stdin.write(data);
  }

  /** Ends an attachment (Ctrl-P Ctrl-Q); the container keeps running. */
  streamClose(streamId: string): void {
    this.streams.get(streamId)?.detach();
  }

  // ---- exec (see exec.ts) ----

  execCreate(ref: string, opts: ExecCreateOptions): { Id: string } {
    return this.execs.create(this.get(ref), opts);
  }

  async execStart(execId: string, opts: { detach?: boolean }, listener?: OutputListener): Promise<void> {
    const exec = this.execs.require(execId);
    return this.execs.start(exec, this.get(exec.containerId), opts, listener);
  }

  execInspect(execId: string): ExecInspectResponse {
    return this.execs.inspect(execId);
  }
}
