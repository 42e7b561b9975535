/**
 * How each storage driver lays its layers out under /var/lib/docker/<driver>
 * and what mount(8) shows for a running container, over one driver-neutral
 * list of layer dirs. overlay2 is what Docker uses today; aufs and
 * devicemapper are shown for comparison (both removed from Docker 24+).
 *
 * Simplification: switching drivers re-lays the same layers at once (dockerd
 * would start with an empty store under the new driver's directory); the
 * devicemapper thin pool is two sparse files with no content of their own.
 */
import type { Container } from '../runtime/container.ts';
import type { Vfs } from '../fs/vfs.ts';
import { overlayOptions, shortLink } from '../runtime/overlay-paths.ts';
import { dirOf, fileNode, listDir, mountNode } from './projection-vfs.ts';
import type { ProjectionNode } from './projection-vfs.ts';

/** Storage drivers the host can switch between (`dockerd --storage-driver`). */
export type StorageDriver = 'overlay2' | 'aufs' | 'devicemapper';
export const STORAGE_DRIVERS: readonly StorageDriver[] = ['overlay2', 'aufs', 'devicemapper'];

/** A layer directory: an image layer (by chain id), a container's init layer or its writable layer. */
export interface LayerDir {
  /** Directory name under the driver's root (`<chain hex>`, `<id>-init`, `<id>`). */
  readonly name: string;
  /** The layer's own files (what `diff` holds). */
  diff(): Vfs;
  /** Directory names of the layers below, nearest first. */
  readonly lowers: readonly string[];
  /** The live union of a running container. */
  readonly merged?: Vfs;
  readonly container?: Container;
}

export interface StorageLayout {
  /** The tree under /var/lib/docker/<driver>. */
  root(layers: readonly LayerDir[]): ProjectionNode;
  /** /proc/mounts lines for running containers' root file systems. */
  mountLines(layers: readonly LayerDir[]): string[];
}

const ROOT = '/var/lib/docker';

const overlay2: StorageLayout = {
  root(layers) {
    const dirs = layers.map((l): [string, ProjectionNode] => [
      l.name,
      dirOf(
        {
          diff: () => mountNode(l.diff()),
          link: () => fileNode(() => shortLink(l.name)),
          lower: () => (l.lowers.length ? fileNode(() => l.lowers.map((x) => `l/${shortLink(x)}`).join(':')) : null),
          merged: () => (l.merged ? mountNode(l.merged) : null),
          work: () => dirOf({ ...(l.container ? { work: () => dirOf({}, { mode: 0o000 }) } : {}) }, { mode: 0o700 }),
        },
        { mode: 0o710 },
      ),
    ]);
    const links = listDir(
      layers.map((l) => [shortLink(l.name), { kind: 'link', target: `../${l.name}/diff` }]),
      { mode: 0o700 },
    );
    return listDir([...dirs, ['l', links]], { mode: 0o710 });
  },
  mountLines(layers) {
    return layers
      .filter((l) => l.merged)
      .map((l) => `overlay ${ROOT}/overlay2/${l.name}/merged overlay ${overlayOptions(l.name, l.lowers)} 0 0`);
  },
};

const aufs: StorageLayout = {
  root(layers) {
    return dirOf(
      {
        diff: () => listDir(layers.map((l) => [l.name, mountNode(l.diff())])),
        layers: () => listDir(layers.map((l) => [l.name, fileNode(() => l.lowers.map((x) => `${x}\n`).join(''))])),
        mnt: () => listDir(layers.map((l) => [l.name, l.merged ? mountNode(l.merged) : dirOf({})])),
      },
      { mode: 0o700 },
    );
  },
  mountLines(layers) {
    return layers.filter((l) => l.merged).map((l, i) => `none ${ROOT}/aufs/mnt/${l.name} aufs rw,relatime,si=${(0x5a3c1d00 + i).toString(16)},dio,dirperm1 0 0`);
  },
};

/** Thin device ids in layer order (the pool hands them out as layers are created). */
function deviceIds(layers: readonly LayerDir[]): Map<string, number> {
  return new Map(layers.map((l, i) => [l.name, i + 1]));
}

const devicemapper: StorageLayout = {
  root(layers) {
    const ids = deviceIds(layers);
    return dirOf(
      {
        devicemapper: () => dirOf({ data: () => fileNode(() => '', { mode: 0o600 }), metadata: () => fileNode(() => '', { mode: 0o600 }) }, { mode: 0o700 }),
        metadata: () =>
          listDir(
            [
              ['base', fileNode(() => JSON.stringify({ device_id: 0, size: 10737418240, transaction_id: 1, initialized: true, deleted: false }), { mode: 0o600 })],
              ...layers.map((l): [string, ProjectionNode] => [
                l.name,
                fileNode(() => JSON.stringify({ device_id: ids.get(l.name), size: 10737418240, transaction_id: ids.get(l.name)! + 1, initialized: false, deleted: false }), { mode: 0o600 }),
              ]),
              ['deviceset-metadata', fileNode(() => JSON.stringify({ next_device_id: layers.length + 1, BaseDeviceFilesystem: 'xfs' }), { mode: 0o600 })],
              ['transaction-metadata', fileNode(() => JSON.stringify({ open_transaction_id: layers.length + 1, device_hash: '', device_id: 0 }), { mode: 0o600 })],
            ],
            { mode: 0o700 },
          ),
        mnt: () => listDir(layers.filter((l) => l.container).map((l) => [l.name, l.merged ? dirOf({ rootfs: () => mountNode(l.merged!), id: () => fileNode(() => l.name) }) : dirOf({})])),
      },
      { mode: 0o700 },
    );
  },
  mountLines(layers) {
    return layers
      .filter((l) => l.merged)
      .map((l) => `/dev/mapper/docker-8:1-1048577-${l.name} ${ROOT}/devicemapper/mnt/${l.name} xfs rw,relatime,nouuid,attr2,inode64,logbsize=64k,sunit=128,swidth=128,noquota 0 0`);
  },
};

const LAYOUTS: Readonly<Record<StorageDriver, StorageLayout>> = { overlay2, aufs, devicemapper };

export function storageLayout(driver: StorageDriver): StorageLayout {
  return LAYOUTS[driver];
}
