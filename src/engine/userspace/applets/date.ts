import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** strftime(3) over UTC for the conversions scripts use. */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2, c = '0'): string => String(n).padStart(w, c);
  const Y = d.getUTCFullYear();
  const start = Date.UTC(Y, 0, 1);
  const yday = Math.floor((ms - start) / 86400000) + 1;
  const H = d.getUTCHours();
  return fmt.replace(/%([%aAbBcdDeFHhIjklmMnNpsStTuwyYzZ])/g, (_, c: string) => {
    switch (c) {
      case '%': return '%';
      case 'a': return DAYS[d.getUTCDay()]!.slice(0, 3);
      case 'A': return DAYS[d.getUTCDay()]!;
      case 'b':
      case 'h': return MONTHS[d.getUTCMonth()]!.slice(0, 3);
      case 'B': return MONTHS[d.getUTCMonth()]!;
      case 'c': return strftime('%a %b %e %H:%M:%S %Y', ms);
      case 'd': return p(d.getUTCDate());
      case 'D': return strftime('%m/%d/%y', ms);
      case 'e': return p(d.getUTCDate(), 2, ' ');
      case 'F': return strftime('%Y-%m-%d', ms);
      case 'H': return p(H);
      case 'I': return p(H % 12 || 12);
      case 'j': return p(yday, 3);
      case 'k': return p(H, 2, ' ');
      case 'l': return p(H % 12 || 12, 2, ' ');
      case 'm': return p(d.getUTCMonth() + 1);
      case 'M': return p(d.getUTCMinutes());
      case 'n': return '\n';
      case 'N': return p((ms % 1000) * 1e6, 9);
      case 'p': return H < 12 ? 'AM' : 'PM';
      case 's': return String(Math.floor(ms / 1000));
      case 'S': return p(d.getUTCSeconds());
      case 't': return '\t';
      case 'T': return strftime('%H:%M:%S', ms);
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 'y': return p(Y % 100);
      case 'Y': return String(Y);
      case 'z': return '+0000';
      case 'Z': return 'UTC';
    }
    return c;
  });
}

/** Parses -d input: `@SECONDS`, `YYYY-MM-DD[ HH:MM[:SS]]`, `HH:MM[:SS]` (today). */
function parseDate(s: string, now: number): number | null {
  let m = /^@(-?\d+)$/.exec(s);
  if (m) return Number(m[1]) * 1000;
  m = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/.exec(s.trim());
  if (m) return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  m = /^(\d\d):(\d\d)(?::(\d\d))?$/.exec(s.trim());
  if (m) {
    const d = new Date(now);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), Number(m[1]), Number(m[2]), Number(m[3] ?? 0));
  }
  return null;
}

/**
 * date [-u] [-R] [-I] [-d DATE] [+FORMAT]: the injected clock, printed in
 * UTC. Simplification: containers here have no time zones (TZ is UTC).
 */
export const date = defineApplet('date', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'uRId:r:s:D:');
  let ms = io.proc.kernel.scheduler.now();
  const d = o.values.get('d')?.[0];
  if (d !== undefined) {
    const t = parseDate(d, ms);
    if (t === null) {
      await io.err(`invalid date '${d}'`);
      return 1;
    }
    ms = t;
  }
  const plus = o.args.find((a) => a.startsWith('+'));
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (o.flags.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  if (o.flags.has('I')) fmt = '%Y-%m-%d';
  if (plus) fmt = plus.slice(1);
  await io.out(`${strftime(fmt, ms)}\n`);
  return 0;
});
