/**
 * The daemon's words for a container's state (moby container/state.go
 * State.String()), computed from the engine clock: `Up 2 seconds`,
 * `Up 5 minutes (Paused)`, `Exited (0) 3 seconds ago`, `Created`,
 * `Restarting (1) 2 seconds ago`, `Removal In Progress`, `Dead`. The ages
 * are docker/go-units HumanDuration (src/lib/go-time.ts, shared with the CLI).
 */
import type { ContainerStatus } from '../../api/containers.ts';
import { civilFromDays, humanDurationNs } from '../../lib/go-time.ts';

/** go-units HumanDuration for a span in milliseconds. */
export function humanDuration(ms: number): string {
  return humanDurationNs(ms * 1e6);
}

export interface StatusFacts {
  readonly status: ContainerStatus;
  readonly exitCode: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Set when the container was started at least once. */
  readonly everStarted: boolean;
}

/** `Status` of `docker ps`. */
export function statusString(s: StatusFacts, now: number): string {
  switch (s.status) {
    case 'running':
      return `Up ${humanDuration(now - s.startedAt)}`;
    case 'paused':
      return `Up ${humanDuration(now - s.startedAt)} (Paused)`;
    case 'restarting':
      return `Restarting (${s.exitCode}) ${humanDuration(now - s.finishedAt)} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
      return 'Created';
    case 'exited':
      return s.everStarted ? `Exited (${s.exitCode}) ${humanDuration(now - s.finishedAt)} ago` : 'Created';
  }
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Unix ms → RFC 3339 with nanoseconds, trailing zeros trimmed (Go's RFC3339Nano), UTC. */
export function rfc3339Nano(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const rem = ms - days * 86_400_000;
  const [y, m, d] = civilFromDays(days);
  const frac = String(Math.round(rem % 1000) * 1_000_000).padStart(9, '0').replace(/0+$/, '');
  const secs = Math.floor(rem / 1000);
  const base = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
  return `${base}${frac ? `.${frac}` : ''}Z`;
}

/** Unix ms → `2006-01-02T15:04:05.000000000Z` (docker logs -t: a fixed nine-digit fraction). */
export function rfc3339NanoFixed(ms: number): string {
  const nano = rfc3339Nano(ms);
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(nano)!;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z`;
}

/** Go's zero time as the Engine API prints it (never started / never finished). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

