import { defineApplet } from './registry.ts';

const CLASSES: Record<string, () => string> = {
  alpha: () => range('A', 'Z') + range('a', 'z'),
  digit: () => range('0', '9'),
  alnum: () => range('0', '9') + range('A', 'Z') + range('a', 'z'),
  upper: () => range('A', 'Z'),
  lower: () => range('a', 'z'),
  space: () => ' \t\n\r\f\v',
  blank: () => ' \t',
  punct: () => [...range('!', '~')].filter((c) => !/[A-Za-z0-9]/.test(c)).join(''),
  xdigit: () => range('0', '9') + range('A', 'F') + range('a', 'f'),
  cntrl: () => range('\x00', '\x1f') + '\x7f',
  print: () => range(' ', '~'),
  graph: () => range('!', '~'),
};

function range(a: string, b: string): string {
  let s = '';
  for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) s += String.fromCharCode(c);
  return s;
}

/** Expands a tr SET: escapes, ranges `a-z`, classes `[:digit:]`. */
export function expandSet(spec: string): string {
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    let c = spec[i]!;
    if (c === '[' && spec[i + 1] === ':') {
      const end = spec.indexOf(':]', i + 2);
      const cls = end > 0 ? CLASSES[spec.slice(i + 2, end)] : undefined;
      if (cls) {
        out += cls();
        i = end + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < spec.length) {
      const n = spec[++i]!;
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
      if (/[0-7]/.test(n)) {
        const m = /^[0-7]{1,3}/.exec(spec.slice(i))!;
        c = String.fromCharCode(parseInt(m[0], 8));
        i += m[0].length - 1;
      } else c = map[n] ?? n;
    }
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      let end = spec[i + 2]!;
      let skip = 2;
      if (end === '\\' && i + 3 < spec.length) {
        end = spec[i + 3]!;
        skip = 3;
      }
      out += range(c, end);
      i += skip;
      continue;
    }
    out += c;
  }
  return out;
}

/** tr [-cds] SET1 [SET2]: byte-wise (Latin-1 view) translation, deletion and squeezing. */
export const tr = defineApplet('tr', async (io, argv) => {
  let i = 1;
  let complement = false;
  let del = false;
  let squeeze = false;
  for (; i < argv.length && /^-[cdsC]+$/.test(argv[i]!); i++) {
    for (const c of argv[i]!.slice(1)) {
      if (c === 'c' || c === 'C') complement = true;
      if (c === 'd') del = true;
      if (c === 's') squeeze = true;
    }
  }
  const set1 = argv[i];
  const set2 = argv[i + 1];
  if (set1 === undefined || (!del && !squeeze && set2 === undefined)) {
    await io.err('missing operand');
    return 1;
  }
  const s1 = expandSet(set1);
  const s2 = set2 !== undefined ? expandSet(set2) : '';
  const in1 = (c: string): boolean => s1.includes(c) !== complement;
  const map = new Map<string, string>();
  if (!del && set2 !== undefined) {
    if (complement) {
      const last = s2[s2.length - 1] ?? '';
      for (let code = 0; code < 256; code++) {
        const c = String.fromCharCode(code);
        if (!s1.includes(c)) map.set(c, last);
      }
    } else for (let k = 0; k < s1.length; k++) map.set(s1[k]!, s2[Math.min(k, s2.length - 1)] ?? s1[k]!);
  }
  const squeezeSet = del ? s2 : set2 !== undefined ? s2 : s1;
  let last = '';
  for await (const chunk of io.chunks('-')) {
    const text = latin1(chunk);
    let out = '';
    for (const c of text) {
      if (del && in1(c)) continue;
      const t = map.get(c) ?? c;
      if (squeeze && t === last && (set2 === undefined && !del ? in1(c) : squeezeSet.includes(t))) continue;
      out += t;
      last = t;
    }
    await io.outBytes(fromLatin1(out));
  }
  return 0;
});

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}

function fromLatin1(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}
