import type { AppletIO } from './lib/applet-io.ts';
import { parseOptions } from './lib/options.ts';
import { ARE_YOU_ROOT, badUsername, FIRST_SYSTEM_ID, GROUP, GSHADOW, LAST_SYSTEM_ID, readDb, updateDb } from './lib/user-db.ts';
import { defineApplet } from './registry.ts';

/** BusyBox's CONFIG_LAST_ID: the largest id addgroup -g accepts. */
const LAST_ID = 60000;

/**
 * Creates group `name` (BusyBox's new_group): gid `gid` if given (refused
 * when taken), else the first free one from 100 (system) or 1000; appends
 * `name:x:GID:` to /etc/group and `name:!::` to /etc/gshadow if it exists.
 * Returns an error message, or null.
 */
export function newGroup(io: AppletIO, name: string, gid: number | undefined, system: boolean): string | null {
  const { vfs, cred } = io.proc;
  const rows = readDb(vfs, GROUP, cred) ?? [];
  if (rows.some((r) => r[0] === name)) return `group '${name}' in use`;
  const taken = (g: number) => rows.some((r) => Number(r[2]) === g);
  let g = gid ?? (system ? FIRST_SYSTEM_ID : LAST_SYSTEM_ID + 1);
  const max = gid === undefined && system ? LAST_SYSTEM_ID : LAST_ID;
  while (taken(g)) {
    if (gid !== undefined) return `gid '${g}' in use`;
    if (g === max) return 'no gids left';
    g++;
  }
  if (!updateDb(vfs, GROUP, name, { fields: `x:${g}:` }, cred)) vfs.writeFile(GROUP, io.encode(`${name}:x:${g}:\n`), { cred });
  updateDb(vfs, GSHADOW, name, { fields: '!::' }, cred);
  return null;
}

/** Adds an existing user to an existing group (`addgroup USER GROUP`). */
export function addMember(io: AppletIO, user: string, group: string): string | null {
  const { vfs, cred } = io.proc;
  if (!(readDb(vfs, '/etc/passwd', cred) ?? []).some((r) => r[0] === user)) return `unknown user ${user}`;
  const row = (readDb(vfs, GROUP, cred) ?? []).find((r) => r[0] === group);
  if (!row) return `unknown group ${group}`;
  if ((row[3] ?? '').split(',').includes(user)) return null;
  updateDb(vfs, GROUP, group, { member: user }, cred);
  updateDb(vfs, GSHADOW, group, { member: user }, cred);
  return null;
}

/** addgroup [-g GID] [-S] [USER] GROUP. */
export const addgroup = defineApplet('addgroup', async (io, argv) => {
  if (io.proc.cred.uid !== 0) {
    await io.err(ARE_YOU_ROOT);
    return 1;
  }
  const o = parseOptions(argv.slice(1).map((a) => (a === '--gid' ? '-g' : a === '--system' ? '-S' : a)), 'g:S');
  const gidArg = o.values.get('g')?.at(-1);
  if (o.args.length < 1 || o.args.length > 2 || (o.args.length === 2 && gidArg !== undefined)) {
    await io.usage();
    return 1;
  }
  let msg: string | null;
  if (o.args.length === 2) msg = addMember(io, o.args[0]!, o.args[1]!);
  else {
    const gid = gidArg === undefined ? undefined : Number(gidArg);
    if (gid !== undefined && (!/^\d+$/.test(gidArg!) || gid > LAST_ID)) msg = `invalid number '${gidArg}'`;
    else msg = badUsername(o.args[0]!) ?? newGroup(io, o.args[0]!, gid, o.flags.has('S'));
  }
  if (msg !== null) {
    await io.err(msg);
    return 1;
  }
  return 0;
});
