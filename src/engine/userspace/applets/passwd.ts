import type { AppletIO } from './lib/applet-io.ts';
import { sha256Hex } from './lib/digest.ts';
import { parseOptions } from './lib/options.ts';
import { epochDays, PASSWD, readDb, SHADOW, updateDb } from './lib/user-db.ts';
import { userName } from './lib/users.ts';
import { defineApplet } from './registry.ts';

/** Reads one line of stdin (a password typed without echo); null at end of input. */
async function readLine(io: AppletIO): Promise<string | null> {
  let line = '';
  for (;;) {
    const b = await io.proc.read(0, 1);
    if (b === null || b.length === 0) return line === '' ? null : line;
    const c = String.fromCharCode(b[0]!);
    if (c === '\n') return line;
    line += c;
  }
}

/** Replaces the password field of `user` (shadow first, else passwd, as BusyBox's update_passwd does). */
function setPasswordField(io: AppletIO, user: string, change: (cur: string) => string): 'shadow' | 'passwd' {
  const { vfs, cred } = io.proc;
  const row = (readDb(vfs, SHADOW, cred) ?? []).find((r) => r[0] === user);
  if (row) {
    const next = [...row.slice(1)];
    next[0] = change(row[1] ?? '');
    next[1] = String(epochDays(io.proc.kernel.scheduler.now()));
    updateDb(vfs, SHADOW, user, { fields: next.join(':') }, cred);
    return 'shadow';
  }
  const prow = (readDb(vfs, PASSWD, cred) ?? []).find((r) => r[0] === user)!;
  updateDb(vfs, PASSWD, user, { fields: [change(prow[1] ?? ''), ...prow.slice(2)].join(':') }, cred);
  return 'passwd';
}

/**
 * The interactive path: "New password:" and "Retype password:" read from
 * stdin. Simplification: the stored hash is `$5$layerlab$` and a SHA-256 of
 * the password, not glibc's sha256-crypt.
 */
export async function changePassword(io: AppletIO, user: string, applet: string): Promise<number> {
  await io.out(`Changing password for ${user}\n`);
  await io.out('New password: ');
  await io.flush();
  const first = await readLine(io);
  await io.out('\n');
  if (first !== null && first.length < 6) await io.out('Bad password: too short\n');
  await io.out('Retype password: ');
  await io.flush();
  const second = await readLine(io);
  await io.out('\n');
  if (first === null || second === null || first !== second) {
    await io.out("Passwords don't match\n");
    await io.flush();
    await io.proc.write(2, `${applet}: password for ${user} is unchanged\n`);
    return 1;
  }
  setPasswordField(io, user, () => `$5$layerlab$${sha256Hex(io.encode(first))}`);
  await io.flush();
  await io.proc.write(2, `${applet}: password for ${user} changed by ${userName(io.proc.vfs, io.proc.cred.uid) ?? io.proc.cred.uid}\n`);
  return 0;
}

/** passwd [-a ALG] [-dlu] [USER]: as root only (Layerlab's busybox is not setuid). */
export const passwd = defineApplet('passwd', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'a:dlu');
  const edits = ['d', 'l', 'u'].filter((c) => o.flags.has(c));
  if (io.proc.cred.uid !== 0) {
    await io.err('must be suid to work properly');
    return 1;
  }
  if (o.args.length > 1 || (o.args.length === 0 && edits.length > 0)) {
    await io.usage();
    return 1;
  }
  const me = userName(io.proc.vfs, io.proc.cred.uid) ?? String(io.proc.cred.uid);
  const user = o.args[0] ?? me;
  if (!(readDb(io.proc.vfs, PASSWD, io.proc.cred) ?? []).some((r) => r[0] === user)) {
    await io.err(`unknown user ${user}`);
    return 1;
  }
  if (edits.length === 0) return changePassword(io, user, 'passwd');
  const where = setPasswordField(io, user, (cur) => {
    let p = o.flags.has('d') ? '' : cur;
    if (o.flags.has('l') && !p.startsWith('!')) p = `!${p}`;
    if (o.flags.has('u') && p.startsWith('!')) p = p.slice(1);
    return p;
  });
  if (where === 'passwd') await io.err(`no record of ${user} in ${SHADOW}, using ${PASSWD}`);
  await io.err(`password for ${user} changed by ${me}`);
  return 0;
});
