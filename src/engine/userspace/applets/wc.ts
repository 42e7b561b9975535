import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** wc [-lwcmL] [FILE]…: columns padded to 9, except that a single count is printed bare (BusyBox). */
export const wc = defineApplet('wc', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'lwcmL');
  let which = ['l', 'w', 'c', 'm', 'L'].filter((c) => o.flags.has(c));
  if (which.length === 0) which = ['l', 'w', 'c'];
  const files = o.args.length ? o.args : ['-'];
  const totals: Record<string, number> = { l: 0, w: 0, c: 0, m: 0, L: 0 };
  let status = 0;
  const rows: [Record<string, number>, string][] = [];
  for (const f of files) {
    const r: Record<string, number> = { l: 0, w: 0, c: 0, m: 0, L: 0 };
    let inWord = false;
    let lineLen = 0;
    try {
      for await (const chunk of io.chunks(f)) {
        r.c! += chunk.length;
        for (let i = 0; i < chunk.length; i++) {
          const b = chunk[i]!;
          if (b === 10) {
            r.l!++;
            if (lineLen > r.L!) r.L = lineLen;
            lineLen = 0;
          } else if ((b & 0xc0) !== 0x80) lineLen++;
          if ((b & 0xc0) !== 0x80) r.m!++;
          const space = b === 32 || (b >= 9 && b <= 13);
          if (space) inWord = false;
          else if (!inWord) {
            inWord = true;
            r.w!++;
          }
        }
      }
      if (lineLen > r.L!) r.L = lineLen;
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${f}: ${e.text}`);
      status = 1;
      continue;
    }
    for (const k of Object.keys(totals)) totals[k]! += r[k]!;
    if (totals.L! < r.L!) totals.L = r.L!;
    rows.push([r, f]);
  }
  if (files.length > 1) rows.push([totals, 'total']);
  let out = '';
  for (const [r, f] of rows) {
    const cols = which.map((k) => (which.length === 1 ? String(r[k]) : String(r[k]).padStart(9)));
    out += `${cols.join(' ')}${f === '-' ? '' : ` ${f}`}\n`;
  }
  await io.out(out);
  return status;
});
