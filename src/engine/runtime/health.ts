/**
 * Health checks (moby daemon/health.go): while a container with a
 * HEALTHCHECK runs, its test command runs in the container every Interval
 * (StartInterval during StartPeriod), on the engine's timers. The status
 * starts as `starting`; a passing check makes it `healthy`; Retries failures
 * in a row make it `unhealthy` (failures inside the start period do not
 * count until a check has passed). A check that outlives Timeout is killed
 * and counts as a failure. The last five results are kept (State.Health.Log).
 */
import type { HealthState } from '../../api/containers.ts';
import type { HealthConfig } from '../../api/images.ts';
import type { Timers } from '../deps.ts';
import type { Cred } from '../fs/vfs.ts';
import { FdTable } from '../userspace/io/fd-table.ts';
import { bytesSource, CollectSink, StreamFile } from '../userspace/io/special-files.ts';
import { concatBytes, decode } from '../userspace/io/text.ts';
import { SIGNALS } from '../userspace/process/signals.ts';
import type { Container } from './container.ts';
import { rfc3339Nano } from './status.ts';

const NS_PER_MS = 1_000_000;
const DEFAULTS = { interval: 30_000, timeout: 30_000, startPeriod: 0, startInterval: 5_000, retries: 3 };
const MAX_LOG = 5;
const MAX_OUTPUT = 4096;

/** Go's Duration.String() for whole seconds or milliseconds (`30s`, `500ms`, `1m30s`). */
function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60 === 0 ? '0' : s % 60}s` : `${s}s`;
}

/**
 * Config.Healthcheck of a new container (moby daemon/commit.go merge): the
 * run flags' fields, with the image's filling what they leave at zero;
 * absent when neither has one.
 */
export function healthcheckOf(image: HealthConfig | undefined, run: HealthConfig | undefined): { Healthcheck?: HealthConfig } {
  if (!image && !run) return {};
  const out: Record<string, unknown> = { ...(image ?? {}) };
  for (const [k, v] of Object.entries(run ?? {})) {
    if (k === 'Test' ? (v as string[]).length > 0 : v !== 0 && v !== undefined) out[k] = v;
  }
  return { Healthcheck: out as HealthConfig };
}

export interface HealthDeps {
  readonly timers: Timers;
  readonly now: () => number;
  readonly publish: (topic: string, data: unknown) => void;
  /** Starts the check's process in the container; `kill` ends it when it outlives the timeout. */
  readonly run: (c: Container, argv: string[]) => { result: Promise<{ output: string; status: number }>; kill(): void };
}

/** Starts the monitor for a container that just started; returns a stop function. */
export function startHealthMonitor(c: Container, cfg: HealthConfig, deps: HealthDeps): () => void {
  const test = cfg.Test ?? [];
  if (test.length === 0 || test[0] === 'NONE') return () => {};
  const argv = test[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', test.slice(1).join(' ')] : test.slice(1);
  const ms = (ns: number | undefined, d: number) => (ns && ns > 0 ? ns / NS_PER_MS : d);
  const interval = ms(cfg.Interval, DEFAULTS.interval);
  const timeout = ms(cfg.Timeout, DEFAULTS.timeout);
  const startPeriod = ms(cfg.StartPeriod, DEFAULTS.startPeriod);
  const startInterval = ms(cfg.StartInterval, DEFAULTS.startInterval);
  const retries = cfg.Retries && cfg.Retries > 0 ? cfg.Retries : DEFAULTS.retries;
  const started = deps.now();
  let stopped = false;
  let timer: { cancel(): void } | null = null;
  const state: { Status: HealthState['Status']; FailingStreak: number; Log: HealthState['Log'][number][] } = { Status: 'starting', FailingStreak: 0, Log: [] };
  c.health = state;

  const schedule = () => {
    if (stopped) return;
    const inStart = deps.now() - started < startPeriod && state.Status === 'starting';
    timer = deps.timers.after(inStart && cfg.StartInterval ? startInterval : interval, () => void probe());
  };

  const probe = async () => {
    if (stopped || !c.running) return;
    const begin = deps.now();
    let result: { output: string; status: number };
    try {
      const check = deps.run(c, argv);
      let timer: { cancel(): void } | undefined;
      const timedOut = new Promise<{ output: string; status: number }>((resolve) => {
        timer = deps.timers.after(timeout, () => {
          check.kill();
          resolve({ output: `Health check exceeded timeout (${formatSeconds(timeout)})`, status: -1 });
        });
      });
      result = await Promise.race([check.result, timedOut]);
      timer?.cancel();
    } catch (e) {
      result = { output: (e as Error).message, status: 1 };
    }
    if (stopped) return;
    const before = state.Status;
    state.Log.push({ Start: rfc3339Nano(begin), End: rfc3339Nano(deps.now()), ExitCode: result.status, Output: result.output.slice(0, MAX_OUTPUT) });
    if (state.Log.length > MAX_LOG) state.Log.shift();
    if (result.status === 0) {
      state.Status = 'healthy';
      state.FailingStreak = 0;
    } else {
      const inStart = begin - started < startPeriod;
      if (!(inStart && state.Status === 'starting')) {
        state.FailingStreak++;
        if (state.FailingStreak >= retries) state.Status = 'unhealthy';
      }
    }
    if (state.Status !== before) deps.publish('/container/health/changed', { id: c.id, name: c.name, status: state.Status });
    schedule();
  };

  schedule();
  return () => {
    stopped = true;
    timer?.cancel();
  };
}

/**
 * Runs a check in the container's kernel (a process like `docker exec`,
 * stdin empty, stdout and stderr together). `kill` ends it (a timed-out
 * check), as dockerd kills the exec.
 */
export function runCheck(c: Container, argv: string[], env: string[], path: string, cred: Cred): { result: Promise<{ output: string; status: number }>; kill(): void } {
  const kernel = c.kernel!;
  const out = new CollectSink();
  const fds = new FdTable();
  fds.install(0, new StreamFile(bytesSource(new Uint8Array(0)), null, () => {}, '/dev/null'));
  fds.install(1, new StreamFile(null, out, () => {}, 'pipe:[health]'));
  fds.dup2(1, 2);
  const proc = kernel.create({ argv, env, cwd: c.config.WorkingDir || '/', cred, fds });
  kernel.run(proc, (p) => kernel.exec(p, path, argv, env));
  return {
    result: proc.exited.then((status) => ({ output: decode(concatBytes(out.chunks)), status })),
    kill: () => void kernel.kill(proc.pid, SIGNALS.KILL),
  };
}
