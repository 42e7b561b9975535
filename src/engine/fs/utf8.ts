/**
 * UTF-8 without TextEncoder: the engine's tsconfig has neither DOM nor Node
 * types, and file names, symlink targets and text files need byte lengths that
 * match Linux (a symlink's st_size is the byte length of its target).
 */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Decodes UTF-8, replacing malformed sequences with U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    let c = 0xfffd;
    let n = 1;
    if (b < 0x80) c = b;
    else if (b >= 0xc2 && b < 0xe0 && cont(bytes, i, 1)) [c, n] = [((b & 31) << 6) | (bytes[i + 1]! & 63), 2];
    else if (b >= 0xe0 && b < 0xf0 && cont(bytes, i, 2)) {
      c = ((b & 15) << 12) | ((bytes[i + 1]! & 63) << 6) | (bytes[i + 2]! & 63);
      n = 3;
      if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) [c, n] = [0xfffd, 1];
    } else if (b >= 0xf0 && b < 0xf5 && cont(bytes, i, 3)) {
      c = ((b & 7) << 18) | ((bytes[i + 1]! & 63) << 12) | ((bytes[i + 2]! & 63) << 6) | (bytes[i + 3]! & 63);
      n = 4;
      if (c < 0x10000 || c > 0x10ffff) [c, n] = [0xfffd, 1];
    }
    s += String.fromCodePoint(c);
    i += n;
  }
  return s;
}

function cont(bytes: Uint8Array, i: number, k: number): boolean {
  for (let j = 1; j <= k; j++) if (((bytes[i + j] ?? 0) & 0xc0) !== 0x80) return false;
  return true;
}

export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
