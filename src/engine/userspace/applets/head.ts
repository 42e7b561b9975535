import { isFsError } from '../../fs/errors.ts';
import { concatBytes } from '../io/text.ts';
import { optValue, parseOptions } from './lib/options.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { defineApplet } from './registry.ts';

/** Rewrites the historical `-3` form to `-n 3`. */
export function legacyCount(argv: string[]): string[] {
  return argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) && !/^-[nc]$/.test(argv[i - 1]!) ? `-n${a.slice(1)}` : a));
}

/** head [-n N] [-c N] [-qv] [FILE]…: stops reading as soon as it has enough. */
export const head = defineApplet('head', async (io, argv) => {
  const o = parseOptions(legacyCount(argv).slice(1), 'n:c:qv');
  const nArg = optValue(o, 'n');
  const cArg = optValue(o, 'c');
  const count = cArg ?? nArg ?? '10';
  if (!/^-?\d+$/.test(count)) {
    await io.err(`invalid number '${count}'`);
    return 1;
  }
  const n = Number(count);
  const files = o.args.length ? o.args : ['-'];
  const headers = (files.length > 1 || o.flags.has('v')) && !o.flags.has('q');
  let status = 0;
  for (const [k, f] of files.entries()) {
    try {
      if (headers) await io.out(`${k > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
      if (cArg !== undefined) await headBytes(io, f, n);
      else await headLines(io, f, n);
      await io.flush();
    } catch (e) {
      if (!isFsError(e)) throw e;
      // BusyBox's fflush_stdout_and_exit: a failing stdout is named "standard output" (and head still exits 0).
      if (e.syscall === 'write') {
        await io.err(`standard output: ${e.text}`);
        return status;
      }
      await io.err(`${f}: ${e.text}`);
      status = 1;
    }
  }
  return status;
});

async function headLines(io: AppletIO, f: string, n: number): Promise<void> {
  if (n < 0) {
    const all = await io.readBytes(f);
    let end = all.length;
    for (let k = 0; k < -n && end > 0; k++) {
      end = all.lastIndexOf(10, end - 2) + 1;
    }
    await io.outBytes(all.subarray(0, end));
    return;
  }
  let left = n;
  if (left === 0) return;
  for await (const c of io.chunks(f)) {
    let i = 0;
    while (left > 0) {
      const nl = c.indexOf(10, i);
      if (nl < 0) {
        i = c.length;
        break;
      }
      i = nl + 1;
      left--;
    }
    await io.outBytes(c.subarray(0, i));
    if (left === 0) return;
  }
}

async function headBytes(io: AppletIO, f: string, n: number): Promise<void> {
  if (n < 0) {
    const all = await io.readBytes(f);
    await io.outBytes(all.subarray(0, Math.max(0, all.length + n)));
    return;
  }
  const parts: Uint8Array[] = [];
  let got = 0;
  if (n === 0) return;
  for await (const c of io.chunks(f)) {
    parts.push(c.subarray(0, n - got));
    got += Math.min(c.length, n - got);
    if (got >= n) break;
  }
  await io.outBytes(concatBytes(parts));
}
