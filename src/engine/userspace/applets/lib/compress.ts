import { gunzipSync, gzipSync } from 'fflate';

/** The container formats BusyBox recognises by their first bytes. */
export type Magic = 'gzip' | 'bzip2' | 'xz' | 'compress' | null;

export function magicOf(b: Uint8Array): Magic {
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 3 && b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68) return 'bzip2';
  if (b.length >= 6 && b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 && b[4] === 0x5a && b[5] === 0) return 'xz';
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x9d) return 'compress';
  return null;
}

/** gzip as BusyBox writes it: deflate level 6, header mtime 0, no file name, OS Unix. */
export function gzip(data: Uint8Array): Uint8Array {
  return gzipSync(data, { level: 6, mtime: 0 });
}

/** A gzip stream's failure, in BusyBox's words (`invalid magic`, `corrupted data`). */
export class GzipError extends Error {
  override readonly name = 'GzipError';
}

/** Inflates a gzip stream; throws GzipError when it is not one or is damaged. */
export function gunzip(data: Uint8Array): Uint8Array {
  if (magicOf(data) !== 'gzip') throw new GzipError('invalid magic');
  try {
    return gunzipSync(data);
  } catch {
    throw new GzipError('corrupted data');
  }
}

/**
 * Simplification: Layerlab's BusyBox has gzip but no bzip2, xz or compress
 * codec (fflate has none); tools that would need one say so.
 */
export function unsupportedCodec(kind: string): string {
  return `${kind} (de)compression is not available in Layerlab's BusyBox (only gzip is)`;
}
