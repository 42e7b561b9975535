import type { EngineApi, EventFilter } from '../api/index.ts';
import { realDeps, randomUuid, type EngineDeps } from './deps.ts';
import { EventBus } from './events/bus.ts';
import { openState, sealState } from './state.ts';
import { systemInfo, systemVersion } from './system.ts';
import type { EngineStateBody } from '../api/index.ts';

export interface CreateEngineOptions extends Partial<EngineDeps> {
  /** State to resume from (already verified with `openState`). */
  readonly state?: EngineStateBody;
}

/** The Engine API endpoint each EngineApi method stands for, for the architecture view. */
const ENDPOINTS: Readonly<Record<string, string>> = {
  ping: 'GET /_ping',
  version: 'GET /version',
  info: 'GET /info',
  events: 'GET /events',
  subscribe: 'GET /events',
  exportState: 'GET /layerlab/state',
  importState: 'PUT /layerlab/state',
};

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
  let daemonId = options.state?.daemonId ?? randomUuid(deps.rng).toUpperCase();
  const bus = new EventBus(deps.clock, deps.schedule, undefined, options.state?.nextSeq ?? 1);
  let records: Record<string, unknown> = { ...(options.state?.records ?? {}) };
  let blobs: Record<string, string> = { ...(options.state?.blobs ?? {}) };

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
    async importState(doc: unknown) {
      const body = await openState(doc);
      daemonId = body.daemonId;
      records = { ...body.records };
      blobs = { ...body.blobs };
    },
  };
  return withRequestEvents(api, bus);
}

/**
 * Publishes `/api/request/handled` for every call (the REST call the docker
 * client made, its status), so the architecture view shows client → daemon
 * traffic as it happened.
 */
function withRequestEvents(api: EngineApi, bus: EventBus): EngineApi {
  const wrapped: Record<string, unknown> = {};
  for (const [method, fn] of Object.entries(api) as [string, (...a: unknown[]) => Promise<unknown>][]) {
    wrapped[method] = async (...args: unknown[]) => {
      const endpoint = ENDPOINTS[method] ?? method;
      try {
        const result = await fn(...args);
        bus.publish('/api/request/handled', { method, endpoint, status: 200 });
        return result;
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'System';
        bus.publish('/api/request/failed', { method, endpoint, code });
        throw err;
      }
    };
  }
  return wrapped as unknown as EngineApi;
}
