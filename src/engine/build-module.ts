/**
 * Wiring of the builder for the composition root: the image store and
 * snapshotter it writes to, the pull it falls back on when a FROM image is
 * missing, and the build cache's share of engine state (its records, plus
 * the blobs of cached layers no image holds).
 */
import type { EngineApi } from '../api/index.ts';
import { EngineError } from '../api/index.ts';
import { decodeBase64, encodeBase64 } from '../lib/base64.ts';
import { Builder, qualified, type ResolvedBase } from './builder/builder.ts';
import type { CacheRecord } from './builder/cache.ts';
import type { Clock, Rng, Schedule, Timers } from './deps.ts';
import type { EventBus } from './events/bus.ts';
import type { ImageModule } from './image-module.ts';
import type { ImageService } from './images/service.ts';
import { parseNormalizedNamed, referenceName } from './oci/reference.ts';

export interface BuildModule {
  readonly builder: Builder;
  restore(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): void;
  persist(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): { records: Record<string, unknown>; blobs: Record<string, string> };
}

export function createBuildModule(deps: {
  clock: Clock;
  rng: Rng;
  timers: Timers;
  schedule: Schedule;
  bus: Pick<EventBus, 'publish'>;
  imageModule: ImageModule;
  images: () => Promise<ImageService>;
  /** The engine's own pull (late-bound: the API object is made after this module). */
  pull: () => EngineApi['imagePull'];
}): BuildModule {
  const { imageModule } = deps;
  const store = imageModule.service.store;
  const resolveImage = async (ref: string, opts: { pull: boolean }): Promise<ResolvedBase> => {
    const service = await deps.images();
    const local = (): ResolvedBase | undefined => {
      try {
        const r = service.store.resolve(ref);
        return { id: r.id, name: qualified(ref), ...digestOf(service, r.id, ref), pulled: false };
      } catch (e) {
        if (e instanceof EngineError && e.code === 'NotFound') return undefined;
        throw e;
      }
    };
    if (!opts.pull) {
      const hit = local();
      if (hit) return hit;
    }
    await deps.pull()(ref);
    const pulled = local();
    if (!pulled) throw new EngineError('NotFound', `No such image: ${ref}`, { ref });
    return { ...pulled, pulled: true };
  };
  const builder = new Builder({
    clock: deps.clock,
    rng: deps.rng,
    timers: deps.timers,
    schedule: deps.schedule,
    publish: (topic, data) => deps.bus.publish(topic, data),
    store,
    snapshotter: imageModule.snapshotter,
    content: imageModule.content,
    resolveImage,
    tag: (id, ref) => {
      imageModule.service.tag(id, ref);
      return qualified(ref);
    },
  });
  return {
    builder,
    restore(records, blobs) {
      const state = records.buildCache as { records?: CacheRecord[] } | undefined;
      for (const r of state?.records ?? []) {
        const d = r.result.layer?.digest;
        if (d && !imageModule.content.has(d) && blobs[d] !== undefined) imageModule.content.put(decodeBase64(blobs[d]!), d);
      }
      builder.cache.importState(state);
    },
    persist(records, blobs) {
      const out: Record<string, string> = { ...blobs };
      const state = builder.cache.exportState();
      for (const r of state.records) {
        const d = r.result.layer?.digest;
        if (d && out[d] === undefined && imageModule.content.has(d)) out[d] = encodeBase64(imageModule.content.get(d));
      }
      return { records: { ...records, buildCache: state }, blobs: out };
    },
  };
}

/** The manifest digest `ref`'s repository knows the image by (`FROM busybox` → `…@sha256:…`). */
function digestOf(service: ImageService, id: string, ref: string): { digest?: string } {
  const repo = referenceName(parseNormalizedNamed(ref));
  const pinned = service.store.references(id).find((r) => r.digest !== undefined && referenceName(r) === repo);
  return pinned?.digest ? { digest: pinned.digest } : {};
}
