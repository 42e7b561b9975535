/**
 * Wiring of `docker export`, `docker cp`, `docker import` and `docker stats`
 * for the composition root: the runtime's containers (their union mounts),
 * the archive rules in runtime/archive.ts, the image store for import.
 */
import type { ContainerFilesApi, ContainerStatsResponse, ContainerCpuStats } from '../api/containers.ts';
import { EngineError } from '../api/errors.ts';
import { applyChanges } from './container-commit.ts';
import type { Clock } from './deps.ts';
import type { EventBus } from './events/bus.ts';
import { entriesToTar, tarToEntries } from './fs/layer-tar.ts';
import { normalizePath } from './fs/path.ts';
import { HOST } from './host.ts';
import type { ImageService } from './images/service.ts';
import { appendLayer, emptyImage, withConfig, withMeta } from './images/mutate.ts';
import { extractInto, pathStat, treeEntries } from './runtime/archive.ts';
import type { ContainerRuntime } from './runtime/runtime.ts';
import { rfc3339Nano, ZERO_TIME } from './runtime/status.ts';
import { createLayer } from './snapshots/layer.ts';

/** The Engine API endpoint of each method, for the architecture view. */
export const CONTAINER_FILES_ENDPOINTS: Readonly<Record<keyof ContainerFilesApi, string>> = {
  containerExport: 'GET /containers/{id}/export',
  containerArchiveStat: 'HEAD /containers/{id}/archive',
  containerArchive: 'GET /containers/{id}/archive',
  containerPutArchive: 'PUT /containers/{id}/archive',
  containerStats: 'GET /containers/{id}/stats',
  imageImport: 'POST /images/create?fromSrc',
};

/** A path as the client sent it, made absolute against `/` (dockerd resolves relative paths from the root). */
const absolute = (path: string) => (path.startsWith('/') ? path : `/${path}`);

export function containerFilesApi(deps: {
  runtime: () => Promise<ContainerRuntime>;
  images: () => Promise<ImageService>;
  clock: Clock;
  bus: Pick<EventBus, 'publish'>;
}): ContainerFilesApi {
  return {
    async containerExport(id) {
      const c = (await deps.runtime()).get(id);
      const tar = await entriesToTar(treeEntries(c.mount, '/', ''));
      deps.bus.publish('/container/exported', { id: c.id, name: c.name, bytes: tar.length });
      return tar;
    },
    async containerArchiveStat(id, path) {
      const c = (await deps.runtime()).get(id);
      return pathStat(c.mount, absolute(path), id);
    },
    async containerArchive(id, path) {
      const c = (await deps.runtime()).get(id);
      const stat = pathStat(c.mount, absolute(path), id);
      // A path ending in `/.` names the directory's contents; its entries still go under the base name.
      const abs = normalizePath(absolute(path));
      const tar = await entriesToTar(treeEntries(c.mount, abs, stat.name === '/' ? '.' : stat.name));
      deps.bus.publish('/container/archive/read', { id: c.id, path: abs, bytes: tar.length });
      return { stat, tar };
    },
    async containerPutArchive(id, path, tar, options = {}) {
      const c = (await deps.runtime()).get(id);
      let entries;
      try {
        entries = await tarToEntries(tar);
      } catch (e) {
        throw new EngineError('InvalidParameter', `Error processing tar file: ${(e as Error).message}`, {});
      }
      extractInto(c.mount, absolute(path), entries, id, options);
      deps.bus.publish('/container/archive/extracted', { id: c.id, path: normalizePath(absolute(path)), entries: entries.length });
    },
    async containerStats(id) {
      const c = (await deps.runtime()).get(id);
      return statsOf(c, deps.clock.now());
    },
    async imageImport(tar, options = {}) {
      const service = await deps.images();
      let entries;
      try {
        entries = await tarToEntries(tar);
      } catch (e) {
        throw new EngineError('InvalidParameter', `archive/tar: invalid tar header (${(e as Error).message})`, {});
      }
      const store = service.store;
      const now = rfc3339Nano(deps.clock.now());
      let image = appendLayer(emptyImage(), await createLayer(entries, store.content), { created: now, comment: options.message || 'Imported from -' });
      image = withMeta(image, { created: now });
      image = withConfig(image, applyChanges({}, options.changes ?? []));
      const record = await store.put(image);
      if (options.reference) service.tag(record.id, options.reference);
      deps.bus.publish('/image/imported', { id: record.id, ...(options.reference ? { ref: options.reference } : {}) });
      return { Id: record.id };
    },
  };
}

const ZERO_CPU: ContainerCpuStats = {
  cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 },
  throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
};

/**
 * One stats sample. Simplification: nothing is measured; memory is a model
 * (each process's share plus the writable layer), CPU stays at 0 % because
 * the simulated processes spend engine time, not CPU time.
 */
function statsOf(c: ReturnType<ContainerRuntime['get']>, now: number): ContainerStatsResponse {
  const name = `/${c.name}`;
  if (!c.running || !c.kernel) {
    return {
      name, id: c.id, read: ZERO_TIME, preread: ZERO_TIME, pids_stats: {}, blkio_stats: { io_service_bytes_recursive: null },
      num_procs: 0, cpu_stats: ZERO_CPU, precpu_stats: ZERO_CPU, memory_stats: {},
    };
  }
  const procs = c.kernel.list().length;
  const usage = 512 * 1024 * procs + Math.max(0, c.mount.upper.usedBytes);
  const cpu: ContainerCpuStats = { ...ZERO_CPU, system_cpu_usage: now * 1e6 * HOST.ncpu, online_cpus: HOST.ncpu };
  return {
    name,
    id: c.id,
    read: rfc3339Nano(now),
    preread: rfc3339Nano(now - 1000),
    pids_stats: { current: procs },
    blkio_stats: { io_service_bytes_recursive: [] },
    num_procs: 0,
    cpu_stats: cpu,
    precpu_stats: cpu,
    memory_stats: { usage, stats: { active_anon: usage, anon: usage, file: 0, inactive_file: 0 }, limit: HOST.memTotal },
    networks: { eth0: { rx_bytes: 0, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_bytes: 0, tx_packets: 0, tx_errors: 0, tx_dropped: 0 } },
  };
}
