import { packTar, unpackTar } from 'modern-tar';
import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { gunzip, gzip, GzipError, magicOf, unsupportedCodec } from './lib/compress.ts';
import { collectMembers } from './lib/tar-create.ts';
import { extractMembers, selectMembers, verboseLine } from './lib/tar-extract.ts';
import type { TarOptions } from './lib/tar-options.ts';
import { parseTarArgs } from './lib/tar-options.ts';
import { defineApplet } from './registry.ts';

/**
 * tar c|x|t [-zvOhmok] [-f FILE] [-C DIR] [--exclude PAT] [FILE]…, with
 * BusyBox's messages. Archives are ustar with pax records for long names
 * (modern-tar); gzip is fflate. Simplification: a gzip archive is recognised
 * without -z (as Alpine's BusyBox does), and bzip2/xz are refused.
 */
export const tar = defineApplet('tar', async (io, argv) => {
  const o = parseTarArgs(argv.slice(1));
  if (!o.mode) {
    await io.usage();
    return 1;
  }
  if (o.otherCodec) {
    await io.err(unsupportedCodec(o.otherCodec));
    return 1;
  }
  const base = o.dir === undefined ? io.proc.cwd : io.path(o.dir);
  if (o.dir !== undefined) {
    try {
      if (io.proc.vfs.stat(base, io.proc.cred).type !== 'dir') throw new Error('ENOTDIR');
    } catch (e) {
      await io.err(`can't change directory to '${o.dir}': ${isFsError(e) ? e.text : 'Not a directory'}`);
      return 1;
    }
  }
  return o.mode === 'c' ? create(io, o, base) : readArchive(io, o, base);
});

async function create(io: AppletIO, o: TarOptions, base: string): Promise<number> {
  if (o.names.length === 0) {
    await io.err('empty archive');
    return 1;
  }
  const { vfs, cred } = io.proc;
  let archive: { path: string; ino: number; dev: number } | null = null;
  if (o.file !== '-') {
    const path = io.path(o.file);
    try {
      vfs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~io.proc.umask, cred });
      const st = vfs.stat(path, cred);
      archive = { path, ino: st.ino, dev: st.dev };
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't open '${o.file}': ${e.text}`);
      return 1;
    }
  }
  const verbose = !o.verbose ? null : archive ? (n: string) => io.out(`${n}\n`) : (n: string) => io.proc.write(2, `${n}\n`);
  const { members, failed } = await collectMembers(io, base, o.names, { dereference: o.dereference, noRecursion: o.noRecursion, excludes: o.excludes, verbose, archive });
  let bytes: Uint8Array = new Uint8Array(await packTar(members.map((m) => (m.body ? { header: m.header, body: m.body } : { header: m.header }))));
  if (o.gzip) bytes = gzip(bytes);
  if (archive) vfs.writeFile(archive.path, bytes, { cred });
  else await io.outBytes(bytes);
  if (failed) {
    await io.err('error exit delayed from previous errors');
    return 1;
  }
  return 0;
}

async function readArchive(io: AppletIO, o: TarOptions, base: string): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await io.readBytes(o.file);
  } catch (e) {
    if (!isFsError(e)) throw e;
    await io.err(`can't open '${o.file}': ${e.text}`);
    return 1;
  }
  const magic = magicOf(bytes);
  if (magic === 'bzip2' || magic === 'xz' || magic === 'compress') {
    await io.err(unsupportedCodec(magic));
    return 1;
  }
  try {
    if (o.gzip || magic === 'gzip') bytes = gunzip(bytes);
  } catch (e) {
    if (!(e instanceof GzipError)) throw e;
    await io.err(e.message);
    return 1;
  }
  if (bytes.length < 512) {
    await io.err('short read');
    return 1;
  }
  const empty = bytes.subarray(0, 512).every((b) => b === 0);
  if (!empty && String.fromCharCode(...bytes.subarray(257, 262)) !== 'ustar') {
    await io.err('invalid tar magic');
    return 1;
  }
  const members = empty ? [] : await unpackTar(bytes);
  const { kept, unmatched } = await selectMembers(io, members, o);
  let ok = true;
  if (o.mode === 't') {
    for (const { m, name } of kept) await io.out(o.verbose ? verboseLine(m.header, name) : `${name}\n`);
  } else ok = await extractMembers(io, base, kept, o);
  for (const n of unmatched) await io.err(`${n}: not found in archive`);
  return ok && unmatched.length === 0 ? 0 : 1;
}
