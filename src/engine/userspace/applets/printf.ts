import { unescape } from './echo.ts';
import { encodeMixed } from '../io/text.ts';
import { defineApplet } from './registry.ts';

/**
 * printf FORMAT [ARG…]: C conversions (%s %b %c %d %i %u %o %x %X %e %f %g %%)
 * with flags, width and precision; the format is reused while arguments
 * remain. A bad number prints `invalid number 'x'`, uses 0 and sets status 1.
 */
export const printf = defineApplet('printf', async (io, argv) => {
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  const fmt = args[0];
  if (fmt === undefined) {
    await io.err('usage: printf FORMAT [ARGUMENT]...');
    return 1;
  }
  let rest = args.slice(1);
  let status = 0;
  const bad = async (s: string): Promise<void> => {
    await io.err(`invalid number '${s}'`);
    status = 1;
  };
  do {
    const before = rest.length;
    const r = await formatOnce(fmt, rest, bad);
    await io.outBytes(encodeMixed(r.out));
    rest = r.rest;
    if (r.stop || rest.length === before) break;
  } while (rest.length > 0);
  return status;
});

async function formatOnce(fmt: string, args: string[], bad: (s: string) => Promise<void>): Promise<{ out: string; rest: string[]; stop: boolean }> {
  let out = '';
  let k = 0;
  const next = (): string | undefined => args[k++];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '\\') {
      const m = /^\\(?:[0-7]{1,3}|x[0-9a-fA-F]{1,2}|[\s\S])/.exec(fmt.slice(i))!;
      const r = unescape(m[0], false);
      out += r.text;
      if (r.stop) return { out, rest: [], stop: true };
      i += m[0].length - 1;
      continue;
    }
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])/.exec(fmt.slice(i));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length - 1;
    const conv = m[4]!;
    if (conv === '%') {
      out += '%';
      continue;
    }
    const flags = m[1]!;
    let width = m[2] === '*' ? Number(next() ?? 0) : m[2] ? Number(m[2]) : 0;
    const precStr = m[3] === '*' ? String(next() ?? '') : m[3];
    const prec = precStr === undefined ? undefined : precStr === '' ? 0 : Number(precStr);
    const arg = next();
    let body: string;
    switch (conv) {
      case 's':
        body = arg ?? '';
        if (prec !== undefined) body = body.slice(0, prec);
        break;
      case 'b': {
        const r = unescape(arg ?? '', true);
        body = r.text;
        if (r.stop) return { out: out + pad(body, width, flags), rest: [], stop: true };
        break;
      }
      case 'c':
        body = (arg ?? '').slice(0, 1);
        break;
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        const n = await toInt(arg, bad);
        let digits = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : Math.abs(n).toString();
        if (prec !== undefined) digits = digits.padStart(prec, '0');
        if (flags.includes('#') && n !== 0) digits = conv === 'o' ? `0${digits}` : conv === 'x' ? `0x${digits}` : conv === 'X' ? `0X${digits}` : digits;
        const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        if (flags.includes('0') && !flags.includes('-') && prec === undefined) digits = digits.padStart(width - sign.length, '0');
        body = sign + digits;
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const n = await toFloat(arg, bad);
        const p = prec ?? 6;
        if (conv === 'f' || conv === 'F') body = n.toFixed(p);
        else if (conv === 'e' || conv === 'E') body = expo(n, p);
        else body = gFormat(n, p === 0 ? 1 : p, flags.includes('#'));
        if (conv === 'E' || conv === 'G') body = body.toUpperCase();
        if (n >= 0 && flags.includes('+')) body = `+${body}`;
        else if (n >= 0 && flags.includes(' ')) body = ` ${body}`;
        if (flags.includes('0') && !flags.includes('-')) {
          const sign = /^[-+ ]/.test(body) ? body[0]! : '';
          body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
        }
        break;
      }
      default:
        body = '';
    }
    if (width < 0) width = 0;
    out += pad(body, width, flags);
  }
  return { out, rest: args.slice(k), stop: false };
}

function pad(s: string, width: number, flags: string): string {
  if (s.length >= width) return s;
  return flags.includes('-') ? s.padEnd(width) : s.padStart(width);
}

async function toInt(arg: string | undefined, bad: (s: string) => Promise<void>): Promise<number> {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
  const t = arg.trim();
  let m = /^[-+]?0[xX][0-9a-fA-F]+$/.exec(t);
  if (m) return parseInt(t, 16);
  m = /^[-+]?0[0-7]+$/.exec(t);
  if (m) return parseInt(t, 8);
  if (/^[-+]?\d+$/.test(t)) return Number(t);
  await bad(arg);
  return 0;
}

async function toFloat(arg: string | undefined, bad: (s: string) => Promise<void>): Promise<number> {
  if (arg === undefined || arg === '') return 0;
  if (/^['"]/.test(arg)) return arg.codePointAt(1) ?? 0;
  const n = Number(arg.trim());
  if (Number.isNaN(n)) {
    await bad(arg);
    return 0;
  }
  return n;
}

/** C's %e: mantissa with `p` decimals and a two-digit exponent. */
export function expo(n: number, p: number): string {
  const s = n.toExponential(p);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** C's %g with precision `p` (`alt` keeps trailing zeros, like `#`). */
export function gFormat(n: number, p: number, alt: boolean): string {
  if (n === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  let s: string;
  if (exp < -4 || exp >= p) {
    s = expo(n, p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
  } else {
    s = n.toFixed(Math.max(0, p - 1 - exp));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  return s;
}
