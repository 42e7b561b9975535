import { inflateSync } from 'fflate';
import { decode } from '../../io/text.ts';

/** One member of a zip archive, from its central directory record. */
export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  /** Modification time as the DOS fields say it (read as UTC, as containers default to). */
  readonly mtimeMs: number;
  /** Unix mode when the archive was made on Unix, else undefined. */
  readonly mode: number | undefined;
  /** The member's bytes (inflated on demand). */
  data(): Uint8Array;
}

/** A malformed archive, in BusyBox's words. */
export class ZipError extends Error {
  override readonly name = 'ZipError';
}

/**
 * Reads a zip archive's central directory (stored and deflated members;
 * fflate inflates). Throws ZipError('short read') when there is no archive.
 */
export function readZip(b: Uint8Array): ZipEntry[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--) {
    if (v.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('short read');
  const count = v.getUint16(eocd + 10, true);
  let p = v.getUint32(eocd + 16, true);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || v.getUint32(p, true) !== 0x02014b50) throw new ZipError('bad zip file');
    const madeBy = v.getUint16(p + 4, true) >> 8;
    const method = v.getUint16(p + 10, true);
    const time = v.getUint16(p + 12, true);
    const date = v.getUint16(p + 14, true);
    const csize = v.getUint32(p + 20, true);
    const size = v.getUint32(p + 24, true);
    const nlen = v.getUint16(p + 28, true);
    const xlen = v.getUint16(p + 30, true);
    const clen = v.getUint16(p + 32, true);
    const attrs = v.getUint32(p + 38, true);
    const local = v.getUint32(p + 42, true);
    const name = decode(b.subarray(p + 46, p + 46 + nlen));
    p += 46 + nlen + xlen + clen;
    const mtimeMs = Date.UTC(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
    const mode = madeBy === 3 && attrs >>> 16 !== 0 ? (attrs >>> 16) & 0o7777 : undefined;
    const data = (): Uint8Array => {
      const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
      const raw = b.subarray(start, start + csize);
      if (method === 0) return raw;
      if (method === 8) return inflateSync(raw, { out: new Uint8Array(size) });
      throw new ZipError(`unsupported method ${method}`);
    };
    out.push({ name, size, mtimeMs, mode, data });
  }
  return out;
}
