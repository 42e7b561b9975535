import { expo, gFormat } from '../printf.ts';
import type { Val } from './values.ts';
import { toNum, toStr } from './values.ts';

/** awk's sprintf: C conversions over awk values (a number for %c gives that character). */
export function awkSprintf(fmt: string, args: Val[]): string {
  let out = '';
  let k = 0;
  const next = (): Val => args[k++] ?? '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
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
    let width = m[2] === '*' ? toNum(next()) : m[2] ? Number(m[2]) : 0;
    let left = flags.includes('-');
    if (width < 0) {
      left = true;
      width = -width;
    }
    const precRaw = m[3] === '*' ? String(toNum(next())) : m[3];
    const prec = precRaw === undefined ? undefined : precRaw === '' ? 0 : Number(precRaw);
    const arg = next();
    let body: string;
    switch (conv) {
      case 's':
        body = toStr(arg);
        if (prec !== undefined) body = body.slice(0, prec);
        break;
      case 'c':
        body = typeof arg === 'number' ? String.fromCharCode(arg) : toStr(arg).slice(0, 1);
        break;
      case 'd':
      case 'i':
      case 'o':
      case 'x':
      case 'X':
      case 'u': {
        const n = Math.trunc(toNum(arg));
        let digits = conv === 'o' ? Math.abs(n).toString(8) : conv === 'x' ? Math.abs(n).toString(16) : conv === 'X' ? Math.abs(n).toString(16).toUpperCase() : String(Math.abs(n));
        if (prec !== undefined) digits = digits.padStart(prec, '0');
        const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
        if (flags.includes('0') && !left && prec === undefined) digits = digits.padStart(width - sign.length, '0');
        body = sign + digits;
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const n = toNum(arg);
        const p = prec ?? 6;
        body = conv === 'f' || conv === 'F' ? n.toFixed(p) : conv === 'e' || conv === 'E' ? expo(n, p) : gFormat(n, p === 0 ? 1 : p, flags.includes('#'));
        if (conv === 'E' || conv === 'G') body = body.toUpperCase();
        if (n >= 0 && flags.includes('+')) body = `+${body}`;
        if (flags.includes('0') && !left) {
          const sign = /^[-+]/.test(body) ? body[0]! : '';
          body = sign + body.slice(sign.length).padStart(width - sign.length, '0');
        }
        break;
      }
      default:
        body = '';
    }
    out += body.length >= width ? body : left ? body.padEnd(width) : body.padStart(width);
  }
  return out;
}
