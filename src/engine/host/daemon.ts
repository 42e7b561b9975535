/**
 * The docker service as systemd runs it on the host: running or stopped,
 * the flags dockerd started with, the storage driver it chose (its
 * `--storage-driver` flag, else `storage-driver` in /etc/docker/daemon.json),
 * and the journal its unit writes.
 */
import type { Clock } from '../deps.ts';
import type { Vfs } from '../fs/vfs.ts';
import { utf8Decode } from '../fs/utf8.ts';
import { DOCKER, HOST } from '../host.ts';
import { STORAGE_DRIVERS } from './storage-layouts.ts';
import type { StorageDriver } from './storage-layouts.ts';
import { SYSTEM_PROCESSES } from './host-proc.ts';

export interface JournalEntry {
  readonly time: number;
  readonly unit: string;
  /** `dockerd[817]`, `systemd[1]`. */
  readonly ident: string;
  readonly message: string;
}

export interface DaemonConfig {
  readonly storageDriver?: string;
  /** Extra OCI runtimes (`"runtimes": {"crun": {"path": "/usr/bin/crun"}}`). */
  readonly runtimes?: Readonly<Record<string, { readonly path: string }>>;
}

/** The daemon's settings from /etc/docker/daemon.json; a broken file is dockerd's start error. */
export function readDaemonJson(vfs: Vfs): DaemonConfig | { error: string } {
  let text: string;
  try {
    text = utf8Decode(vfs.readFile('/etc/docker/daemon.json'));
  } catch {
    return {};
  }
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    const driver = doc['storage-driver'];
    const runtimes: Record<string, { path: string }> = {};
    const given = doc.runtimes;
    if (given && typeof given === 'object') {
      for (const [name, r] of Object.entries(given as Record<string, unknown>)) {
        const path = (r as { path?: unknown } | null)?.path;
        runtimes[name] = { path: typeof path === 'string' ? path : name };
      }
    }
    return { ...(typeof driver === 'string' ? { storageDriver: driver } : {}), runtimes };
  } catch (e) {
    return { error: `unable to configure the Docker daemon with file /etc/docker/daemon.json: ${(e as Error).message}` };
  }
}

export class DockerDaemon {
  running = true;
  driver: StorageDriver = 'overlay2';
  argv: readonly string[] = SYSTEM_PROCESSES.dockerd.argv;
  /** Runtimes configured besides runc (daemon.json `runtimes`). */
  runtimes: Readonly<Record<string, { readonly path: string }>> = {};
  startedAt: number;
  readonly journal: JournalEntry[] = [];

  constructor(private readonly clock: Clock) {
    this.startedAt = clock.now();
    this.log('systemd', 'systemd[1]', 'Starting docker.service - Docker Application Container Engine...');
    this.started();
  }

  private log(unit: string, ident: string, message: string): void {
    this.journal.push({ time: this.clock.now(), unit, ident, message });
  }

  private dockerd(level: string, msg: string): void {
    const t = new Date(this.clock.now()).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
    this.log('docker.service', `dockerd[${SYSTEM_PROCESSES.dockerd.pid}]`, `time="${t}" level=${level} msg="${msg}"`);
  }

  private started(): void {
    this.dockerd('info', `Starting up`);
    this.dockerd('info', `[graphdriver] using prior storage driver: ${this.driver}`);
    this.dockerd('info', 'Loading containers: start.');
    this.dockerd('info', 'Loading containers: done.');
    this.dockerd('info', `Docker daemon commit=e9ff10b containerd-snapshotter=false storage-driver=${this.driver} version=${DOCKER.version}`);
    this.dockerd('info', 'Daemon has completed initialization');
    this.dockerd('info', 'API listen on /run/docker.sock');
    this.log('systemd', 'systemd[1]', 'Started docker.service - Docker Application Container Engine.');
  }

  stop(): void {
    if (!this.running) return;
    this.log('systemd', 'systemd[1]', 'Stopping docker.service - Docker Application Container Engine...');
    this.dockerd('info', 'Processing signal \'terminated\'');
    this.dockerd('info', 'Daemon shutdown complete');
    this.log('systemd', 'systemd[1]', 'docker.service: Deactivated successfully.');
    this.log('systemd', 'systemd[1]', 'Stopped docker.service - Docker Application Container Engine.');
    this.running = false;
  }

  /**
   * Starts dockerd with `driver` (from its flag or daemon.json). Returns
   * dockerd's error text when the driver is unknown, as `failed to start daemon`.
   */
  start(driver: string | undefined, argv: readonly string[] = SYSTEM_PROCESSES.dockerd.argv, runtimes: DaemonConfig['runtimes'] = {}): string | null {
    if (this.running) return null;
    const d = driver ?? 'overlay2';
    if (!(STORAGE_DRIVERS as readonly string[]).includes(d)) {
      const error = `failed to start daemon: error initializing graphdriver: driver not supported: ${d}`;
      this.dockerd('error', error);
      this.log('systemd', 'systemd[1]', 'docker.service: Failed with result \'exit-code\'.');
      return error;
    }
    this.log('systemd', 'systemd[1]', 'Starting docker.service - Docker Application Container Engine...');
    if (d !== 'overlay2') this.dockerd('warning', `[graphdriver] WARNING: the ${d} storage-driver is deprecated and has been removed in Docker 24; Layerlab shows its layout for comparison`);
    this.driver = d as StorageDriver;
    this.argv = argv;
    this.runtimes = runtimes;
    this.running = true;
    this.startedAt = this.clock.now();
    this.started();
    return null;
  }

  /** The kernel, as `uname -r` and docker info show it. */
  get kernel(): string {
    return HOST.kernelVersion;
  }
}
