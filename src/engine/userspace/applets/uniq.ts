import { readAllLines } from './lib/lines.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** uniq [-cdui] [-f N] [-s N] [INPUT [OUTPUT]]: adjacent duplicates only. */
export const uniq = defineApplet('uniq', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'cduif:s:w:z');
  const f = o.flags;
  const skipFields = Number(optValue(o, 'f') ?? 0);
  const skipChars = Number(optValue(o, 's') ?? 0);
  const width = optValue(o, 'w');
  const { lines, failed } = await readAllLines(io, o.args.slice(0, 1));
  if (failed) return 1;
  const key = (l: string): string => {
    let s = l;
    for (let i = 0; i < skipFields; i++) s = s.replace(/^\s*\S+/, '');
    s = s.slice(skipChars);
    if (width !== undefined) s = s.slice(0, Number(width));
    return f.has('i') ? s.toLowerCase() : s;
  };
  let out = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && key(lines[j]!) === key(lines[i]!)) j++;
    const count = j - i;
    const show = f.has('d') ? count > 1 : f.has('u') ? count === 1 : true;
    if (show) out += f.has('c') ? `${String(count).padStart(7)} ${lines[i]}\n` : `${lines[i]}\n`;
    i = j;
  }
  await io.out(out);
  return 0;
});
