import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** cmp [-s] FILE1 [FILE2]: first differing byte and line. */
export const cmp = defineApplet('cmp', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'sl');
  const [a, b = '-'] = o.args;
  if (a === undefined) return 2;
  let x: Uint8Array;
  let y: Uint8Array;
  try {
    x = await io.readBytes(a);
    y = await io.readBytes(b);
  } catch (e) {
    if (!isFsError(e)) throw e;
    if (!o.flags.has('s')) await io.err(`${e.path.slice(e.path.lastIndexOf('/') + 1) || a}: ${e.text}`);
    return 2;
  }
  let line = 1;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) {
      if (!o.flags.has('s')) await io.out(`${a} ${b} differ: char ${i + 1}, line ${line}\n`);
      return 1;
    }
    if (x[i] === 10) line++;
  }
  if (x.length !== y.length) {
    if (!o.flags.has('s')) await io.err(`EOF on ${x.length < y.length ? a : b}`);
    return 1;
  }
  return 0;
});
