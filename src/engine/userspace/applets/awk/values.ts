import { gFormat } from '../printf.ts';

/**
 * An awk value: a number, a string, or a "strnum" (text from input: fields,
 * getline, ARGV, split) that compares as a number when it looks like one.
 */
export type Val = number | string | StrNum;

export class StrNum {
  constructor(readonly s: string) {}
}

const NUMERIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

export function toNum(v: Val): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : v.s;
  const m = /^\s*([-+]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))/.exec(s);
  if (!m) return 0;
  return /^[-+]?0[xX]/.test(m[1]!) ? 0 : Number(m[1]);
}

/** Number to string as awk does: integers exactly, others through %.6g (CONVFMT/OFMT). */
export function numToStr(n: number, fmt = '%.6g'): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  if (Number.isNaN(n)) return n > 0 ? 'nan' : '-nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const m = /^%\.(\d+)g$/.exec(fmt);
  return gFormat(n, m ? Number(m[1]) : 6, false);
}

export function toStr(v: Val, fmt?: string): string {
  if (typeof v === 'number') return numToStr(v, fmt);
  return typeof v === 'string' ? v : v.s;
}

export function looksNumeric(v: Val): boolean {
  return typeof v === 'number' || (v instanceof StrNum && NUMERIC.test(v.s));
}

export function truthy(v: Val): boolean {
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v !== '';
  return NUMERIC.test(v.s) ? toNum(v) !== 0 : v.s !== '';
}

/** awk comparison: numeric when both sides are numbers or numeric strnums, else by string. */
export function compare(a: Val, b: Val): number {
  if (looksNumeric(a) && looksNumeric(b)) {
    const x = toNum(a);
    const y = toNum(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = toStr(a);
  const y = toStr(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
