/**
 * docker/go-units: the sizes and durations every docker table prints
 * (`183MB`, `About a minute ago`, `Up 2 hours`) and the sizes users type
 * (`--memory 512m`, `--shm-size 1g`).
 */
import { EngineError } from '../../api/errors.ts';
import { goQuote } from '../../lib/go-quote.ts';
import { formatFloat } from './go-float.ts';

const decimalAbbrs = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const binaryAbbrs = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

/** Divide by `base` until the value is below it (or the largest unit is reached). */
function sizeAndUnit(size: number, base: number, units: readonly string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]!];
}

/**
 * Decimal size with `precision` significant digits, Go `%.*g` + unit, no space.
 * docker images/history/ps use precision 3: `183MB`, `0B`, and the quirk
 * `1e+03kB` for 999500 bytes (rounding happens after the unit is chosen).
 */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [value, unit] = sizeAndUnit(size, 1000, decimalAbbrs);
  return formatFloat(value, 'g', precision) + unit;
}

/** Decimal size with 4 significant digits: `5.372TB`. */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** Binary (1024-based) size with 4 significant digits: `3.42GiB`. */
export function bytesSize(size: number): string {
  const [value, unit] = sizeAndUnit(size, 1024, binaryAbbrs);
  return formatFloat(value, 'g', 4) + unit;
}

const NS_PER_SECOND = 1e9;

/**
 * A duration in words, as docker prints ages: `Less than a second`, `45 seconds`,
 * `About a minute`, `35 minutes`, `About an hour`, `36 hours`, `7 days`,
 * `3 weeks`, `13 months`, `3 years`. Hours are rounded; everything else is
 * truncated, as go-units does.
 */
export function humanDuration(ns: number): string {
  const seconds = Math.trunc(ns / NS_PER_SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ns / (60 * NS_PER_SECOND));
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const exactHours = ns / (3600 * NS_PER_SECOND);
  const hours = goRound(exactHours);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(exactHours) / 24 / 365)} years`;
}

/** Go's math.Round: halves away from zero (JS Math.round rounds -0.5 up). */
function goRound(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/**
 * `humanDuration` between two instants in milliseconds, for the CREATED and
 * STATUS columns: `humanDurationBetween(created, now) + ' ago'`,
 * `'Up ' + humanDurationBetween(started, now)`. `now` is passed in: the CLI
 * never reads the clock itself.
 */
export function humanDurationBetween(fromMs: number, nowMs: number): string {
  return humanDuration((nowMs - fromMs) * 1e6);
}

const KB = 1000;
const KiB = 1024;
const decimalMap: Readonly<Record<string, number>> = { k: KB, m: KB ** 2, g: KB ** 3, t: KB ** 4, p: KB ** 5 };
const binaryMap: Readonly<Record<string, number>> = { k: KiB, m: KiB ** 2, g: KiB ** 3, t: KiB ** 4, p: KiB ** 5 };

/** `FromHumanSize`: `"32kb"` → 32000, `"1.5MB"` → 1500000 (decimal units). */
export function fromHumanSize(size: string): number {
  return parseSize(size, decimalMap);
}

/** `RAMInBytes`: `"512m"` → 536870912 (binary units; what `--memory` accepts). */
export function ramInBytes(size: string): number {
  return parseSize(size, binaryMap);
}

function invalid(message: string, input: string): never {
  throw new EngineError('InvalidParameter', message, { size: input });
}

/**
 * The number is everything up to the last digit, `.` or space; an optional
 * single space separates it from a suffix of `b`, or `k m g t p` optionally
 * followed by `b` or `ib` (any case). Fractions are truncated towards zero.
 */
function parseSize(sizeStr: string, units: Readonly<Record<string, number>>): number {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(sizeStr[i]!)) {
      sep = i;
      break;
    }
  }
  if (sep === -1) invalid(`invalid size: '${sizeStr}'`, sizeStr);
  const num = sizeStr[sep] === ' ' ? sizeStr.slice(0, sep) : sizeStr.slice(0, sep + 1);
  let sfx = sizeStr.slice(sep + 1);
  let size = parseGoFloat(num, sizeStr);
  if (size < 0) invalid(`invalid size: '${sizeStr}'`, sizeStr);
  if (sfx.length === 0) return Math.trunc(size);
  const badSuffix = () => invalid(`invalid suffix: '${sfx}'`, sizeStr);
  if (sfx.length > 3) badSuffix();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) badSuffix();
    return Math.trunc(size);
  }
  const mul = units[sfx[0]!];
  if (mul === undefined) badSuffix();
  size *= mul!;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) badSuffix();
  return Math.trunc(size);
}

/** strconv.ParseFloat for decimal text; Go's error text on failure. */
function parseGoFloat(num: string, input: string): number {
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(num)) {
    invalid(`strconv.ParseFloat: parsing ${goQuote(num)}: invalid syntax`, input);
  }
  return Number(num);
}
