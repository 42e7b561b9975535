/**
 * UTF-8 text ⇄ bytes for code that has neither DOM nor Node types (the CLI,
 * the engine): every JavaScript host Layerlab runs on has the WHATWG
 * encoders, so they are declared here once rather than re-implemented.
 */
declare class TextDecoder {
  decode(input?: Uint8Array): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Bytes → text; malformed sequences become U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Text → UTF-8 bytes. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
