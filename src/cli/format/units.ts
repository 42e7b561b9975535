/**
 * docker/go-units: the sizes and durations every docker table prints
 * (`183MB`, `About a minute ago`, `Up 2 hours`) and the sizes users type
 * (`--memory 512m`, `--shm-size 1g`).
 */
import { EngineError } from '../../api/errors.ts';
import { goQuote } from '../../lib/go-quote.ts';
import { humanDurationNs } from '../../lib/go-time.ts';

export { bytesSize, humanSize, humanSizeWithPrecision } from '../../lib/go-units.ts';

/** go-units HumanDuration (nanoseconds); one implementation in src/lib, shared with the daemon. */
export { humanDurationNs as humanDuration } from '../../lib/go-time.ts';

/**
 * `humanDuration` between two instants in milliseconds, for the CREATED and
 * STATUS columns: `humanDurationBetween(created, now) + ' ago'`,
 * `'Up ' + humanDurationBetween(started, now)`. `now` is passed in: the CLI
 * never reads the clock itself.
 */
export function humanDurationBetween(fromMs: number, nowMs: number): string {
  return humanDurationNs((nowMs - fromMs) * 1e6);
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
