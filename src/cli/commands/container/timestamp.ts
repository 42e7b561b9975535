/**
 * docker's `--since`/`--until` values (moby api/types/time GetTimestamp):
 * a Go duration (`10m`, `1h30m`) counts back from the client's now, a Unix
 * time (`1700000000.5`) and RFC 3339 dates (with or without time and zone)
 * are absolute. Returns Unix seconds.
 */
import type { ParsedFlags } from '../../flags.ts';
import { flagString } from '../../flags.ts';
import type { CliContext } from '../../io.ts';

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function goDurationMs(v: string): number | undefined {
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  if (v === '') return undefined;
  while (pos < v.length) {
    re.lastIndex = pos;
    const m = re.exec(v);
    if (!m) return undefined;
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    pos = re.lastIndex;
  }
  return total;
}

export function parseTimestamp(value: string, nowMs: number): number {
  const dur = goDurationMs(value);
  if (dur !== undefined) return (nowMs - dur) / 1000;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  let text = value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += 'T00:00:00Z';
  else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) text += 'Z';
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`invalid value for "since": failed to parse value as time or duration: "${value}"`);
  return ms / 1000;
}

/**
 * `--since` and `--until` of a command as Unix seconds, relative ones
 * counted back from the engine's now; prints the parse error and returns
 * null when one is not a time.
 */
export async function sinceUntilFromFlags(ctx: CliContext, parsed: ParsedFlags): Promise<{ since?: number; until?: number } | null> {
  const since = flagString(parsed, 'since');
  const until = flagString(parsed, 'until');
  try {
    const now = since !== undefined || until !== undefined ? await ctx.api.now() : 0;
    return { ...(since !== undefined ? { since: parseTimestamp(since, now) } : {}), ...(until !== undefined ? { until: parseTimestamp(until, now) } : {}) };
  } catch (e) {
    ctx.stderr.write(`${(e as Error).message}\n`);
    return null;
  }
}
