/**
 * Wiring of the image store for the composition root: content store,
 * snapshotter, image store and service, the userspace's BusyBox for base
 * images, and the image store's share of engine state (records + blobs).
 */
import { encodeBase64, decodeBase64 } from '../lib/base64.ts';
import { ContentStore } from './content/store.ts';
import type { Clock } from './deps.ts';
import type { EventBus } from './events/bus.ts';
import type { RootfsTools } from './images/base/tools.ts';
import { ImageService } from './images/service.ts';
import { ImageStore } from './images/store.ts';
import type { ContainerUsage, ImageStoreState } from './images/store.ts';
import { Snapshotter } from './snapshots/snapshotter.ts';
import type { FsEventSink } from './snapshots/fs-events.ts';
import { appletNames } from './userspace/applets/index.ts';
import { appletBinary } from './userspace/process/binfmt.ts';
import { installBusybox } from './userspace/rootfs.ts';

/** The userspace's executables, as base images must contain them. */
export const USERSPACE_ROOTFS_TOOLS: RootfsTools = {
  installBusybox: (vfs) => installBusybox(vfs, appletNames()),
  appletBinary,
};

export interface ImageModule {
  readonly content: ContentStore;
  readonly snapshotter: Snapshotter;
  readonly service: ImageService;
  /** Loads `records.images` and its blobs (replacing what the module held). */
  restore(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): void;
  /** Engine state with the image store's records and blobs written in (other modules' entries kept). */
  persist(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): { records: Record<string, unknown>; blobs: Record<string, string> };
}

/**
 * The label the runtime puts on a container's snapshot: only those mounts
 * publish file-system events (a build's RUN steps can write thousands of
 * files, which would crowd the learner's own commands out of the event log).
 */
const CONTAINER_LABEL = 'layerlab.container';

export function createImageModule(deps: { clock: Clock; bus?: Pick<EventBus, 'publish'>; usage?: ContainerUsage; fsEvents?: FsEventSink }): ImageModule {
  const content = new ContentStore();
  const snapshotter = new Snapshotter({ clock: deps.clock, content, ...(deps.bus ? { bus: deps.bus } : {}), ...(deps.fsEvents ? { fsEvents: deps.fsEvents, fsEventLabel: CONTAINER_LABEL } : {}) });
  const store = new ImageStore({ content, snapshotter, clock: deps.clock, ...(deps.bus ? { bus: deps.bus } : {}), ...(deps.usage ? { usage: deps.usage } : {}) });
  const service = new ImageService(store, USERSPACE_ROOTFS_TOOLS);
  return {
    content,
    snapshotter,
    service,
    restore(records, blobs) {
      const state = records.images as ImageStoreState | undefined;
      for (const r of state?.images ?? []) {
        for (const d of [r.id, r.manifestDigest, ...r.layers.map((l) => l.digest)]) {
          const b64 = blobs[d];
          if (b64 !== undefined && !content.has(d)) content.put(decodeBase64(b64), d);
        }
      }
      store.importState(state);
    },
    persist(records, blobs) {
      const out: Record<string, string> = { ...blobs };
      for (const d of store.blobDigests()) out[d] ??= encodeBase64(content.get(d));
      // Blobs of images deleted since the last save are dropped with them.
      const prev = records.images as ImageStoreState | undefined;
      const keep = new Set(store.blobDigests());
      for (const r of prev?.images ?? []) for (const d of [r.id, r.manifestDigest, ...r.layers.map((l) => l.digest)]) if (!keep.has(d)) delete out[d];
      return { records: { ...records, images: store.exportState() }, blobs: out };
    },
  };
}
