/**
 * The simulated Docker host: the machine the terminal logs into. Its root
 * file system has BusyBox, Docker's binaries and config, and the learner's
 * home (the workspace); `/var/lib/docker` is a live projection of the
 * engine's images and containers in the selected storage driver's layout;
 * `/proc` lists the host's processes (the daemons, each container's
 * processes under their host PIDs, the login shells) and its mounts (each
 * running container's overlay). The host kernel runs the login session.
 *
 * The engine cannot run `docker` itself (that is the CLI, outside the
 * engine): the composer passes it in `programs` (see src/host-shell).
 */
import type { Clock, Timers } from '../deps.ts';
import type { ImageService } from '../images/service.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { MemFs } from '../fs/mem-fs.ts';
import { appletNames, lookupApplet } from '../userspace/applets/index.ts';
import { Kernel } from '../userspace/process/kernel.ts';
import type { Program } from '../userspace/process/process.ts';
import type { Scheduler } from '../userspace/process/scheduler.ts';
import { HOST } from '../host.ts';
import { DockerDaemon } from './daemon.ts';
import { DockerRoot, DOCKER_ROOT } from './docker-root.ts';
import { MountVfs } from '../runtime/mount-vfs.ts';
import type { Vfs } from '../fs/vfs.ts';
import { hostProcesses, hostProcVfs } from './host-proc.ts';
import type { HostProcess } from './host-proc.ts';
import { hostPrograms } from './programs.ts';
import { installHostRootfs } from './rootfs.ts';
import { HostSession } from './session.ts';
import { HostWorkspace } from './workspace.ts';

export interface DockerHostOptions {
  readonly clock: Clock;
  readonly timers: Timers;
  /** Changes whenever engine state may have changed (the event bus's next sequence number). */
  readonly version: () => number;
  readonly images: () => Promise<ImageService>;
  readonly runtime: () => Promise<ContainerRuntime>;
  /** Programs only the composer can provide, by binary name (`docker`: the CLI). */
  readonly programs?: ReadonlyMap<string, Program>;
}

/** PIDs the host kernel gives its own processes start here (below are the daemons of a booted system). */
const FIRST_HOST_PID = 1200;

/** The kernel's release line, as /proc/version shows it on Ubuntu 24.04. */
const PROC_VERSION = `Linux version ${HOST.kernelVersion} (buildd@lcy02-amd64-010) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024\n`;

/** The host's own file systems, as /proc/mounts lists them before any container runs. */
const BASE_MOUNTS = [
  '/dev/sda1 / ext4 rw,relatime,discard,errors=remount-ro 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0',
  'tmpfs /run tmpfs rw,nosuid,nodev,size=401408k,mode=755 0 0',
  'cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0',
];

export class DockerHost {
  readonly rootfs: MemFs;
  /** The root fs with /var/lib/docker and /proc mounted on it (what host processes see). */
  readonly fs: Vfs;
  readonly dockerRoot: DockerRoot;
  readonly daemon: DockerDaemon;
  readonly kernel: Kernel;
  readonly session: HostSession;
  readonly workspace: HostWorkspace;
  private runtime: ContainerRuntime | undefined;
  private images: ImageService | undefined;
  private readonly bootedAt: number;

  constructor(private readonly o: DockerHostOptions) {
    this.bootedAt = o.clock.now() - 3600_000;
    this.rootfs = new MemFs({ clock: o.clock, dev: 0x801 });
    installHostRootfs(this.rootfs, appletNames());
    this.daemon = new DockerDaemon(o.clock);
    this.dockerRoot = new DockerRoot({ runtime: () => this.runtime, images: () => this.images, driver: () => this.daemon.driver, version: o.version, clock: o.clock });
    const proc = hostProcVfs({
      processes: () => this.processes(),
      mounts: () => [...BASE_MOUNTS, ...this.dockerRoot.mountLines()].map((l) => `${l}\n`).join(''),
      version: PROC_VERSION,
      uptimeSeconds: () => (o.clock.now() - this.bootedAt) / 1000,
      cpus: HOST.ncpu,
      memTotalKb: HOST.memTotal / 1024,
      bootTime: this.bootedAt,
    });
    // The projections refuse every change themselves (EROFS), with the path as the caller gave it.
    this.fs = new MountVfs(this.rootfs, [
      { path: DOCKER_ROOT, fs: this.dockerRoot.vfs, readOnly: false },
      { path: '/proc', fs: proc, readOnly: false },
    ]);
    const own = hostPrograms({ daemon: this.daemon, clock: o.clock, vfs: this.fs, processes: () => this.processes(), login: (user) => this.session.requestLogin(user) });
    const scheduler: Scheduler = {
      yieldNow: () => new Promise<void>((r) => o.timers.after(0, r)),
      sleep: (ms) => new Promise<void>((r) => o.timers.after(ms, r)),
      now: () => o.clock.now(),
    };
    this.kernel = new Kernel({
      vfs: this.fs,
      scheduler,
      hostname: HOST.hostname,
      procfs: false,
      cpus: HOST.ncpu,
      // The host has been up a while: its own processes come after the daemons' PIDs.
      firstPid: FIRST_HOST_PID,
      applets: (name, from) => this.program(name, own) ?? lookupApplet(name, from),
    });
    this.session = new HostSession(this.kernel);
    this.workspace = new HostWorkspace(this.rootfs);
  }

  private program(name: string, own: ReadonlyMap<string, Program>): Program | undefined {
    const given = this.o.programs?.get(name);
    if (given && name === 'docker' && !this.daemon.running) {
      return async (proc) => {
        await proc.write(2, 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n');
        return 1;
      };
    }
    return given ?? own.get(name);
  }

  /** Catches up with the engine (its modules may have been replaced by a state import) and unpacks every image's layers, as dockerd has them on disk. */
  async refresh(): Promise<void> {
    this.images = await this.o.images();
    for (const r of this.images.store.list()) await this.images.store.unpack(r.id);
    this.runtime = await this.o.runtime();
  }

  /** Every process of the host, daemons and containers included. */
  processes(): HostProcess[] {
    return hostProcesses(this.kernel, this.dockerRoot.containers(), this.daemon, (p) => this.session.visible(p));
  }

  /** Runs a command line at the prompt (see HostSession.run). */
  async run(line: string, write: (fd: 1 | 2, text: string) => void): Promise<number> {
    await this.refresh();
    return this.session.run(line, write);
  }

  /** Runs a command line without the terminal, in a fresh shell of the learner's (see HostSession.exec). */
  async exec(line: string, write: (fd: 1 | 2, text: string) => void): Promise<number> {
    await this.refresh();
    return this.session.exec(line, write);
  }
}
