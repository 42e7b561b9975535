/**
 * `/var/lib/docker` on the simulated host: a live, read-only projection of
 * the engine's state in the on-disk layout of the selected storage driver.
 * Nothing is copied: a container's `merged` dir is its union mount, its
 * `diff` dir is the upper dir the union mount writes into, a layer's `diff`
 * is that layer's tree, so a write inside a container shows up here at once.
 *
 * Ids agree with `docker inspect` (GraphDriver.Data): an image layer's
 * directory is named by its chain id, a container's by its id (plus the
 * `-init` layer), and `lower` files name the short links in `l/`.
 *
 * Simplification: dockerd names layer directories by a random cache id (kept
 * in layerdb's `cache-id`); Layerlab uses the chain id's hex, so the names
 * are the same in every session. `tar-split.json.gz` and the bolt databases
 * are left out.
 */
import type { ImageService } from '../images/service.ts';
import type { Container } from '../runtime/container.ts';
import type { ContainerRuntime } from '../runtime/runtime.ts';
import { writeEntries } from '../runtime/persist.ts';
import { containerLowerDirs } from '../runtime/overlay-paths.ts';
import { chainIds } from '../oci/chain-id.ts';
import { familiarName, familiarString } from '../oci/reference.ts';
import { MemFs } from '../fs/mem-fs.ts';
import type { Vfs } from '../fs/vfs.ts';
import type { Clock } from '../deps.ts';
import type { Layer } from '../snapshots/layer.ts';
import { dirOf, fileNode, listDir, mountNode, ProjectionVfs } from './projection-vfs.ts';
import type { ProjectionNode } from './projection-vfs.ts';
import { storageLayout } from './storage-layouts.ts';
import type { LayerDir, StorageDriver } from './storage-layouts.ts';

export const DOCKER_ROOT = '/var/lib/docker';
export type { StorageDriver };

/** What the projection reads: the engine's live modules (absent until first used) and the daemon's settings. */
export interface DockerState {
  runtime(): ContainerRuntime | undefined;
  images(): ImageService | undefined;
  driver(): StorageDriver;
  /** Changes whenever engine state may have changed (an event was published); views are cached per value. */
  version(): number;
  readonly clock: Clock;
}

export class DockerRoot {
  private readonly layerTrees = new WeakMap<Layer, MemFs>();
  private initTree: MemFs | undefined;
  private memo: { version: number; values: Map<string, unknown> } = { version: -1, values: new Map() };
  readonly vfs: ProjectionVfs;

  constructor(private readonly state: DockerState) {
    this.vfs = new ProjectionVfs(() => this.root(), 0x801, state.clock.now());
  }

  /** `make()` once per state version (listing containers and hashing chain ids is not free; a `find` stats thousands of paths). */
  private cached<T>(key: string, make: () => T): T {
    const v = this.state.version();
    if (this.memo.version !== v) this.memo = { version: v, values: new Map() };
    if (!this.memo.values.has(key)) this.memo.values.set(key, make());
    return this.memo.values.get(key) as T;
  }

  /** Every container, oldest first. */
  containers(): Container[] {
    const rt = this.state.runtime();
    if (!rt) return [];
    return this.cached('containers', () =>
      rt
        .list({ all: true })
        .reverse()
        .map((s) => rt.get(s.Id)),
    );
  }

  /** The layer dirs of every committed image layer and every container, in the driver-neutral form. */
  layerDirs(): LayerDir[] {
    return this.cached('layerDirs', () => this.makeLayerDirs());
  }

  private makeLayerDirs(): LayerDir[] {
    const images = this.state.images();
    const out: LayerDir[] = [];
    if (images) {
      const snap = images.store.snapshotter;
      const seen = new Set<string>();
      for (const info of snap.walk()) {
        if (info.kind !== 'committed' || seen.has(info.name)) continue;
        seen.add(info.name);
        const lowers: string[] = [];
        for (let p = info.parent; p !== undefined; p = snap.stat(p).parent) lowers.push(hex(p));
        out.push({ name: hex(info.name), lowers, diff: () => this.layerTree(snap.layer(info.name)) });
      }
    }
    for (const c of this.containers()) {
      const lowers = containerLowerDirs(c);
      out.push({ name: `${c.id}-init`, lowers: lowers.slice(1), diff: () => this.initLayer() });
      out.push({ name: c.id, lowers, diff: () => c.mount.upper, ...(c.running ? { merged: c.mount } : {}), container: c });
    }
    return out;
  }

