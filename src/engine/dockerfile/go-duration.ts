/**
 * Go `time.ParseDuration`, used by HEALTHCHECK's --interval, --timeout,
 * --start-period and --start-interval. Returns nanoseconds.
 * Simplification: values are JS numbers, exact up to 2^53 ns (about 104 days).
 */
import { InstructionError } from './errors.ts';
import { goQuote } from './go-text.ts';

const units: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  'µs': 1e3, // U+00B5 micro sign
  'μs': 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const quote = goQuote;

/** Parses `1h30m`, `1.5s`, `-2ms`, `0`; throws InstructionError with Go's message otherwise. */
export function parseGoDuration(s: string): number {
  const orig = s;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new InstructionError(`time: invalid duration ${quote(orig)}`);
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    const int = num[1]!;
    const frac = num[2];
    if (int === '' && (frac === undefined || frac === '')) throw new InstructionError(`time: invalid duration ${quote(orig)}`);
    s = s.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (unit === '') throw new InstructionError(`time: missing unit in duration ${quote(orig)}`);
    const scale = units[unit];
    if (scale === undefined) throw new InstructionError(`time: unknown unit ${quote(unit)} in duration ${quote(orig)}`);
    s = s.slice(unit.length);
    total += Number(int || '0') * scale + (frac ? Number(`0.${frac}`) * scale : 0);
  }
  if (total > 9223372036854775807) throw new InstructionError(`time: invalid duration ${quote(orig)}`);
  return neg ? -Math.floor(total) : Math.floor(total);
}
