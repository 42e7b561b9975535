/**
 * Byte helpers the registry needs without TextEncoder/atob: the engine's
 * tsconfig has neither DOM nor Node types. UTF-8 for JSON documents, base64
 * for `Authorization: Basic` and `~/.docker/config.json` `auth` values.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { encodeBase64 } from '../../lib/base64.ts';

export const encodeUtf8: (s: string) => Uint8Array = utf8ToBytes;

/** UTF-8 to string; malformed sequences become U+FFFD (JSON parsing then fails where it should). */
export function decodeUtf8(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    let cp = need === 0 ? b : need === 1 ? b & 0x1f : need === 2 ? b & 0x0f : b & 0x07;
    let ok = need >= 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    const minimum = [0, 0x80, 0x800, 0x10000][need < 0 ? 0 : need]!;
    if (!ok || cp < minimum || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i += 1;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/** Standard padded base64 (RFC 4648 §4), as Go's `base64.StdEncoding`. */
export const base64Encode: (bytes: Uint8Array) => string = encodeBase64;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Decodes standard or URL-safe base64, padded or not; undefined when
 * malformed. Lenient on purpose (unlike lib's decoder, which throws): it reads
 * request headers and `_state` tokens, where bad input is an answer, not a bug.
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const s = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) return undefined;
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const ch of s) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Concatenates chunks into one buffer. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
