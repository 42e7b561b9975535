import type { EngineApi, EngineStateBody, EventFilter } from '../api/index.ts';
import { realDeps, randomUuid, type EngineDeps } from './deps.ts';
import { EventBus } from './events/bus.ts';
import { sealState } from './state.ts';
import { systemInfo, systemVersion } from './system.ts';

export interface CreateEngineOptions extends Partial<EngineDeps> {
  /** State to resume from (already verified with `openState`). */
  readonly state?: EngineStateBody;
}

/**
 * The composition root: the one place that wires engine modules together.
 * Every host (browser worker, Node CLI, Engine API server) calls this and talks
 * to the result through EngineApi only.
 */
export function createEngine(options: CreateEngineOptions = {}): EngineApi {
  const base = realDeps();
  const deps: EngineDeps = {
    clock: options.clock ?? base.clock,
    rng: options.rng ?? base.rng,
    schedule: options.schedule ?? base.schedule,
  };
  const daemonId = options.state?.daemonId ?? randomUuid(deps.rng).toUpperCase();
  const bus = new EventBus(deps.clock, deps.schedule, undefined, options.state?.nextSeq ?? 1);
  const records: Record<string, unknown> = { ...(options.state?.records ?? {}) };
  const blobs: Record<string, string> = { ...(options.state?.blobs ?? {}) };

  const api: EngineApi = {
    async ping() {
      return 'OK';
    },
    async version() {
      return systemVersion();
    },
    async info() {
      // Counts come from the image and container stores once they exist.
      return systemInfo(daemonId, { containers: 0, running: 0, paused: 0, stopped: 0, images: 0 }, deps.clock.now());
    },
    async subscribe(filter: EventFilter, listener) {
      return bus.subscribe(filter, listener);
    },
    async events(filter: EventFilter = {}) {
      return bus.replay(filter);
    },
    async exportState() {
      return sealState({ daemonId, nextSeq: bus.nextSeq, records, blobs });
    },
  };
  return api;
}
