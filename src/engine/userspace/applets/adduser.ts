import { isFsError } from '../../fs/errors.ts';
import { addMember, newGroup } from './addgroup.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { parseOptions } from './lib/options.ts';
import { ARE_YOU_ROOT, badUsername, epochDays, FIRST_SYSTEM_ID, GROUP, LAST_NORMAL_ID, LAST_SYSTEM_ID, PASSWD, readDb, SHADOW, updateDb } from './lib/user-db.ts';
import { changePassword } from './passwd.ts';
import { defineApplet } from './registry.ts';

const LONG: Record<string, string> = { '--home': '-h', '--gecos': '-g', '--shell': '-s', '--ingroup': '-G', '--disabled-password': '-D', '--system': '-S', '--no-create-home': '-H', '--uid': '-u', '--skel': '-k' };

/**
 * adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GRP] [-S] [-D] [-H] [-u UID] USER [GROUP],
 * as BusyBox 1.36 (Alpine) writes the databases: `USER:x:UID:GID:Linux User,,,:/home/USER:SHELL`,
 * shadow `USER:!:DAYS:0:99999:7:::`, a same-named group (or membership of -G's
 * group; system users join `nogroup` and get /sbin/nologin), and a home dir
 * owned by the user, mode 2755. Without -D it asks for a password as passwd does.
 */
export const adduser = defineApplet('adduser', async (io, argv) => {
  const { vfs, cred } = io.proc;
  if (cred.uid !== 0) {
    await io.err(ARE_YOU_ROOT);
    return 1;
  }
  const o = parseOptions(argv.slice(1).map((a) => LONG[a] ?? a), 'h:g:s:G:DSHu:k:');
  const v = (c: string) => o.values.get(c)?.at(-1);
  if (o.args.length < 1 || o.args.length > 2) {
    await io.usage();
    return 1;
  }
  const name = o.args[0]!;
  const fail = async (msg: string) => {
    await io.err(msg);
    return 1;
  };
  if (o.flags.size === 0 && o.args.length === 2) {
    const msg = addMember(io, name, o.args[1]!);
    return msg === null ? 0 : fail(msg);
  }
  const bad = badUsername(name);
  if (bad) return fail(bad);
  const system = o.flags.has('S');
  const users = readDb(vfs, PASSWD, cred) ?? [];
  const groups = readDb(vfs, GROUP, cred) ?? [];
  const rootShell = users.find((r) => r[2] === String(cred.uid))?.[6];
  const shell = v('s') ?? (system ? '/sbin/nologin' : io.proc.getenv('SHELL') || rootShell || '/bin/sh');
  const home = v('h') ?? `/home/${name}`;
  const usegroup = v('G') ?? (system ? 'nogroup' : undefined);
  let gid = -1;
  if (usegroup !== undefined) {
    const g = groups.find((r) => r[0] === usegroup) ?? (/^\d+$/.test(usegroup) ? groups.find((r) => r[2] === usegroup) : undefined);
    if (!g) return fail(`unknown group ${usegroup}`);
    gid = Number(g[2]);
  }
  if (users.some((r) => r[0] === name)) return fail(`user '${name}' in use`);
  const uidArg = v('u');
  let uid = uidArg !== undefined ? Number(uidArg) : system ? FIRST_SYSTEM_ID : LAST_SYSTEM_ID + 1;
  if (uidArg !== undefined && !/^\d+$/.test(uidArg)) return fail(`invalid number '${uidArg}'`);
  const max = system ? LAST_SYSTEM_ID : LAST_NORMAL_ID;
  while (users.some((r) => Number(r[2]) === uid) || (gid === -1 && groups.some((r) => Number(r[2]) === uid))) {
    if (uidArg !== undefined) return fail(`uid '${uid}' in use`);
    if (uid === max) return fail('no uids left');
    uid++;
  }
  if (gid === -1) {
    gid = uid;
    if (groups.some((r) => r[0] === name)) return fail(`group '${name}' in use`);
  }
  const gecos = v('g') ?? 'Linux User,,,';
  updateDb(vfs, PASSWD, name, { fields: `x:${uid}:${gid}:${gecos}:${home}:${shell}` }, cred) || vfs.writeFile(PASSWD, io.encode(`${name}:x:${uid}:${gid}:${gecos}:${home}:${shell}\n`), { cred });
  updateDb(vfs, SHADOW, name, { fields: `!:${epochDays(io.proc.kernel.scheduler.now())}:0:99999:7:::` }, cred);
  const groupMsg = usegroup !== undefined ? addMember(io, name, usegroup) : newGroup(io, name, gid, false);
  if (groupMsg) await io.proc.write(2, `addgroup: ${groupMsg}\n`);
  if (!o.flags.has('H')) {
    try {
      let made = true;
      try {
        vfs.mkdir(home, 0o755, cred);
      } catch (e) {
        if (!isFsError(e, 'EEXIST')) throw e;
        made = false;
      }
      if (made) copySkel(io, v('k') ?? '/etc/skel', home, uid, gid);
      vfs.chown(home, uid, gid, cred);
      vfs.chmod(home, 0o2755, cred);
    } catch (e) {
      await io.fsErr(home, e);
    }
  }
  if (!o.flags.has('D') && !system) return changePassword(io, name, 'passwd');
  return 0;
});

/** Copies the skeleton directory's files into a new home, owned by the user (silently skipped if absent). */
function copySkel(io: AppletIO, from: string, to: string, uid: number, gid: number): void {
  const { vfs, cred } = io.proc;
  let entries;
  try {
    entries = vfs.readdir(from, cred);
  } catch {
    return;
  }
  for (const e of entries) {
    const s = `${from}/${e.name}`;
    const d = `${to}/${e.name}`;
    const st = vfs.lstat(s, cred);
    if (st.type === 'dir') {
      vfs.mkdir(d, st.mode & 0o7777, cred);
      copySkel(io, s, d, uid, gid);
    } else if (st.type === 'symlink') vfs.symlink(vfs.readlink(s, cred), d, cred);
    else vfs.writeFile(d, vfs.readFile(s, cred), { mode: st.mode & 0o7777, cred });
    vfs.lchown(d, uid, gid, cred);
  }
}
