/**
 * Wiring of the container runtime for the composition root: the image
 * service adapted to the runtime's ImageSource port (with base images made
 * present on first use until `docker pull` lands), and the runtime sharing
 * the image store's snapshotter, so containers mount image chains directly.
 */
import { EngineError } from '../api/index.ts';
import type { Clock, Rng, Schedule, Timers } from './deps.ts';
import type { EventBus } from './events/bus.ts';
import type { ImageService } from './images/service.ts';
import type { ImageSource } from './runtime/image-source.ts';
import { ContainerRuntime } from './runtime/runtime.ts';

export function imageSourceOf(images: () => Promise<ImageService>): ImageSource {
  return {
    async resolve(ref) {
      const service = await images();
      try {
        return await service.runImage(ref);
      } catch (e) {
        if (!(e instanceof EngineError) || e.code !== 'NotFound') throw e;
        // TODO(#7): the CLI pulls (`Unable to find image …`) once EngineApi has imagePull.
        await service.ensureBaseImage(ref);
        return service.runImage(ref);
      }
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
    return runtime;
  };
  return {
    get,
    counts: () => runtime?.counts() ?? { containers: 0, running: 0, paused: 0, stopped: 0 },
    usersOf: (imageId) => runtime?.usersOf(imageId) ?? [],
  };
}

export interface ContainerModule {
  /** The runtime, made on first use (after the image store is ready). */
  get(): Promise<ContainerRuntime>;
  /** Container counts for `docker info`, without waiting (none before first use). */
  counts(): { containers: number; running: number; paused: number; stopped: number };
  /** Containers created from an image (what makes `docker rmi` refuse). */
  usersOf(imageId: string): { id: string; running: boolean }[];
}