  /** The mount(8) lines of running containers' root file systems, as /proc/mounts lists them. */
  mountLines(): string[] {
    return storageLayout(this.state.driver()).mountLines(this.layerDirs());
  }

  private root(): ProjectionNode {
    const driver = this.state.driver();
    return dirOf(
      {
        buildkit: () => dirOf({}, { mode: 0o711 }),
        containers: () => listDir(this.containers().map((c) => [c.id, this.containerDir(c)]), { mode: 0o710 }),
        image: () => dirOf({ [driver]: () => this.imageDir() }, { mode: 0o700 }),
        network: () => dirOf({ files: () => dirOf({}) }, { mode: 0o750 }),
        plugins: () => dirOf({}, { mode: 0o700 }),
        runtimes: () => dirOf({}, { mode: 0o700 }),
        swarm: () => dirOf({}, { mode: 0o700 }),
        tmp: () => dirOf({}, { mode: 0o700 }),
        volumes: () => this.volumesDir(),
        [driver]: () => storageLayout(driver).root(this.layerDirs()),
      },
      { mode: 0o710 },
    );
  }

  // ---- containers/<id>/… ----

  private containerDir(c: Container): ProjectionNode {
    const rt = this.state.runtime()!;
    const etc = (name: string) => () => fileNode(() => readOr(c.mount.upper, `/etc/${name}`));
    return dirOf(
      {
        checkpoints: () => dirOf({}, { mode: 0o700 }),
        'config.v2.json': () => fileNode(() => JSON.stringify(configV2(rt, c)), { mode: 0o600 }),
        [`${c.id}-json.log`]: () => fileNode(() => jsonLog(c), { mode: 0o640 }),
        'hostconfig.json': () => fileNode(() => JSON.stringify(rt.inspect(c.id).HostConfig), { mode: 0o600 }),
        hostname: etc('hostname'),
        hosts: etc('hosts'),
        mounts: () => dirOf({}, { mode: 0o700 }),
        'resolv.conf': etc('resolv.conf'),
      },
      { mode: 0o710 },
    );
  }

  /** volumes/<name>/_data: each local volume's files (what a container writes under its mount point). */
  private volumesDir(): ProjectionNode {
    const store = this.state.runtime()?.volumes;
    const vols = store ? store.list() : [];
    return listDir(
      [
        ['backingFsBlockDev', fileNode(() => '', { mode: 0o600 })],
        ['metadata.db', fileNode(() => '', { mode: 0o600 })],
        ...vols.map((v): [string, ProjectionNode] => [v.Name, dirOf({ _data: () => mountNode(store!.fs(v.Name)) }, { mode: 0o701 })]),
      ],
      { mode: 0o701 },
    );
  }

  // ---- image/<driver>/… ----

  private imageDir(): ProjectionNode {
    const images = this.state.images();
    if (!images) return dirOf({}, { mode: 0o700 });
    const store = images.store;
    const records = store.list();
    const layers = this.cached('layerdb', () => {
      const m = new Map<string, { diffId: string; size: number; parent?: string }>();
      for (const r of records) {
        const ids = chainIds(r.layers.map((l) => l.diffId));
        ids.forEach((id, i) => m.set(id, { diffId: r.layers[i]!.diffId, size: r.layers[i]!.size, ...(i > 0 ? { parent: ids[i - 1]! } : {}) }));
      }
      return m;
    });
    const containers = this.containers();
    return dirOf({
      distribution: () => dirOf({ 'diffid-by-digest': () => dirOf({}), 'v2metadata-by-diffid': () => dirOf({}) }),
      imagedb: () =>
        dirOf({
          content: () => dirOf({ sha256: () => listDir(records.map((r) => [hex(r.id), fileNode(() => store.content.get(r.id), { mode: 0o600 })])) }),
          metadata: () =>
            dirOf({
              sha256: () =>
                listDir(
                  records.filter((r) => r.parent).map((r) => [hex(r.id), dirOf({ parent: () => fileNode(() => r.parent!) })]),
                ),
            }),
        }),
      layerdb: () =>
        dirOf({
          mounts: () =>
            listDir(
              containers.map((c) => [
                c.id,
                dirOf({
                  'init-id': () => fileNode(() => `${c.id}-init`),
                  'mount-id': () => fileNode(() => c.id),
                  ...(c.chainIds.length ? { parent: () => fileNode(() => c.chainIds[c.chainIds.length - 1]!) } : {}),
                }),
              ]),
            ),
          sha256: () =>
            listDir(
              [...layers].map(([chain, l]) => [
                hex(chain),
                dirOf({
                  'cache-id': () => fileNode(() => hex(chain)),
                  diff: () => fileNode(() => l.diffId),
                  ...(l.parent ? { parent: () => fileNode(() => l.parent!) } : {}),
                  size: () => fileNode(() => String(l.size)),
                }),
              ]),
            ),
          tmp: () => dirOf({}),
        }),
      'repositories.json': () => fileNode(() => repositoriesJson(images), { mode: 0o600 }),
    }, { mode: 0o700 });
  }

