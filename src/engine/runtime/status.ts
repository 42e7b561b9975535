/**
 * The daemon's words for a container's state (moby container/state.go
 * State.String()), computed from the engine clock: `Up 2 seconds`,
 * `Up 5 minutes (Paused)`, `Exited (0) 3 seconds ago`, `Created`,
 * `Restarting (1) 2 seconds ago`, `Removal In Progress`, `Dead`. The ages
 * are docker/go-units HumanDuration (the engine cannot import the CLI's
 * copy, so this is the daemon's own, as in Docker).
 */
import type { ContainerStatus } from '../../api/containers.ts';

/** go-units HumanDuration for a span in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const exactHours = ms / 3_600_000;
  const hours = Math.round(exactHours);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(exactHours) / 24 / 365)} years`;
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
  const [y, m, d] = civil(days);
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

function civil(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
