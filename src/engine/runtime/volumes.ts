/**
 * The daemon's volumes (the `local` driver): named or anonymous trees that
 * live outside every container's writable layer, under
 * /var/lib/docker/volumes/<name>/_data. A volume survives its containers
 * (`docker rm` keeps it unless `-v` and it is anonymous), is filled from the
 * image's content at the mount point the first time an empty volume is
 * mounted, and cannot be removed while a container uses it.
 *
 * Contract: errors carry dockerd's text (`get x: no such volume`,
 * `remove x: volume is in use - [ids]`).
 */
import type { Volume, VolumeCreateOptions } from '../../api/networks.ts';
import { EngineError } from '../../api/errors.ts';
import type { Clock, Rng } from '../deps.ts';
import { randomHex } from '../deps.ts';
import { MemFs } from '../fs/mem-fs.ts';
import type { Vfs } from '../fs/vfs.ts';
import { EMPTY_VIEW } from '../snapshots/lower-view.ts';
import { UnionMount } from '../snapshots/union-mount.ts';
import { restoreUpper, upperTar } from './persist.ts';
import { rfc3339Nano } from './status.ts';

export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
const VALID_VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A volume as engine state (its files are the blob `volume:<name>`). */
export interface VolumeRecord {
  readonly name: string;
  readonly created: number;
  readonly labels: Readonly<Record<string, string>> | null;
  readonly anonymous: boolean;
}

interface Held {
  readonly record: VolumeRecord;
  readonly fs: MemFs;
}

export class VolumeStore {
  private readonly volumes = new Map<string, Held>();

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {}

  create(opts: VolumeCreateOptions = {}, anonymous = false): Volume {
    const name = opts.Name ?? '';
    if (name !== '' && !VALID_VOLUME_NAME.test(name)) {
      throw new EngineError(
        'InvalidParameter',
        `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
        { name },
      );
    }
    if (opts.Driver !== undefined && opts.Driver !== '' && opts.Driver !== 'local') {
      throw new EngineError('NotFound', `error looking up volume plugin ${opts.Driver}: plugin "${opts.Driver}" not found`, { driver: opts.Driver });
    }
    const existing = name ? this.volumes.get(name) : undefined;
    if (existing) return this.view(existing.record);
    const anon = anonymous || name === '';
    const record: VolumeRecord = {
      name: name || randomHex(this.rng, 32),
      created: this.clock.now(),
      labels: anon ? { [ANONYMOUS_LABEL]: '', ...(opts.Labels ?? {}) } : opts.Labels && Object.keys(opts.Labels).length > 0 ? { ...opts.Labels } : null,
      anonymous: anon,
    };
    this.volumes.set(record.name, { record, fs: new MemFs({ clock: this.clock }) });
    return this.view(record);
  }

  has(name: string): boolean {
    return this.volumes.has(name);
  }

  private require(name: string, verb: string): Held {
    const v = this.volumes.get(name);
    if (!v) throw new EngineError('NotFound', `${verb} ${name}: no such volume`, { name });
    return v;
  }

  /** The volume's tree (what a container mounts). */
  fs(name: string): Vfs {
    return this.require(name, 'get').fs;
  }

  /** True when the volume holds nothing yet (dockerd copies the image's content into it then). */
  isEmpty(name: string): boolean {
    return this.require(name, 'get').fs.readdir('/').length === 0;
  }

  inspect(name: string): Volume {
    return this.view(this.require(name, 'get').record);
  }

  list(): Volume[] {
    return [...this.volumes.values()].map((v) => this.view(v.record));
  }

  records(): VolumeRecord[] {
    return [...this.volumes.values()].map((v) => v.record);
  }

  sizeOf(name: string): number {
    return this.volumes.get(name)?.fs.usedBytes ?? 0;
  }

  /** `docker volume rm`; `users` are the ids of containers that mount it. */
  remove(name: string, users: readonly string[]): void {
    this.require(name, 'get');
    if (users.length > 0) {
      throw new EngineError('Conflict', `remove ${name}: volume is in use - [${users.join(', ')}]`, { name, users });
    }
    this.volumes.delete(name);
  }

  view(r: VolumeRecord): Volume {
    return {
      CreatedAt: rfc3339Seconds(r.created),
      Driver: 'local',
      Labels: r.labels,
      Mountpoint: `/var/lib/docker/volumes/${r.name}/_data`,
      Name: r.name,
      Options: null,
      Scope: 'local',
    };
  }

  async exportState(): Promise<{ records: VolumeRecord[]; blobs: Map<string, Uint8Array> }> {
    const blobs = new Map<string, Uint8Array>();
    for (const v of this.volumes.values()) {
      const tar = await upperTar(new UnionMount({ lower: EMPTY_VIEW, upper: v.fs, clock: this.clock }).changes());
      if (tar) blobs.set(`volume:${v.record.name}`, tar);
    }
    return { records: this.records(), blobs };
  }

  async importState(records: readonly VolumeRecord[], blob: (key: string) => Uint8Array | undefined): Promise<void> {
    for (const r of records) {
      if (this.volumes.has(r.name)) continue;
      const fs = new MemFs({ clock: this.clock });
      const tar = blob(`volume:${r.name}`);
      if (tar) await restoreUpper(fs, tar);
      this.volumes.set(r.name, { record: r, fs });
    }
  }
}

/** The volume's CreatedAt: RFC 3339 to the second (dockerd formats the directory's ctime so). */
function rfc3339Seconds(ms: number): string {
  return rfc3339Nano(Math.floor(ms / 1000) * 1000);
}
