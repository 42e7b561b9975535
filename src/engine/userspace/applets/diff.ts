import { isFsError } from '../../fs/errors.ts';
import { decode } from '../io/text.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

type Op = { k: ' ' | '-' | '+'; text: string; a: number; b: number };

/** Line-level edit script by longest common subsequence (fine for the file sizes lessons use). */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = a[i] === b[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ k: ' ', text: a[i]!, a: i++, b: j++ });
    } else if (j < m && (i >= n || lcs[at(i, j + 1)]! > lcs[at(i + 1, j)]!)) {
      ops.push({ k: '+', text: b[j]!, a: i, b: j++ });
    } else {
      ops.push({ k: '-', text: a[i]!, a: i++, b: j });
    }
  }
  return ops;
}

function range(start: number, len: number): string {
  if (len === 1) return String(start + 1);
  return `${len === 0 ? start : start + 1},${len}`;
}

/** diff [-u] [-U N] [-q] FILE1 FILE2: unified output (BusyBox's only format), status 1 when they differ. */
export const diff = defineApplet('diff', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'uU:qbiwBNsat');
  if (o.args.length !== 2) {
    await io.err('missing operand');
    return 2;
  }
  const [fa, fb] = o.args as [string, string];
  const texts: string[] = [];
  for (const f of [fa, fb]) {
    try {
      if (f !== '-') io.proc.vfs.stat(io.path(f));
      texts.push(decode(await io.readBytes(f)));
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't stat '${f}': ${e.text}`);
      return 2;
    }
  }
  const [ta, tb] = texts as [string, string];
  if (ta === tb) return 0;
  if (o.flags.has('q')) {
    await io.out(`Files ${fa} and ${fb} differ\n`);
    return 1;
  }
  // A last line without its newline differs from the same text with one: mark it.
  const NOEOL = '\u0000';
  const split = (t: string): string[] => {
    const lines = t.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    else lines[lines.length - 1] += NOEOL;
    return lines;
  };
  const a = split(ta);
  const b = split(tb);
  const ops = editScript(a, b);
  const ctx = Number(optValue(o, 'U') ?? 3);
  let out = `--- ${fa}\n+++ ${fb}\n`;
  const changed = ops.map((op, k) => (op.k !== ' ' ? k : -1)).filter((k) => k >= 0);
  let h = 0;
  while (h < changed.length) {
    let start = Math.max(0, changed[h]! - ctx);
    let end = changed[h]!;
    while (h < changed.length && changed[h]! - end <= 2 * ctx) end = changed[h++]!;
    end = Math.min(ops.length - 1, end + ctx);
    const hunk = ops.slice(start, end + 1);
    const aLen = hunk.filter((x) => x.k !== '+').length;
    const bLen = hunk.filter((x) => x.k !== '-').length;
    out += `@@ -${range(hunk[0]!.a, aLen)} +${range(hunk[0]!.b, bLen)} @@\n`;
    for (const x of hunk) {
      if (x.text.endsWith(NOEOL)) out += `${x.k}${x.text.slice(0, -1)}\n\\ No newline at end of file\n`;
      else out += `${x.k}${x.text}\n`;
    }
    start = end;
  }
  await io.out(out);
  return 1;
});

/** tac [FILE]…: lines in reverse order. */
export const tac = defineApplet('tac', async (io, argv) => {
  const files = argv.length > 1 ? argv.slice(1) : ['-'];
  let status = 0;
  for (const f of files) {
    try {
      const lines = decode(await io.readBytes(f)).split(/(?<=\n)/);
      const last = lines[lines.length - 1];
      if (last !== undefined && !last.endsWith('\n') && lines.length > 1) lines[lines.length - 1] = last;
      await io.out(lines.reverse().join(''));
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${f}: ${e.text}`);
      status = 1;
    }
  }
  return status;
});

/** rev [FILE]…: each line's characters reversed. */
export const rev = defineApplet('rev', async (io, argv) => {
  const files = argv.length > 1 ? argv.slice(1) : ['-'];
  let status = 0;
  for (const f of files) {
    try {
      for await (const line of io.lines(f)) await io.out(`${[...line].reverse().join('')}\n`);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${f}: ${e.text}`);
      status = 1;
    }
  }
  return status;
});
