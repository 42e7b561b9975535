import type { FlagSpec, ParsedFlags } from '../../flags.ts';
import { flagString } from '../../flags.ts';

/** `-s/--signal` and `-t/--timeout`, as `docker stop` and `docker restart` both declare them. */
export const STOP_FLAGS: readonly FlagSpec[] = [
  { name: 'signal', shorthand: 's', kind: 'string', usage: 'Signal to send to the container' },
  { name: 'timeout', shorthand: 't', kind: 'int', usage: 'Seconds to wait before killing the container' },
];

/** The stop options given on the command line (absent ones are left to the container's own settings). */
export function stopOptions(parsed: ParsedFlags): { timeout?: number; signal?: string } {
  const timeout = flagString(parsed, 'timeout');
  const signal = flagString(parsed, 'signal');
  return { ...(timeout !== undefined ? { timeout: Number(timeout) } : {}), ...(signal !== undefined ? { signal } : {}) };
}
