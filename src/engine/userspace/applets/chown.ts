import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { joinPath } from './lib/paths.ts';
import { groups, passwd } from './lib/users.ts';
import { defineApplet } from './registry.ts';

/** chown [-Rh] USER[:GROUP] FILE… and chgrp [-Rh] GROUP FILE…: names from /etc/passwd and /etc/group. */
async function run(io: AppletIO, argv: string[], isChgrp: boolean): Promise<number> {
  let args = argv.slice(1);
  let recursive = false;
  let noDeref = false;
  while (args[0] && /^-[RhvcfHLP]+$/.test(args[0])) {
    if (args[0].includes('R')) recursive = true;
    if (args[0].includes('h')) noDeref = true;
    args = args.slice(1);
  }
  const spec = args[0];
  if (spec === undefined || args.length < 2) {
    await io.err('missing operand');
    return 1;
  }
  const vfs = io.proc.vfs;
  let uid = -1;
  let gid = -1;
  const [u, g] = isChgrp ? ['', spec] : spec.split(/[:.]/, 2) as [string, string | undefined];
  if (u) {
    const n = /^\d+$/.test(u) ? Number(u) : passwd(vfs).find((p) => p.name === u)?.uid;
    if (n === undefined) {
      await io.err(`unknown user ${u}`);
      return 1;
    }
    uid = n;
  }
  if (g) {
    const n = /^\d+$/.test(g) ? Number(g) : groups(vfs).find((x) => x.name === g)?.gid;
    if (n === undefined) {
      await io.err(`unknown group ${g}`);
      return 1;
    }
    gid = n;
  }
  let status = 0;
  const apply = async (a: string): Promise<void> => {
    const p = io.path(a);
    try {
      const st = vfs.lstat(p, io.proc.cred);
      const nu = uid < 0 ? st.uid : uid;
      const ng = gid < 0 ? st.gid : gid;
      if (noDeref || st.type === 'symlink') vfs.lchown(p, nu, ng, io.proc.cred);
      else vfs.chown(p, nu, ng, io.proc.cred);
      if (recursive && st.type === 'dir') for (const e of vfs.readdir(p, io.proc.cred)) await apply(joinPath(a, e.name));
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${a}: ${e.text}`);
      status = 1;
    }
  };
  for (const a of args.slice(1)) await apply(a);
  return status;
}

export const chown = defineApplet('chown', (io, argv) => run(io, argv, false));
export const chgrp = defineApplet('chgrp', (io, argv) => run(io, argv, true));
