/**
 * The guards `docker load` puts in front of an archive from anywhere: a
 * bounded gunzip, a strict tar reader, and moby's breakout checks on entry
 * names and link targets. Every refusal is an `InvalidParameter` EngineError
 * whose message names the archive part and the entry that was wrong, so a
 * learner (or a fuzzer) sees what to fix and the engine is left as it was.
 */
import { Gunzip } from 'fflate';
import { unpackTar } from 'modern-tar';
import { EngineError } from '../../api/index.ts';
import { isGzip } from '../fs/layer-tar.ts';

/** What a load may cost: uncompressed bytes and entries per tar, and the length of one entry name (PATH_MAX). */
export const LOAD_LIMITS = { bytes: 512 * 1024 * 1024, entries: 100_000, nameBytes: 4096 } as const;

/** One unpacked tar entry, as modern-tar returns it. */
export type TarEntry = Awaited<ReturnType<typeof unpackTar>>[number];

export function invalidArchive(message: string): EngineError {
  return new EngineError('InvalidParameter', message, {});
}

/**
 * The tar inside `bytes`: gunzipped when it starts with gzip's magic, in
 * 64 KiB steps that stop once the output passes `limit` (a small gzip bomb
 * costs at most a chunk past the limit, and a forged size trailer is never
 * trusted). `what` names the part in errors (`archive`, `layer 2`).
 */
export function gunzipBounded(bytes: Uint8Array, what: string, limit: number = LOAD_LIMITS.bytes): Uint8Array {
  if (bytes.length === 0) throw invalidArchive(`invalid tar file: ${what} is empty`);
  if (!isGzip(bytes)) {
    if (bytes.length > limit) throw invalidArchive(`invalid tar file: ${what} is larger than ${limit} bytes`);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  let crc = 0xffffffff;
  const gunzip = new Gunzip((chunk, final) => {
    size += chunk.length;
    for (let i = 0; i < chunk.length; i++) crc = CRC_TABLE[(crc ^ chunk[i]!) & 0xff]! ^ (crc >>> 8);
    if (size <= limit) chunks.push(chunk);
    if (final) ended = true;
  });
  const step = 64 * 1024;
  try {
    for (let i = 0; i < bytes.length && size <= limit && !ended; i += step) gunzip.push(bytes.subarray(i, i + step), i + step >= bytes.length);
  } catch (e) {
    throw invalidArchive(`invalid tar file: ${what}: gzip: ${(e as Error).message}`);
  }
  if (size > limit) throw invalidArchive(`invalid tar file: ${what} inflates to more than ${limit} bytes`);
  if (!ended) throw invalidArchive(`invalid tar file: ${what}: gzip: unexpected EOF`);
  // The trailer: CRC-32 and size. fflate's gunzipSync allocates by the size, so a later reader must find the real one there.
  const n = bytes.length;
  const word = (at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
  if (n < 8 || word(n - 8) !== (crc ^ 0xffffffff) >>> 0) throw invalidArchive(`invalid tar file: ${what}: gzip: invalid checksum`);
  if (word(n - 4) !== size % 2 ** 32) throw invalidArchive(`invalid tar file: ${what}: gzip: the size trailer says ${word(n - 4)} bytes, the data inflates to ${size}`);
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/**
 * Reads a tar strictly (header checksums, no truncated entry, the end
 * marker present) and checks every entry: no `..` component (moby's "is
 * outside of" breakout), no relative symlink or hard link reaching above the
 * root, names within PATH_MAX, at most LOAD_LIMITS.entries entries. The
 * outer archive (`layer` false) also refuses absolute names and two file
 * entries with the same name, which `docker save` never writes: which copy
 * was meant is ambiguous. Layers keep tar semantics (a later entry replaces
 * an earlier one) and absolute names (moby joins them under the root).
 */
export async function readTarChecked(tar: Uint8Array, what: string, layer: boolean): Promise<TarEntry[]> {
  let entries: TarEntry[];
  try {
    entries = await unpackTar(tar, { strict: true });
  } catch (e) {
    throw invalidArchive(`invalid tar file: ${what}: ${(e as Error).message.replace(/\.$/, '')}`);
  }
  if (entries.length > LOAD_LIMITS.entries) throw invalidArchive(`invalid tar file: ${what} has ${entries.length} entries, more than ${LOAD_LIMITS.entries}`);
  const seen = new Set<string>();
  for (const { header } of entries) {
    const name = header.name;
    const where = `${what}: entry ${JSON.stringify(name)}`;
    if (name.length > LOAD_LIMITS.nameBytes) throw invalidArchive(`invalid tar file: ${what}: an entry name is ${name.length} bytes long, more than ${LOAD_LIMITS.nameBytes}`);
    if (name.includes('\0')) throw invalidArchive(`invalid tar file: ${where} contains a NUL byte`);
    const parts = name.split('/');
    if (parts.includes('..')) throw invalidArchive(`invalid tar file: ${where} is outside of the archive root`);
    if (!layer && name.startsWith('/')) throw invalidArchive(`invalid tar file: ${where} is an absolute path`);
    const type = header.type ?? 'file';
    const link = header.linkname ?? '';
    if (type === 'symlink' && !link.startsWith('/') && escapes(parts.slice(0, -1), link)) {
      throw invalidArchive(`invalid tar file: ${what}: invalid symlink ${JSON.stringify(name)} -> ${JSON.stringify(link)}`);
    }
    if (type === 'link' && escapes([], link)) throw invalidArchive(`invalid tar file: ${what}: invalid hardlink ${JSON.stringify(name)} -> ${JSON.stringify(link)}`);
    if (!layer && type === 'file') {
      const key = parts.filter((p) => p !== '' && p !== '.').join('/');
      if (seen.has(key)) throw invalidArchive(`invalid tar file: ${where} appears twice`);
      seen.add(key);
    }
  }
  return entries;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/** True when `target`, read from directory `dir` (components below the root), climbs above the root. */
function escapes(dir: readonly string[], target: string): boolean {
  let depth = dir.filter((p) => p !== '' && p !== '.').length;
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    depth += part === '..' ? -1 : 1;
    if (depth < 0) return true;
  }
  return false;
}
