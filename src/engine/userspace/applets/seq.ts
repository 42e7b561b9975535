import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { defineApplet } from './registry.ts';

/** seq [-w] [-s SEP] [FIRST [INC]] LAST. */
export const seq = defineApplet('seq', async (io, argv) => {
  let sep = '\n';
  let width = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-w') width = true;
    else if (a === '-s') sep = argv[++i] ?? '';
    else if (a.startsWith('-s')) sep = a.slice(2);
    else break;
  }
  const nums = argv.slice(i);
  if (nums.length < 1 || nums.length > 3 || nums.some((n) => !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(n))) {
    await io.usage();
    return 1;
  }
  const first = nums.length > 1 ? Number(nums[0]) : 1;
  const inc = nums.length === 3 ? Number(nums[1]) : 1;
  const last = Number(nums[nums.length - 1]);
  const decimals = Math.max(...nums.slice(0, nums.length === 3 ? 2 : nums.length > 1 ? 1 : 0).map(fraction), 0);
  const fmt = (v: number): string => (decimals > 0 ? v.toFixed(decimals) : String(v));
  const w = width ? Math.max(fmt(first).length, fmt(last).length) : 0;
  if (inc === 0) return 0;
  try {
    return await emit(io, { first, inc, last, sep, w, fmt });
  } catch (e) {
    // BusyBox's seq checks nothing but the final fflush: a failing stdout ends it silently with 255.
    if (!isFsError(e) || e.syscall !== 'write' || io.proc.dead) throw e;
    return 255;
  }
});

async function emit(io: AppletIO, o: { first: number; inc: number; last: number; sep: string; w: number; fmt: (v: number) => string }): Promise<number> {
  const { first, inc, last, sep, w, fmt } = o;
  let out = '';
  let firstOut = true;
  for (let k = 0; ; k++) {
    const v = first + k * inc;
    if (inc > 0 ? v > last : v < last) break;
    let s = fmt(v);
    if (w) s = s.startsWith('-') ? `-${s.slice(1).padStart(w - 1, '0')}` : s.padStart(w, '0');
    out += firstOut ? s : sep + s;
    firstOut = false;
    if (out.length >= 8192) {
      await io.out(out);
      out = '';
    }
  }
  if (!firstOut) out += '\n';
  await io.out(out);
  await io.flush();
  return 0;
}

function fraction(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 || /[eE]/.test(s) ? 0 : s.length - dot - 1;
}
