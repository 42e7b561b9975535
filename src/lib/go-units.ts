/**
 * docker/go-units sizes (`183MB`, `3.42GiB`): one implementation for the CLI's
 * tables, the daemon's progress bars and the builder's transfer sizes.
 */
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
