import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { md5Hex, sha256Hex } from './lib/digest.ts';
import { sha1Hex, sha512Hex } from './lib/digest-sha.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** md5sum / sha1sum / sha256sum / sha512sum [-c] [-s] [FILE]…: `HASH  NAME` lines, or verify them with -c. */
async function run(io: AppletIO, argv: string[], digest: (b: Uint8Array) => string): Promise<number> {
  const o = parseOptions(argv.slice(1), 'cswb');
  const files = o.args.length ? o.args : ['-'];
  let status = 0;
  if (!o.flags.has('c')) {
    for (const f of files) {
      try {
        await io.out(`${digest(await io.readBytes(f))}  ${f}\n`);
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.err(`can't open '${f}': ${e.text}`);
        status = 1;
      }
    }
    return status;
  }
  let bad = 0;
  for (const list of files) {
    for await (const line of io.lines(list)) {
      const m = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line);
      if (!m) continue;
      const name = m[2]!;
      let ok: boolean;
      try {
        ok = digest(await io.readBytes(name)) === m[1]!.toLowerCase();
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.err(`can't open '${name}': ${e.text}`);
        ok = false;
      }
      if (!ok) bad++;
      if (!o.flags.has('s')) await io.out(`${name}: ${ok ? 'OK' : 'FAILED'}\n`);
    }
  }
  if (bad > 0) {
    await io.err(`WARNING: ${bad} of ${bad} computed checksums did NOT match`);
    status = 1;
  }
  return status;
}

export const sha256sum = defineApplet('sha256sum', (io, argv) => run(io, argv, sha256Hex));
export const md5sum = defineApplet('md5sum', (io, argv) => run(io, argv, md5Hex));
export const sha1sum = defineApplet('sha1sum', (io, argv) => run(io, argv, sha1Hex));
export const sha512sum = defineApplet('sha512sum', (io, argv) => run(io, argv, sha512Hex));
