import { encodeMixed, rawByte } from '../io/text.ts';
import { defineApplet } from './registry.ts';

/** echo [-neE] ARG…: BusyBox interprets backslash escapes only with -e. */
export const echo = defineApplet('echo', async (io, argv) => {
  let i = 1;
  let newline = true;
  let escapes = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let out = argv.slice(i).join(' ');
  if (escapes) {
    const r = unescape(out, true);
    out = r.text;
    if (r.stop) {
      await io.outBytes(encodeMixed(out));
      return 0;
    }
  }
  await io.outBytes(encodeMixed(newline ? `${out}\n` : out));
  return 0;
});

/**
 * Backslash escapes of echo -e and printf %b: \a \b \c \e \f \n \r \t \v \\
 * \0NNN (octal, echo) \NNN (printf) and \xHH. `stop` is set at \c.
 */
export function unescape(s: string, echoStyle: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    const simple: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n in simple) out += simple[n];
    else if (n === 'c') return { text: out, stop: true };
    else if (n === 'x' && /[0-9a-fA-F]/.test(s[i + 1] ?? '')) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1))!;
      out += rawByte(parseInt(m[0], 16));
      i += m[0].length;
    } else if (/[0-7]/.test(n)) {
      const from = echoStyle && n === '0' ? i + 1 : i;
      const m = /^[0-7]{0,3}/.exec(s.slice(from))!;
      out += rawByte(parseInt(m[0] || '0', 8));
      i = from + m[0].length - 1;
    } else out += `\\${n}`;
  }
  return { text: out, stop: false };
}
