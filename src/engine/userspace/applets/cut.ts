import { readAllLines } from './lib/lines.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** Parses a LIST (`1,3-5,7-`) into a membership test over 1-based positions. */
function parseList(spec: string): ((n: number) => boolean) | null {
  const ranges: [number, number][] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return null;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    if (a === 0) return null;
    ranges.push([a, b]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}

/** cut -f LIST [-d DELIM] [-s] | -c LIST | -b LIST [FILE]…. */
export const cut = defineApplet('cut', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'b:c:f:d:snO:');
  const fields = optValue(o, 'f');
  const chars = optValue(o, 'c') ?? optValue(o, 'b');
  const spec = fields ?? chars;
  if (spec === undefined) {
    await io.err('expected a list of bytes, characters, or fields');
    return 1;
  }
  const inList = parseList(spec);
  if (!inList) {
    await io.err(`invalid byte or field list '${spec}'`);
    return 1;
  }
  const delim = optValue(o, 'd') ?? '\t';
  const { lines, failed } = await readAllLines(io, o.args);
  let out = '';
  for (const l of lines) {
    if (fields !== undefined) {
      if (!l.includes(delim)) {
        if (!o.flags.has('s')) out += `${l}\n`;
        continue;
      }
      out += `${l.split(delim).filter((_, i) => inList(i + 1)).join(delim)}\n`;
    } else {
      out += `${[...l].filter((_, i) => inList(i + 1)).join('')}\n`;
    }
  }
  await io.out(out);
  return failed ? 1 : 0;
});
