import { groupName, groups as groupDb, passwd } from './lib/users.ts';
import { defineApplet } from './registry.ts';

/** groups [USER]: group names of the process (or of USER from /etc/group). */
export const groups = defineApplet('groups', async (io, argv) => {
  const vfs = io.proc.vfs;
  const user = argv[1];
  let gids: number[];
  if (user !== undefined) {
    const pw = passwd(vfs).find((p) => p.name === user);
    if (!pw) {
      await io.err(`unknown user ${user}`);
      return 1;
    }
    gids = [pw.gid, ...groupDb(vfs).filter((g) => g.members.includes(user)).map((g) => g.gid)];
  } else gids = [io.proc.cred.gid, ...(io.proc.cred.groups ?? [])];
  const names = [...new Set(gids)].map((g) => groupName(vfs, g) ?? String(g));
  await io.out(`${names.join(' ')}\n`);
  return 0;
});

/** clear: the ANSI sequence BusyBox writes (home, erase screen, erase scrollback). */
export const clear = defineApplet('clear', async (io) => {
  await io.out('\x1b[H\x1b[J\x1b[3J');
  return 0;
});
