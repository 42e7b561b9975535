import { isFsError } from '../../fs/errors.ts';
import { concatBytes } from '../io/text.ts';
import { legacyCount } from './head.ts';
import { optValue, parseOptions } from './lib/options.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { defineApplet } from './registry.ts';

/**
 * tail [-n [+]N] [-c [+]N] [-qv] [FILE]…: keeps only the last N lines while
 * streaming (so `seq 1 1000000 | tail -n 1` needs little memory).
 */
export const tail = defineApplet('tail', async (io, argv) => {
  const o = parseOptions(legacyCount(argv).slice(1), 'n:c:qvfFs:');
  const cArg = optValue(o, 'c');
  const spec = cArg ?? optValue(o, 'n') ?? '10';
  if (!/^[+-]?\d+$/.test(spec)) {
    await io.err(`invalid number '${spec}'`);
    return 1;
  }
  const fromStart = spec.startsWith('+');
  const n = Math.abs(Number(spec));
  const files = o.args.length ? o.args : ['-'];
  const headers = (files.length > 1 || o.flags.has('v')) && !o.flags.has('q');
  let status = 0;
  let opened = 0;
  for (const [k, f] of files.entries()) {
    try {
      const chunks = io.chunks(f);
      let data: Uint8Array;
      if (cArg !== undefined) {
        const all = concatBytes(await collect(chunks));
        data = fromStart ? all.subarray(Math.max(0, n - 1)) : all.subarray(Math.max(0, all.length - n));
      } else if (fromStart) {
        const all = concatBytes(await collect(chunks));
        let off = 0;
        for (let line = 1; line < n && off < all.length; line++) {
          const nl = all.indexOf(10, off);
          off = nl < 0 ? all.length : nl + 1;
        }
        data = all.subarray(off);
      } else data = await lastLines(chunks, n);
      opened++;
      if (headers) await io.out(`${k > 0 ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
      await io.outBytes(data);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't open '${f}': ${e.text}`);
      status = 1;
    }
  }
  if (opened === 0 && status !== 0) await io.err('no files');
  if ((o.flags.has('f') || o.flags.has('F')) && files.some((f) => f !== '-')) await follow(io, files.filter((f) => f !== '-'));
  return status;
});

async function collect(chunks: AsyncGenerator<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

/** The last `n` lines, holding only as many chunks as needed. */
async function lastLines(chunks: AsyncGenerator<Uint8Array>, n: number): Promise<Uint8Array> {
  if (n === 0) {
    for await (const _ of chunks) void _;
    return new Uint8Array(0);
  }
  const kept: Uint8Array[] = [];
  let newlines = 0;
  for await (const c of chunks) {
    kept.push(c);
    for (let i = 0; i < c.length; i++) if (c[i] === 10) newlines++;
    // Drop whole chunks from the front while the rest still holds more than n lines.
    while (kept.length > 1) {
      const first = kept[0]!;
      let nl = 0;
      for (let i = 0; i < first.length; i++) if (first[i] === 10) nl++;
      if (newlines - nl > n) {
        kept.shift();
        newlines -= nl;
      } else break;
    }
  }
  const all = concatBytes(kept);
  let end = all.length;
  let count = 0;
  let i = end - 1;
  if (all[i] === 10) i--;
  for (; i >= 0; i--) {
    if (all[i] === 10 && ++count === n) break;
  }
  return all.subarray(i + 1, end);
}

/**
 * -f: keeps printing what is appended to the files, polling the Vfs every
 * quarter second, until a signal ends the process (`tail -f /dev/null`
 * keeps a container alive). A file that shrinks is read again from the start.
 */
async function follow(io: AppletIO, files: string[]): Promise<never> {
  const vfs = io.proc.vfs;
  const sizes = new Map<string, number>();
  for (const f of files) {
    try {
      sizes.set(f, f === '/dev/null' ? 0 : vfs.stat(io.path(f)).size);
    } catch {
      sizes.set(f, 0);
    }
  }
  await io.flush();
  for (;;) {
    await io.proc.wait(io.proc.kernel.scheduler.sleep(250));
    for (const f of files) {
      if (f === '/dev/null') continue;
      let size: number;
      try {
        size = vfs.stat(io.path(f)).size;
      } catch {
        continue;
      }
      const old = sizes.get(f) ?? 0;
      if (size === old) continue;
      const from = size < old ? 0 : old;
      sizes.set(f, size);
      await io.outBytes(vfs.readFile(io.path(f)).subarray(from));
    }
  }
}
