import type { AppletIO } from './lib/applet-io.ts';
import { readAllLines } from './lib/lines.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

interface Key {
  startField: number;
  startChar: number;
  endField: number;
  endChar: number;
  numeric: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
  version: boolean;
}

/** sort [-nrufbs] [-t SEP] [-k POS1[,POS2]]… [-o FILE] [FILE]…: a stable sort with a last-resort byte comparison. */
export const sort = defineApplet('sort', async (io: AppletIO, argv) => {
  const o = parseOptions(argv.slice(1), 'nrufbsghMcszVdik:t:o:T:S:');
  const version = o.flags.has('V');
  const f = o.flags;
  const sep = o.values.get('t')?.[0];
  const keys: Key[] = (o.values.get('k') ?? []).map((k) => parseKey(k, f));
  const { lines, failed } = await readAllLines(io, o.args);
  const global: Key = { startField: 1, startChar: 1, endField: 0, endChar: 0, numeric: f.has('n') || f.has('g') || f.has('h'), reverse: false, fold: f.has('f'), blanks: f.has('b'), version };
  const fieldsOf = (l: string): string[] => (sep !== undefined ? l.split(sep) : splitBlank(l));
  const extract = (l: string, k: Key): string => {
    if (keys.length === 0) return l;
    const fields = fieldsOf(l);
    const sf = fields.slice(k.startField - 1);
    if (sf.length === 0) return '';
    let text: string;
    if (k.endField === 0) text = sf.join(sep ?? '');
    else text = fields.slice(k.startField - 1, k.endField).join(sep ?? '');
    if (sep === undefined && !k.blanks && k.startChar === 1) return text;
    if (k.blanks || sep === undefined) text = text.replace(/^\s+/, '');
    return text.slice(k.startChar - 1);
  };
  const cmpKey = (a: string, b: string, k: Key): number => {
    let r: number;
    if (k.numeric) r = num(a) - num(b);
    else if (k.version) r = versionCompare(a, b);
    else {
      const x = k.fold ? a.toUpperCase() : a;
      const y = k.fold ? b.toUpperCase() : b;
      r = x < y ? -1 : x > y ? 1 : 0;
    }
    return k.reverse ? -r : r;
  };
  const allKeys = keys.length ? keys : [global];
  const cmp = (a: string, b: string): number => {
    for (const k of allKeys) {
      const r = cmpKey(extract(a, k), extract(b, k), k);
      if (r !== 0) return f.has('r') && !k.reverse ? -r : r;
    }
    if (f.has('s') || f.has('u')) return 0;
    const r = a < b ? -1 : a > b ? 1 : 0;
    return f.has('r') ? -r : r;
  };
  const sorted = [...lines].sort(cmp);
  let out = sorted;
  if (f.has('u')) out = sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1]!, l) !== 0);
  const text = out.map((l) => `${l}\n`).join('');
  const target = o.values.get('o')?.[0];
  if (target !== undefined) io.proc.vfs.writeFile(io.path(target), io.encode(text), { cred: io.proc.cred });
  else await io.out(text);
  return failed ? 2 : 0;
});

/** sort -V: digit runs compare as numbers, the rest as text (natural version order). */
function versionCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function splitBlank(l: string): string[] {
  // Without -t, a field is its leading blanks plus the non-blank run (POSIX).
  return l.match(/\s*\S+|\s+$/g) ?? [''];
}

function num(s: string): number {
  const m = /^\s*([-+]?\d*\.?\d+(?:[eE][-+]?\d+)?)/.exec(s);
  return m ? Number(m[1]) : 0;
}

function parseKey(spec: string, f: ReadonlyMap<string, number>): Key {
  const [a, b] = spec.split(',');
  const pos = (p: string | undefined): [number, number, string] => {
    const m = /^(\d+)(?:\.(\d+))?([a-zA-Z]*)$/.exec(p ?? '');
    return m ? [Number(m[1]), m[2] ? Number(m[2]) : 0, m[3]!] : [0, 0, ''];
  };
  const [sf, sc, so] = pos(a);
  const [ef, ec, eo] = pos(b);
  const opts = so + eo;
  const anyOpt = opts.length > 0;
  return {
    startField: sf || 1,
    startChar: sc || 1,
    endField: ef,
    endChar: ec,
    numeric: anyOpt ? /[ngh]/.test(opts) : f.has('n') || f.has('g') || f.has('h'),
    reverse: anyOpt ? opts.includes('r') : false,
    fold: anyOpt ? opts.includes('f') : f.has('f'),
    blanks: anyOpt ? opts.includes('b') : f.has('b'),
    version: anyOpt ? opts.includes('V') : f.has('V'),
  };
}
