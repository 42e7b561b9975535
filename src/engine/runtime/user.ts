/**
 * `--user` / `USER` as runc resolves it in the container's own /etc/passwd
 * and /etc/group (moby/sys user.GetExecUser): `name`, `uid`, `name:group`,
 * `uid:gid`. A numeric uid missing from passwd is allowed (home `/`); an
 * unknown name is an error with runc's wording.
 */
import type { Cred, Vfs } from '../fs/vfs.ts';
import { groups, passwd } from '../userspace/applets/lib/users.ts';

export type UserLookup = { readonly cred: Cred; readonly home: string } | { readonly error: string };

export function resolveUser(vfs: Vfs, spec: string): UserLookup {
  // No user given is uid 0 (runc's default), which needs no /etc/passwd entry.
  const [userPart = '', groupPart] = spec === '' ? ['0'] : spec.split(':', 2);
  const users = passwd(vfs);
  let uid: number;
  let gid: number;
  let home = '/';
  let name: string | undefined;
  if (/^\d+$/.test(userPart)) {
    uid = Number(userPart);
    const entry = users.find((u) => u.uid === uid);
    gid = entry?.gid ?? 0;
    home = entry?.home ?? '/';
    name = entry?.name;
  } else {
    const entry = users.find((u) => u.name === userPart);
    if (!entry) return { error: `unable to find user ${userPart}: no matching entries in passwd file` };
    uid = entry.uid;
    gid = entry.gid;
    home = entry.home;
    name = entry.name;
  }
  const groupDb = groups(vfs);
  if (groupPart !== undefined && groupPart !== '') {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const g = groupDb.find((x) => x.name === groupPart);
      if (!g) return { error: `unable to find group ${groupPart}: no matching entries in group file` };
      gid = g.gid;
    }
  }
  const supplementary = name === undefined ? [] : groupDb.filter((g) => g.members.includes(name)).map((g) => g.gid);
  return { cred: { uid, gid, groups: [gid, ...supplementary.filter((g) => g !== gid)], umask: 0o022 }, home };
}
