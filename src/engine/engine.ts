import type { EngineApi, EventFilter } from '../api/index.ts';
import { realDeps, randomUuid, type EngineDeps } from './deps.ts';
import { EventBus } from './events/bus.ts';
import { openState, sealState } from './state.ts';
import { systemInfo, systemVersion } from './system.ts';
import { EDITOR_SERVICE_METHODS, editorServices } from './editor-services.ts';
import type { EngineStateBody } from '../api/index.ts';
import { createImageModule } from './image-module.ts';
import { createContainerRuntime } from './container-module.ts';
import { commitContainer } from './container-commit.ts';
import { CONTAINER_ENDPOINTS, containerApi } from './runtime/container-api.ts';
import { USERSPACE_ROOTFS_TOOLS } from './image-module.ts';
import { createRegistryModule } from './registry-module.ts';
import { registryApi } from './registry-api.ts';
import type { FetchLike } from './registry/index.ts';
import type { EngineInternals } from './internals.ts';
import { CONTAINER_FILES_ENDPOINTS, containerFilesApi } from './container-files.ts';
import { eventsApi } from './docker-events.ts';
import { NETWORK_ENDPOINTS, networkApi } from './runtime/network-api.ts';
import { systemDf } from './system-df.ts';
import { cowEventSink } from './snapshots/index.ts';
import { vizLayers, vizObjects } from './layers-viz.ts';
import { explainStorageDrivers } from './storage-viz.ts';
import { createBuildModule } from './build-module.ts';

