/**
 * UTF-8 helpers. The engine's tsconfig has no DOM or Node types, but every
 * host we run in (browser worker, Node) provides TextEncoder/TextDecoder.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function encode(s: string): Uint8Array {
  return encoder.encode(s);
}

export function decode(b: Uint8Array): string {
  return decoder.decode(b);
}

/** A decoder that keeps partial multi-byte sequences between chunks. */
export function streamDecoder(): (chunk: Uint8Array | null) => string {
  const d = new TextDecoder('utf-8');
  return (chunk) => (chunk === null ? d.decode() : d.decode(chunk, { stream: true }));
}

/** Concatenates byte chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Raw bytes inside text: escapes such as printf's `\377` make bytes that are
 * not UTF-8. They travel in strings as U+F700 + byte and become that single
 * byte again in `encodeMixed`; everything else is encoded as UTF-8.
 */
export const RAW_BYTE_BASE = 0xf700;

export function rawByte(b: number): string {
  return String.fromCharCode(RAW_BYTE_BASE + (b & 0xff));
}

export function encodeMixed(s: string): Uint8Array {
  if (!/[\uf700-\uf7ff]/.test(s)) return encode(s);
  const parts: Uint8Array[] = [];
  let text = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= RAW_BYTE_BASE && c <= RAW_BYTE_BASE + 0xff) {
      if (text) parts.push(encode(text));
      text = '';
      parts.push(Uint8Array.of(c - RAW_BYTE_BASE));
    } else text += ch;
  }
  if (text) parts.push(encode(text));
  return concatBytes(parts);
}
