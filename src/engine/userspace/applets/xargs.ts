import { decode } from '../io/text.ts';
import { spawnAndWait } from './exec-helper.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** Splits xargs input into arguments: blanks separate, quotes and backslashes group. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === q) q = null;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      q = c;
      has = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

/** xargs [-0rt] [-n N] [-I STR] [-d DELIM] [CMD [ARGS…]]: builds command lines from stdin (default echo). */
export const xargs = defineApplet('xargs', async (io, argv) => {
  const o = parseOptions(argv.slice(1), '0rtn:I:d:s:P:xpE:', false);
  const cmd = o.args.length ? o.args : ['echo'];
  const text = decode(await io.readBytes('-'));
  const delim = optValue(o, 'd');
  const repl = optValue(o, 'I');
  let items: string[];
  if (o.flags.has('0')) items = text.split('\0').filter((s, i, a) => s !== '' || i < a.length - 1);
  else if (delim !== undefined) items = text.split(delim.replace('\\n', '\n')).filter((s, i, a) => s !== '' || i < a.length - 1);
  else if (repl !== undefined) items = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  else items = tokens(text);
  if (items.length === 0 && o.flags.has('r')) return 0;
  const n = Number(optValue(o, 'n') ?? (repl !== undefined ? 1 : Infinity));
  const batches: string[][] = [];
  if (items.length === 0) batches.push([]);
  for (let k = 0; k < items.length; k += n) batches.push(items.slice(k, k + n));
  let status = 0;
  await io.flush();
  for (const b of batches) {
    const line = repl !== undefined ? cmd.map((a) => a.split(repl).join(b[0] ?? '')) : [...cmd, ...b];
    if (o.flags.has('t')) await io.proc.write(2, `${line.join(' ')}\n`);
    const r = await spawnAndWait(io.proc, line, io.proc.env, (m) => io.err(m));
    if (r === 127 || r === 126) return r;
    if (r === 255) {
      await io.err(`${line[0]}: exited with status 255; aborting`);
      return 124;
    }
    if (r !== 0) status = 123;
  }
  return status;
});
