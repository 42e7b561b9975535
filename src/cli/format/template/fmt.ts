/**
 * The parts of Go's fmt package templates reach through `printf`, `print` and
 * `println`: verbs %v %s %q %d %x %X %o %b %c %U %e %E %f %F %g %G %t %T %%,
 * flags `-+# 0`, width and precision (also `*`), and Go's in-band error
 * notation (`%!d(string=hi)`, `%!s(MISSING)`, `%!(EXTRA int=1)`).
 */
import { goQuote, goQuoteRune } from '../../../lib/go-quote.ts';
import { formatFloat } from '../../../lib/go-float.ts';
import type { GoValue } from './values.ts';
import { formatValue, isNil, typeName } from './values.ts';

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
}

function runeCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Pad to the width; zero padding goes after a sign, as Go does for numbers. */
function pad(s: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const n = runeCount(s);
  if (n >= width) return s;
  if (spec.minus) return s + ' '.repeat(width - n);
  if (spec.zero && numeric) {
    const sign = /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(width - n) + s.slice(sign.length);
  }
  return ' '.repeat(width - n) + s;
}

function bad(verb: string, v: GoValue): string {
  return isNil(v) ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${formatValue(v)})`;
}

function signed(s: string, negative: boolean, spec: Spec): string {
  if (negative) return `-${s}`;
  if (spec.plus) return `+${s}`;
  if (spec.space) return ` ${s}`;
  return s;
}

function formatInteger(n: number, verb: string, spec: Spec): string {
  const abs = Math.abs(n);
  let digits: string;
  switch (verb) {
    case 'd':
      digits = abs.toFixed(0);
      break;
    case 'x':
      digits = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      digits = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'o':
      digits = (spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'O':
      digits = `0o${abs.toString(8)}`;
      break;
    default:
      digits = abs.toString(2);
  }
  if (spec.prec !== undefined) {
    const body = digits.replace(/^0[xXo]?/, (p) => (digits === '0' ? '' : p));
    digits = digits.slice(0, digits.length - body.length) + body.padStart(spec.prec, '0');
  }
  return pad(signed(digits, n < 0, spec), spec, spec.prec === undefined);
}

/** One operand under one verb. */
function formatOne(verb: string, v: GoValue, spec: Spec): string {
  if (verb === 'T') return pad(typeName(v), spec, false);
  if (verb === 'v' && spec.sharp) return pad(typeof v === 'string' ? goQuote(v) : formatValue(v), spec, false);
  if (Array.isArray(v) && verb !== 'v' && verb !== 'T') {
    // Go applies the verb to each element of a slice.
    return pad(`[${v.map((e) => formatOne(verb, e, { ...spec, width: undefined })).join(' ')}]`, spec, false);
  }
  switch (verb) {
    case 'v':
      if (typeof v === 'number') return formatOne(Number.isInteger(v) ? 'd' : 'g', v, spec);
      return pad(formatValue(v), spec, false);
    case 's':
      if (typeof v !== 'string') return bad(verb, v);
      return pad(spec.prec !== undefined ? [...v].slice(0, spec.prec).join('') : v, spec, false);
    case 'q':
      if (typeof v === 'string') return pad(goQuote(v), spec, false);
      if (typeof v === 'number' && Number.isInteger(v)) return pad(goQuoteRune(String.fromCodePoint(v)), spec, false);
      return bad(verb, v);
    case 't':
      return typeof v === 'boolean' ? pad(String(v), spec, false) : bad(verb, v);
    case 'c':
      return typeof v === 'number' && Number.isInteger(v) ? pad(String.fromCodePoint(v), spec, false) : bad(verb, v);
    case 'U':
      if (typeof v !== 'number' || !Number.isInteger(v)) return bad(verb, v);
      return pad(`U+${v.toString(16).toUpperCase().padStart(4, '0')}`, spec, false);
    case 'd':
    case 'b':
    case 'o':
    case 'O':
      return typeof v === 'number' && Number.isInteger(v) ? formatInteger(v, verb, spec) : bad(verb, v);
    case 'x':
    case 'X':
      if (typeof v === 'number' && Number.isInteger(v)) return formatInteger(v, verb, spec);
      if (typeof v === 'string') {
        let hex = '';
        for (const b of new Uint8Array(utf8Bytes(v))) hex += b.toString(16).padStart(2, '0');
        return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
      }
      return bad(verb, v);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G': {
      if (typeof v !== 'number') return bad(verb, v);
      const goVerb = verb === 'F' ? 'f' : verb;
      const prec = spec.prec ?? (goVerb === 'g' || goVerb === 'G' ? -1 : 6);
      const text = formatFloat(v, goVerb as 'e' | 'E' | 'f' | 'g' | 'G', prec);
      const withSign = /^[-+]/.test(text) ? text : spec.plus ? `+${text}` : spec.space ? ` ${text}` : text;
      return pad(withSign, spec, Number.isFinite(v));
    }
    default:
      return bad(verb, v);
  }
}

function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: undefined, prec: undefined };
    for (; i < format.length; i++) {
      const f = format[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    const readNumber = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        if (typeof a === 'number' && Number.isInteger(a)) return a;
        out += '%!(BADWIDTH)';
        return undefined;
      }
      const m = /^\d+/.exec(format.slice(i));
      if (!m) return undefined;
      i += m[0].length;
      return Number(m[0]);
    };
    spec.width = readNumber();
    if (spec.width !== undefined && spec.width < 0) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      i++;
      spec.prec = readNumber() ?? 0;
    }
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatOne(verb, args[argi++], spec);
  }
  if (argi < args.length) {
    const extra = args.slice(argi).map((a) => (isNil(a) ? '<nil>' : `${typeName(a)}=${formatValue(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** fmt.Sprint: a space between operands when neither is a string. */
export function sprint(args: readonly GoValue[]): string {
  let out = '';
  args.forEach((a, k) => {
    if (k > 0 && typeof a !== 'string' && typeof args[k - 1] !== 'string') out += ' ';
    out += formatValue(a);
  });
  return out;
}

/** fmt.Sprintln: spaces between all operands and a final newline. */
export function sprintln(args: readonly GoValue[]): string {
  return `${args.map((a) => formatValue(a)).join(' ')}\n`;
}