  // ---- layer trees ----

  /** A committed layer's files as overlayfs keeps them (whiteouts as 0/0 devices), built once per layer. */
  private layerTree(layer: Layer): MemFs {
    let fs = this.layerTrees.get(layer);
    if (!fs) {
      fs = new MemFs({ clock: this.state.clock });
      writeEntries(fs, layer.entries);
      this.layerTrees.set(layer, fs);
    }
    return fs;
  }

  /** The init layer dockerd puts under every container: mount points for the files and devices it provides. */
  private initLayer(): MemFs {
    if (!this.initTree) {
      const fs = new MemFs({ clock: this.state.clock });
      const empty = new Uint8Array(0);
      for (const d of ['/dev', '/dev/pts', '/dev/shm', '/etc']) fs.mkdir(d, 0o755);
      for (const f of ['/.dockerenv', '/dev/console', '/etc/hostname', '/etc/hosts', '/etc/resolv.conf']) fs.writeFile(f, empty, { mode: 0o755 });
      fs.symlink('/proc/mounts', '/etc/mtab');
      this.initTree = fs;
    }
    return this.initTree;
  }
}

export function hex(id: string): string {
  return id.replace(/^sha256:/, '');
}

function readOr(vfs: Vfs, path: string): Uint8Array {
  try {
    return vfs.readFile(path);
  } catch {
    return new Uint8Array(0);
  }
}

/** The json-file log driver's lines: `{"log":"…","stream":"stdout","time":"…"}`. */
function jsonLog(c: Container): string {
  return c.log.entries.map((e) => `${JSON.stringify({ log: e.line, stream: e.stream, time: new Date(e.time).toISOString().replace('Z', '000000Z') })}\n`).join('');
}

/** dockerd's container.Container as it saves it (config.v2.json), from the inspect view. */
function configV2(rt: ContainerRuntime, c: Container): Record<string, unknown> {
  const i = rt.inspect(c.id);
  return {
    StreamConfig: {},
    State: { ...i.State, RemovalInProgress: false, Health: null },
    ID: i.Id,
    Created: i.Created,
    Managed: false,
    Path: i.Path,
    Args: i.Args,
    Config: i.Config,
    Image: i.Image,
    ImageManifest: null,
    NetworkSettings: i.NetworkSettings,
    LogPath: i.LogPath,
    Name: i.Name,
    Driver: i.Driver,
    OS: 'linux',
    RestartCount: i.RestartCount,
    HasBeenStartedBefore: c.everStarted,
    HasBeenManuallyStopped: c.manuallyStopped,
    MountPoints: {},
    SecretReferences: null,
    ConfigReferences: null,
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: i.AppArmorProfile,
    SeccompProfile: '',
    NoNewPrivileges: false,
    HostnamePath: i.HostnamePath,
    HostsPath: i.HostsPath,
    ShmPath: '',
    ResolvConfPath: i.ResolvConfPath,
    LocalLogCacheMeta: { HaveNotifyEnabled: false },
  };
}

/** image/<driver>/repositories.json: familiar repository → reference → image id. */
function repositoriesJson(images: ImageService): string {
  const repos: Record<string, Record<string, string>> = {};
  for (const r of images.store.list()) {
    for (const ref of images.store.references(r.id)) {
      const repo = familiarName(ref);
      (repos[repo] ??= {})[familiarString(ref)] = r.id;
    }
  }
  return JSON.stringify({ Repositories: repos });
}
