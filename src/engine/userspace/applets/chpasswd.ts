import { sha256Hex } from './lib/digest.ts';
import { parseOptions } from './lib/options.ts';
import { ARE_YOU_ROOT, epochDays, PASSWD, readDb, SHADOW, updateDb } from './lib/user-db.ts';
import { defineApplet } from './registry.ts';

/**
 * chpasswd [-e] [-m]: `USER:PASSWORD` lines from stdin. Simplification: a
 * clear-text password is stored as `$5$layerlab$` and its SHA-256, not crypt(3).
 */
export const chpasswd = defineApplet('chpasswd', async (io, argv) => {
  const o = parseOptions(argv.slice(1).map((a) => (a === '--encrypted' ? '-e' : a === '--md5' ? '-m' : a)), 'emc:');
  const { vfs, cred } = io.proc;
  if (cred.uid !== 0) {
    await io.err(ARE_YOU_ROOT);
    return 1;
  }
  for await (const line of io.lines('-')) {
    const i = line.indexOf(':');
    if (i < 0) {
      await io.err('missing new password');
      return 1;
    }
    const name = line.slice(0, i);
    const pass = o.flags.has('e') ? line.slice(i + 1) : `$5$layerlab$${sha256Hex(io.encode(line.slice(i + 1)))}`;
    const pw = (readDb(vfs, PASSWD, cred) ?? []).find((r) => r[0] === name);
    if (!pw) {
      await io.err(`unknown user ${name}`);
      return 1;
    }
    const sh = (readDb(vfs, SHADOW, cred) ?? []).find((r) => r[0] === name);
    if (sh) {
      const next = sh.slice(1);
      next[0] = pass;
      next[1] = String(epochDays(io.proc.kernel.scheduler.now()));
      updateDb(vfs, SHADOW, name, { fields: next.join(':') }, cred);
    } else updateDb(vfs, PASSWD, name, { fields: [pass, ...pw.slice(2)].join(':') }, cred);
    await io.err(`password for '${name}' changed`);
  }
  return 0;
});
