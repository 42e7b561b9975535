import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { ARE_YOU_ROOT, GROUP, GSHADOW, PASSWD, readDb, SHADOW, updateDb } from './lib/user-db.ts';
import { defineApplet } from './registry.ts';

/** Removes a tree (deluser --remove-home). */
function removeTree(io: AppletIO, path: string): void {
  const { vfs, cred } = io.proc;
  const st = vfs.lstat(path, cred);
  if (st.type === 'dir') {
    for (const e of vfs.readdir(path, cred)) removeTree(io, `${path}/${e.name}`);
    vfs.rmdir(path, cred);
  } else vfs.unlink(path, cred);
}

/**
 * `delgroup GROUP` (refused while some user has it as primary group) or
 * `delgroup USER GROUP`. `quiet`: the same-named group deluser tries to
 * remove after a user (absent is fine).
 */
function delgroup(io: AppletIO, group: string, member: string | undefined, quiet = false): string | null {
  const { vfs, cred } = io.proc;
  const row = (readDb(vfs, GROUP, cred) ?? []).find((r) => r[0] === group);
  if (!row) return quiet ? null : `unknown group ${group}`;
  if (member !== undefined) {
    updateDb(vfs, GROUP, group, { member, remove: true }, cred);
    updateDb(vfs, GSHADOW, group, { member, remove: true }, cred);
    return null;
  }
  const user = (readDb(vfs, PASSWD, cred) ?? []).find((r) => r[3] === row[2]);
  if (user) return `'${user[0]}' still has '${group}' as their primary group!`;
  updateDb(vfs, GROUP, group, {}, cred);
  updateDb(vfs, GSHADOW, group, {}, cred);
  return null;
}

/** deluser [--remove-home] USER: the user's lines, its memberships and its same-named group go. */
export const deluser = defineApplet('deluser', async (io, argv) => {
  const removeHome = argv.includes('--remove-home');
  const args = argv.slice(1).filter((a) => a !== '--remove-home');
  if (io.proc.cred.uid !== 0) {
    await io.err(ARE_YOU_ROOT);
    return 1;
  }
  if (args.length !== 1) {
    await io.usage();
    return 1;
  }
  const { vfs, cred } = io.proc;
  const name = args[0]!;
  const pw = (readDb(vfs, PASSWD, cred) ?? []).find((r) => r[0] === name);
  if (!pw) {
    await io.err(`unknown user ${name}`);
    return 1;
  }
  if (removeHome && pw[5]) {
    try {
      if (vfs.stat(pw[5], cred).type === 'dir') removeTree(io, pw[5]);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }
  updateDb(vfs, PASSWD, name, {}, cred);
  updateDb(vfs, SHADOW, name, {}, cred);
  updateDb(vfs, GROUP, null, { member: name, remove: true }, cred);
  const msg = delgroup(io, name, undefined, true);
  if (msg) {
    await io.err(msg);
    return 1;
  }
  return 0;
});

/** delgroup [USER] GROUP. */
export const delgroupApplet = defineApplet('delgroup', async (io, argv) => {
  const args = argv.slice(1);
  if (io.proc.cred.uid !== 0) {
    await io.err(ARE_YOU_ROOT);
    return 1;
  }
  if (args.length < 1 || args.length > 2) {
    await io.usage();
    return 1;
  }
  const msg = args.length === 2 ? delgroup(io, args[1]!, args[0]!) : delgroup(io, args[0]!, undefined);
  if (msg) {
    await io.err(msg);
    return 1;
  }
  return 0;
});
