import type { Kernel } from './kernel.ts';

/** The simulated host's memory, KiB, as /proc/meminfo and sysinfo(2) report it. */
export interface MemInfo {
  readonly total: number;
  readonly free: number;
  readonly shared: number;
  readonly buffers: number;
  readonly cached: number;
  readonly available: number;
}

const DEFAULT_MEM = 4 * 1024 * 1024 * 1024;

/**
 * Memory of the simulated host (src/engine/host.ts: 4 GiB). Simplification:
 * a fixed baseline (the host's own use) plus a small share per process of
 * this namespace, so `free` and `top` move when processes start.
 */
export function memInfo(k: Kernel): MemInfo {
  const total = Math.floor((k.opts.memBytes ?? DEFAULT_MEM) / 1024);
  const used = 412_336 + 1_640 * k.procs.size;
  const buffers = 38_912;
  const cached = 1_048_576;
  const shared = 4_396;
  const free = Math.max(0, total - used - buffers - cached);
  return { total, free, shared, buffers, cached, available: free + buffers + cached - shared };
}

/** Seconds since the simulated host booted. */
export function uptimeSeconds(k: Kernel): number {
  return Math.max(0, (k.scheduler.now() - k.bootedAt) / 1000);
}

/** /proc/meminfo's first lines (what free and top read). */
export function meminfoText(k: Kernel): string {
  const m = memInfo(k);
  const row = (name: string, kib: number) => `${`${name}:`.padEnd(16)}${String(kib).padStart(8)} kB\n`;
  return row('MemTotal', m.total) + row('MemFree', m.free) + row('MemAvailable', m.available) + row('Buffers', m.buffers) + row('Cached', m.cached) + row('SwapCached', 0) + row('Shmem', m.shared) + row('SwapTotal', 0) + row('SwapFree', 0);
}
