import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bytesSize,
  fromHumanSize,
  humanDuration,
  humanDurationBetween,
  humanSize,
  humanSizeWithPrecision,
  ramInBytes,
} from '../../src/cli/format/units.ts';
import { formatFloat } from '../../src/lib/go-float.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

interface Cases<T> {
  cases: T[];
}

describe.runIf(haveConformance())('go-units-cases.json', () => {
  // Read as text: `bytes` may exceed 2^53 and is parsed as a double, as Go's float64 is.
  const data = JSON.parse(readFileSync(join(conformanceDir, 'go-units-cases.json'), 'utf8')) as {
    humanDuration: Cases<{ ns: number; expected: string }>;
    humanSize: Cases<{ bytes: number; expected: string }>;
    bytesSize: Cases<{ bytes: number; expected: string }>;
    humanSizeWithPrecision3: Cases<{ bytes: number; expected: string }>;
  };

  it.each(data.humanDuration.cases.map((c) => [c.ns, c.expected] as const))('HumanDuration(%d) = %s', (ns, expected) => {
    expect(humanDuration(ns)).toBe(expected);
  });
  it.each(data.humanSize.cases.map((c) => [c.bytes, c.expected] as const))('HumanSize(%d) = %s', (b, expected) => {
    expect(humanSize(b)).toBe(expected);
  });
  it.each(data.bytesSize.cases.map((c) => [c.bytes, c.expected] as const))('BytesSize(%d) = %s', (b, expected) => {
    expect(bytesSize(b)).toBe(expected);
  });
  it.each(data.humanSizeWithPrecision3.cases.map((c) => [c.bytes, c.expected] as const))(
    'HumanSizeWithPrecision(%d, 3) = %s',
    (b, expected) => {
      expect(humanSizeWithPrecision(b, 3)).toBe(expected);
    },
  );
});

// Further rows of upstream's size_test.go / duration_test.go tables.
describe('go-units beyond the fixture', () => {
  it('HumanDuration edges', () => {
    expect(humanDuration(-5e9)).toBe('Less than a second');
    expect(humanDuration(1e9)).toBe('1 second');
    expect(humanDuration(119e9)).toBe('About a minute');
    expect(humanDuration(90 * 60e9)).toBe('2 hours');
    expect(humanDurationBetween(0, 3 * 3600e3)).toBe('3 hours');
  });

  it.each([
    ['32', 32],
    ['32b', 32],
    ['32B', 32],
    ['32k', 32000],
    ['32K', 32000],
    ['32kb', 32000],
    ['32Kb', 32000],
    ['32Mb', 32000000],
    ['32Gb', 32000000000],
    ['32Tb', 32000000000000],
    ['32Pb', 32000000000000000],
    ['32.5kB', 32500],
    ['32.5 kB', 32500],
    ['32.5 B', 32],
    ['0.3 K', 300],
    ['.3kB', 300],
    ['0', 0],
    ['0B', 0],
    ['32kib', 32000],
  ])('FromHumanSize(%j) = %d', (input, expected) => {
    expect(fromHumanSize(input)).toBe(expected);
  });

  it.each([
    ['32', 32],
    ['32b', 32],
    ['32k', 32 * 1024],
    ['32kb', 32 * 1024],
    ['32KiB', 32 * 1024],
    ['32Mb', 32 * 1024 * 1024],
    ['32MiB', 32 * 1024 * 1024],
    ['32Gb', 32 * 1024 ** 3],
    ['32Tb', 32 * 1024 ** 4],
    ['32Pb', 32 * 1024 ** 5],
    ['32PB', 32 * 1024 ** 5],
    ['32P', 32 * 1024 ** 5],
    ['32.3', 32],
    ['32.3 mb', Math.trunc(32.3 * 1024 * 1024)],
  ])('RAMInBytes(%j) = %d', (input, expected) => {
    expect(ramInBytes(input)).toBe(expected);
  });

  it.each([
    ['', "invalid size: ''"],
    ['hello', "invalid size: 'hello'"],
    ['-32', "invalid size: '-32'"],
    ['32.3Jb', "invalid suffix: 'jb'"],
    ['32 mbb', "invalid suffix: 'mbb'"],
    ['32mib b', 'strconv.ParseFloat: parsing "32mib": invalid syntax'],
    ['32m i', 'strconv.ParseFloat: parsing "32m": invalid syntax'],
    ['32bbbbbbb', "invalid suffix: 'bbbbbbb'"],
    ['32kx', "invalid suffix: 'kx'"],
    ['32kix', "invalid suffix: 'kix'"],
    ['32b1', 'strconv.ParseFloat: parsing "32b1": invalid syntax'],
  ] as [string, string][])('RAMInBytes(%j) fails: %s', (input, message) => {
    expect(() => ramInBytes(input)).toThrow(message);
  });

  it('Go %g/%e/%f formatting, including round-half-to-even on exact ties', () => {
    expect(formatFloat(1.125, 'g', 3)).toBe('1.12');
    expect(formatFloat(1.135, 'g', 3)).toBe('1.14'); // 1.135 is just above the tie as a double
    expect(formatFloat(0.000012345, 'g', 3)).toBe('1.23e-05');
    expect(formatFloat(123456, 'g', -1)).toBe('123456');
    expect(formatFloat(1234567, 'g', -1)).toBe('1.234567e+06');
    expect(formatFloat(1e21, 'g', -1)).toBe('1e+21');
    expect(formatFloat(0.1, 'g', -1)).toBe('0.1');
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(3.14159, 'f', 2)).toBe('3.14');
    expect(formatFloat(0.001, 'f', 5)).toBe('0.00100');
    expect(formatFloat(12345.678, 'e', 3)).toBe('1.235e+04');
    expect(formatFloat(0, 'e', 2)).toBe('0.00e+00');
    expect(formatFloat(-0.5, 'f', -1)).toBe('-0.5');
    expect(formatFloat(Infinity, 'g', 3)).toBe('+Inf');
    expect(humanSizeWithPrecision(1125000, 3)).toBe('1.12MB');
  });
});