export interface CreateEngineOptions extends Partial<EngineDeps> {
  /** State to resume from (already verified with `openState`). */
  readonly state?: EngineStateBody;
  /**
   * Base images (`busybox`, `alpine:3.22`, …) present from the start, as if
   * pulled before the session: lesson start states and tests. Materialised
   * on the first API call, not at construction.
   */
  readonly preloadImages?: readonly string[];
  /**
   * The host's fetch (Node's, the browser's), for pulls and pushes to real
   * registries. Absent: only the engine's own registries (the simulated
   * Hub, `registry:2` containers) answer. The engine never reaches for a
   * global fetch itself.
   */
  readonly fetch?: FetchLike;
  /**
   * Called once with the engine's live modules, for a composer that builds
   * the simulated Docker host beside the API (see host-engine.ts). Hosts
   * that need only EngineApi leave it out.
   */
  readonly attach?: (internals: EngineInternals) => void;
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
  imageList: 'GET /images/json',
  imageInspect: 'GET /images/{name}/json',
  imageHistory: 'GET /images/{name}/history',
  imageTag: 'POST /images/{name}/tag',
  imageRemove: 'DELETE /images/{name}',
  imagePrune: 'POST /images/prune',
  imageSave: 'GET /images/get',
  imageLoad: 'POST /images/load',
  imagePull: 'POST /images/create',
  imagePush: 'POST /images/{name}/push',
  imageSearch: 'GET /images/search',
  systemAuth: 'POST /auth',
  imageBuild: 'POST /build',
  imageBuildPreview: 'POST /build (preview)',
  imageBuildCancel: 'POST /build/cancel',
  builderPrune: 'POST /build/prune',
  systemDf: 'GET /system/df',
  systemEvents: 'GET /events',
  ...CONTAINER_FILES_ENDPOINTS,
  ...NETWORK_ENDPOINTS,
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
    timers: options.timers ?? base.timers!,
  };
  let daemonId = options.state?.daemonId ?? randomUuid(deps.rng).toUpperCase();
  const bus = new EventBus(deps.clock, deps.schedule, undefined, options.state?.nextSeq ?? 1);
  let records: Record<string, unknown> = { ...(options.state?.records ?? {}) };
  let blobs: Record<string, string> = { ...(options.state?.blobs ?? {}) };
  // Late-bound: the container module is made after the image module it depends on.
  const usage = { usersOf: (id: string) => containers.usersOf(id) };
  // Containers' copy-on-write facts (`/sim/fs/…`: changes, copy-ups, whiteouts) for the visualisation.
  const imageModule = createImageModule({ clock: deps.clock, bus, usage, fsEvents: cowEventSink((topic, data) => bus.publish(topic, data)) });
  imageModule.restore(records, blobs);
  const registry = createRegistryModule({
    rng: deps.rng,
    store: imageModule.service.store,
    tools: USERSPACE_ROOTFS_TOOLS,
    bus,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    loopback: (host) => registryContainerAt(host),
  });
  // After the image store: the registries' blobs may be shared with its images.
  registry.restore(records, blobs);
  const preload = options.preloadImages ?? [];
  let ready: Promise<void> | undefined;
  /** Preloaded images are made on first use, so constructing an engine stays cheap. */
  const images = async () => {
    ready ??= (async () => {
      for (const name of preload) await imageModule.service.ensureBaseImage(name);
    })();
    await ready;
    return imageModule.service;
  };
  const containers = createContainerRuntime({ clock: deps.clock, rng: deps.rng, schedule: deps.schedule, timers: deps.timers!, bus, images });
  /** The registry a running `registry:2` container serves at `localhost:PORT` (its published port), if any. */
  const registryContainerAt = async (host: string): Promise<string | undefined> => {
    const m = /^(?:localhost|127\.0\.0\.1):(\d+)$/.exec(host);
    if (!m) return undefined;
    const fabric = (await containers.get()).networking.fabric;
    const port = Number(m[1]);
    let svc = fabric.serviceAtHostPort(port);
    // A container that publishes the port but whose server is still starting (just run, or restarted when the
    // engine was reloaded) gets a moment, as a client retrying a fresh registry would; then it is refused.
    for (let waited = 0; !svc && fabric.conflict('0.0.0.0', port, 'tcp') && waited < 3000; waited += 50) {
      await new Promise<void>((r) => deps.timers!.after(50, r));
      svc = fabric.serviceAtHostPort(port);
    }
    return svc?.service === 'registry' ? `registry-container-${svc.containerId}` : undefined;
  };
  containers.restore(records, blobs);
  options.attach?.({ clock: deps.clock, timers: deps.timers!, version: () => bus.nextSeq, images, runtime: containers.get });
  const build = createBuildModule({ clock: deps.clock, rng: deps.rng, timers: deps.timers!, schedule: deps.schedule, bus, imageModule, images, pull: () => api.imagePull });
  build.restore(records, blobs);

  const api: EngineApi = {
    ...containerApi(containers.get, async (id, opts = {}) => commitContainer(await containers.get(), await images(), id, opts)),
    ...editorServices(),
    ...registryApi(registry, images, deps.schedule),
    ...containerFilesApi({ runtime: containers.get, images, clock: deps.clock, bus }),
    ...networkApi(containers.get, (topic, data) => bus.publish(topic, data), deps.timers!),
    ...eventsApi({ bus, clock: deps.clock, timers: deps.timers!, runtime: containers.get }),
    async imageBuild(opts, onProgress) {
      await images();
      return build.builder.build(opts, onProgress);
    },
    async imageBuildCancel(buildId) {
      build.builder.cancel(buildId);
    },
    async imageBuildPreview(opts) {
      await images();
      return build.builder.preview(opts);
    },
    async builderPrune() {
      const dropped = build.builder.cache.prune();
      return { CachesDeleted: dropped.map((r) => r.key), SpaceReclaimed: dropped.reduce((n, r) => n + (r.result.layer?.size ?? 0), 0) };
    },
    async systemDf() {
      return systemDf(await images(), await containers.get());
    },
    async ping() {
      return 'OK';
    },
    async version() {
      return systemVersion();
    },
    async info() {
      // Without preloads no await: info stays as quick as the other system calls.
      if (preload.length > 0) await images();
      const imageCount = imageModule.service.store.list().length;
      return systemInfo(daemonId, { ...containers.counts(), images: imageCount }, deps.clock.now());
    },
    async now() {
      return deps.clock.now();
    },
    async imageList(opts) {
      return (await images()).list(opts);
    },
    async imageInspect(ref) {
      return (await images()).inspect(ref);
    },
    async imageHistory(ref) {
      return (await images()).history(ref);
    },
    async imageTag(source, target) {
      (await images()).tag(source, target);
    },
    async imageRemove(ref, opts) {
      return (await images()).remove(ref, opts);
    },
    async imagePrune(opts) {
      return (await images()).prune(opts);
    },
    async imageSave(refs) {
      return (await images()).save(refs);
    },
    async imageLoad(tar) {
      return (await images()).load(tar);
    },
    async vizLayers(opts) {
      return vizLayers((await images()).store, await containers.get(), opts);
    },
    async vizObjects() {
      return vizObjects((await images()).store, await containers.get());
    },
    async vizStorageDrivers(operations) {
      return explainStorageDrivers(operations);
    },
    async subscribe(filter: EventFilter, listener) {
      return bus.subscribe(filter, listener);
    },
    async events(filter: EventFilter = {}) {
      return bus.replay(filter);
    },
    async exportState() {
      await images();
      const withImages = imageModule.persist(records, blobs);
      // After the image store's persist, which drops blobs of deleted images a registry may still hold.
      const withRegistries = registry.persist(withImages.records, withImages.blobs);
      const withBuildCache = build.persist(withRegistries.records, withRegistries.blobs);
      const saved = await containers.persist(withBuildCache.records, withBuildCache.blobs);
      return sealState({ daemonId, nextSeq: bus.nextSeq, records: saved.records, blobs: saved.blobs });
    },
    async importState(doc: unknown) {
      const body = await openState(doc);
      daemonId = body.daemonId;
      records = { ...body.records };
      blobs = { ...body.blobs };
      imageModule.restore(records, blobs);
      registry.restore(records, blobs);
      build.restore(records, blobs);
      containers.restore(records, blobs);
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
    // `now` is the client reading its host clock and viz* are the UI's own views, not daemon traffic: no request event.
    if (EDITOR_SERVICE_METHODS.has(method) || method === 'now' || method.startsWith('viz')) {
      wrapped[method] = fn;
      continue;
    }
    wrapped[method] = async (...args: unknown[]) => {
      const endpoint = ENDPOINTS[method] ?? (CONTAINER_ENDPOINTS as Record<string, string>)[method] ?? method;
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
