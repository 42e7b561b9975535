import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { gunzip, gzip, GzipError, magicOf, unsupportedCodec } from './lib/compress.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

type Mode = 'gzip' | 'gunzip' | 'zcat';

/** gunzip's output name: `.gz` dropped, `.tgz` becomes `.tar`; null for an unknown suffix. */
function unpackedName(f: string): string | null {
  if (f.endsWith('.gz') && f.length > 3) return f.slice(0, -3);
  if (f.endsWith('.tgz') && f.length > 4) return `${f.slice(0, -4)}.tar`;
  return null;
}

/** BusyBox's `-v` ratio: (uncompressed - counted) * 100 / uncompressed, printed as an unsigned int (gzip counts no output). */
function ratio(uncompressed: number, counted: number): string {
  if (uncompressed === 0) return '0';
  return String(Math.trunc(((uncompressed - counted) * 100) / uncompressed) >>> 0);
}

function transform(io: AppletIO, mode: Mode, data: Uint8Array): Uint8Array {
  if (mode === 'gzip') return gzip(data);
  const magic = magicOf(data);
  if (mode === 'zcat' && magic !== 'gzip') {
    if (magic === 'bzip2' || magic === 'xz') throw new GzipError(unsupportedCodec(magic));
    throw new GzipError('no gzip/bzip2/xz magic');
  }
  return gunzip(data);
}

/**
 * gzip [-cfkdt] / gunzip [-cfkt] / zcat: whole-file (de)compression with
 * fflate, named and replaced as BusyBox's bbunpack does (FILE.gz, mode kept,
 * source removed unless -k or -c, an existing target refused without -f).
 */
async function run(io: AppletIO, argv: string[], applet: Mode): Promise<number> {
  const o = parseOptions(argv.slice(1), applet === 'zcat' ? 'f' : 'cfkdtvqn123456789');
  const mode: Mode = applet === 'gzip' && o.flags.has('d') ? 'gunzip' : applet;
  const toStdout = applet === 'zcat' || o.flags.has('c');
  const test = o.flags.has('t');
  const { vfs, cred } = io.proc;
  let status = 0;
  for (const f of o.args.length ? o.args : ['-']) {
    try {
      if (f === '-') {
        const out = transform(io, mode, await io.readBytes('-'));
        if (!test) await io.outBytes(out);
        continue;
      }
      const src = io.path(f);
      const st = vfs.stat(src, cred);
      const target = toStdout || test ? null : mode === 'gzip' ? `${f}.gz` : unpackedName(f);
      if (!toStdout && !test && target === null) {
        await io.err(`${f}: unknown suffix - ignored`);
        status = 1;
        continue;
      }
      const data = st.type === 'dir' ? new Uint8Array(0) : await io.readBytes(f);
      const out = transform(io, mode, data);
      if (test) continue;
      if (target === null) {
        await io.outBytes(out);
        continue;
      }
      const dst = io.path(target);
      if (o.flags.has('f')) {
        try {
          vfs.unlink(dst, cred);
        } catch {
          // nothing to replace
        }
      } else if (exists(io, dst)) {
        await io.err(`can't open '${target}': File exists`);
        status = 1;
        continue;
      }
      vfs.writeFile(dst, out, { mode: st.mode & 0o7777, cred });
      vfs.chmod(dst, st.mode & 0o7777, cred);
      if (!o.flags.has('k')) {
        try {
          if (st.type === 'dir') vfs.rmdir(src, cred);
          else vfs.unlink(src, cred);
        } catch (e) {
          if (!isFsError(e)) throw e;
          await io.err(`can't remove file '${f}': ${st.type === 'dir' ? 'Is a directory' : e.text}`);
          status = 1;
          continue;
        }
      }
      if (o.flags.has('v')) {
        const [plain, packed] = mode === 'gzip' ? [data.length, 0] : [out.length, data.length];
        await io.proc.write(2, `${f}: ${ratio(plain, packed)}% - replaced with ${target}\n`);
      }
    } catch (e) {
      if (e instanceof GzipError) {
        await io.err(e.message);
        status = 1;
        continue;
      }
      if (!isFsError(e) || e.syscall === 'write') throw e;
      await io.err(`${f}: ${e.text}`);
      status = 1;
    }
  }
  return status;
}

function exists(io: AppletIO, p: string): boolean {
  try {
    io.proc.vfs.lstat(p, io.proc.cred);
    return true;
  } catch {
    return false;
  }
}

export const gzipApplet = defineApplet('gzip', (io, argv) => run(io, argv, 'gzip'));
export const gunzipApplet = defineApplet('gunzip', (io, argv) => run(io, argv, 'gunzip'));
export const zcat = defineApplet('zcat', (io, argv) => run(io, argv, 'zcat'));
