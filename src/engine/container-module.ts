/**
 * Wiring of the container runtime for the composition root: the image
 * service adapted to the runtime's ImageSource port (images must be pulled
 * or preloaded first, as with docker), and the runtime sharing
 * the image store's snapshotter, so containers mount image chains directly.
 */
import type { Clock, Rng, Schedule, Timers } from './deps.ts';
import type { EventBus } from './events/bus.ts';
import type { ImageService } from './images/service.ts';
import type { ImageSource } from './runtime/image-source.ts';
import { ContainerRuntime } from './runtime/runtime.ts';
import type { ContainerRecord } from './runtime/runtime.ts';
import type { NetworkRecord } from './runtime/networks.ts';
import type { VolumeRecord } from './runtime/volumes.ts';
import { decodeBase64, encodeBase64 } from '../lib/base64.ts';

export function imageSourceOf(images: () => Promise<ImageService>): ImageSource {
  return {
    async resolve(ref) {
      // An absent image is `NotFound`: the client pulls it (`Unable to find image …`), as docker does.
      return (await images()).runImage(ref);
    },
  };
}

export function createContainerRuntime(deps: {
  clock: Clock;
  rng: Rng;
  schedule: Schedule;
  timers: Timers;
  bus: EventBus;
  images: () => Promise<ImageService>;
}): ContainerModule {
  let runtime: ContainerRuntime | undefined;
  let pending:
    | { records: ContainerRecord[]; networks: NetworkRecord[]; volumes: VolumeRecord[]; blobs: Readonly<Record<string, string>> }
    | undefined;
  const get = async () => {
    const service = await deps.images();
    runtime ??= new ContainerRuntime({
      clock: deps.clock,
      rng: deps.rng,
      schedule: deps.schedule,
      timers: deps.timers,
      bus: deps.bus,
      snapshotter: service.store.snapshotter,
      images: imageSourceOf(deps.images),
    });
    if (pending) {
      const { records, blobs } = pending;
      const saved = pending;
      pending = undefined;
      const blob = (key: string) => (blobs[key] !== undefined ? decodeBase64(blobs[key]) : undefined);
      // Networks and volumes first: containers refer to them.
      runtime.networking.networks.importState(saved.networks);
      await runtime.volumes.importState(saved.volumes, blob);
      await runtime.importState(records, blob);
    }
    return runtime;
  };
  return {
    get,
    restore(records, blobs) {
      runtime?.killAll();
      runtime = undefined;
      pending = {
        records: (records.containers as ContainerRecord[] | undefined) ?? [],
        networks: (records.networks as NetworkRecord[] | undefined) ?? [],
        volumes: (records.volumes as VolumeRecord[] | undefined) ?? [],
        blobs,
      };
    },
    async persist(records, blobs) {
      if (!runtime && pending) {
        return { records: { ...records, containers: pending.records, networks: pending.networks, volumes: pending.volumes }, blobs: { ...blobs } };
      }
      const state = runtime ? await runtime.exportState() : { records: [], blobs: new Map<string, Uint8Array>() };
      const vols = runtime ? await runtime.volumes.exportState() : { records: [], blobs: new Map<string, Uint8Array>() };
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(blobs)) if (!k.startsWith('upper:') && !k.startsWith('volume:')) out[k] = v;
      for (const [k, v] of [...state.blobs, ...vols.blobs]) out[k] = encodeBase64(v);
      const networks = runtime ? runtime.networking.networks.exportState() : [];
      return { records: { ...records, containers: state.records, networks, volumes: vols.records }, blobs: out };
    },
    counts: () => runtime?.counts() ?? { containers: 0, running: 0, paused: 0, stopped: 0 },
    usersOf: (imageId) => runtime?.usersOf(imageId) ?? [],
  };
}

export interface ContainerModule {
  /** The runtime, made on first use (after the image store is ready). */
  get(): Promise<ContainerRuntime>;
  /** Container counts for `docker info`, without waiting (none before first use). */
  counts(): { containers: number; running: number; paused: number; stopped: number };
  /** Takes `records.containers` (and their upper-dir blobs) as the containers to bring back on first use. */
  restore(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): void;
  /** Engine state with the containers written in (other modules' entries kept). */
  persist(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): Promise<{ records: Record<string, unknown>; blobs: Record<string, string> }>;
  /** Containers created from an image (what makes `docker rmi` refuse). */
  usersOf(imageId: string): { id: string; running: boolean }[];
}
