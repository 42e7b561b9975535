import { parseOptions } from './lib/options.ts';
import { groupName, groups as allGroups, passwd, userName } from './lib/users.ts';
import { defineApplet } from './registry.ts';

/** id [-ugGnr] [USER]: names from /etc/passwd and /etc/group; supplementary groups from the process. */
export const id = defineApplet('id', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'ugGnr');
  const vfs = io.proc.vfs;
  let { uid, gid } = io.proc.cred;
  let groups = io.proc.cred.groups ?? [];
  const user = o.args[0];
  if (user !== undefined) {
    // getgrouplist order: the primary group, then memberships in /etc/group order.
    const pw = passwd(vfs).find((p) => p.name === user);
    if (!pw) {
      await io.err(`unknown user ${user}`);
      return 1;
    }
    ({ uid, gid } = pw);
    groups = [...new Set([gid, ...allGroups(vfs).filter((g) => g.members.includes(user)).map((g) => g.gid)])];
  }
  const f = o.flags;
  const un = (n: number): string => userName(vfs, n) ?? String(n);
  const gn = (n: number): string => groupName(vfs, n) ?? String(n);
  if (f.has('u')) return io.out(`${f.has('n') ? un(uid) : uid}\n`).then(() => 0);
  if (f.has('g')) return io.out(`${f.has('n') ? gn(gid) : gid}\n`).then(() => 0);
  if (f.has('G')) return io.out(`${(groups.length ? groups : [gid]).map((g) => (f.has('n') ? gn(g) : String(g))).join(' ')}\n`).then(() => 0);
  const named = (n: number, name: string | undefined): string => (name === undefined ? String(n) : `${n}(${name})`);
  let out = `uid=${named(uid, userName(vfs, uid))} gid=${named(gid, groupName(vfs, gid))}`;
  if (groups.length) out += ` groups=${groups.map((g) => named(g, groupName(vfs, g))).join(',')}`;
  await io.out(`${out}\n`);
  return 0;
});

/** whoami: the effective user's name. */
export const whoami = defineApplet('whoami', async (io) => {
  const uid = io.proc.cred.uid;
  const name = userName(io.proc.vfs, uid);
  if (name === undefined) {
    await io.err(`unknown uid ${uid}`);
    return 1;
  }
  await io.out(`${name}\n`);
  return 0;
});
