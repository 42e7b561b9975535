import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { decode } from '../io/text.ts';
import { defineApplet } from './registry.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < b.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < b.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

export function decodeBase64(s: string): Uint8Array | null {
  const clean = s.replace(/[\s]/g, '');
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const c of clean) {
    if (c === '=') break;
    const v = ALPHABET.indexOf(c);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** base64 [-d] [-w COLS] [FILE]: 76-column lines by default. */
export const base64 = defineApplet('base64', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'dw:i');
  const file = o.args[0] ?? '-';
  let data: Uint8Array;
  try {
    data = await io.readBytes(file);
  } catch (e) {
    if (!isFsError(e)) throw e;
    await io.err(`${file}: ${e.text}`);
    return 1;
  }
  if (o.flags.has('d')) {
    const text = decode(data);
    const bytes = decodeBase64(text);
    if (!bytes) {
      await io.err('invalid input');
      return 1;
    }
    await io.outBytes(bytes);
    return 0;
  }
  const width = Number(o.values.get('w')?.[0] ?? 76);
  const enc = encodeBase64(data);
  let out = '';
  if (width === 0) out = enc;
  else for (let i = 0; i < enc.length; i += width) out += `${enc.slice(i, i + width)}\n`;
  await io.out(width === 0 ? `${out}\n` : out);
  return 0;
});

