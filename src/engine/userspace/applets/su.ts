import { ExecError } from '../process/errors.ts';
import { parseOptions } from './lib/options.ts';
import { GROUP, PASSWD, readDb } from './lib/user-db.ts';
import { defineApplet } from './registry.ts';

/**
 * su [-lmp] [-s SH] [-] [USER [FILE ARGS | -c 'CMD' [ARG0 ARGS]]]: becomes
 * USER (uid, gid, groups from /etc/group) and execs its shell in this
 * process, with BusyBox's environment rules (`-` clears it and goes home).
 * Simplification: Layerlab's busybox is not setuid, so, as on Debian's,
 * only root may use su (no password prompt).
 */
export const su = defineApplet('su', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'lmps:c:');
  let rest = o.args;
  const login = o.flags.has('l') || rest[0] === '-';
  if (rest[0] === '-') rest = rest.slice(1);
  const preserve = o.flags.has('m') || o.flags.has('p');
  const { vfs } = io.proc;
  if (io.proc.cred.uid !== 0) {
    await io.err('must be suid to work properly');
    return 1;
  }
  const name = rest[0] ?? 'root';
  const pw = (readDb(vfs, PASSWD) ?? []).find((r) => r[0] === name);
  if (!pw) {
    await io.err(`unknown user ${name}`);
    return 1;
  }
  const [, , uidS, gidS, , home = '/', pwShell] = pw;
  const uid = Number(uidS);
  const gid = Number(gidS);
  const shell = o.values.get('s')?.at(-1) ?? (preserve && !login ? io.proc.getenv('SHELL') : undefined) ?? (pwShell || '/bin/sh');
  let env = [...io.proc.env];
  const set = (k: string, v: string) => {
    env = env.filter((e) => !e.startsWith(`${k}=`));
    env.push(`${k}=${v}`);
  };
  if (login) {
    const term = io.proc.getenv('TERM');
    env = term === undefined ? [] : [`TERM=${term}`];
    set('HOME', home);
    set('SHELL', shell);
    set('USER', name);
    set('LOGNAME', name);
    set('PATH', uid === 0 ? '/sbin:/usr/sbin:/bin:/usr/bin' : '/bin:/usr/bin');
    try {
      if (vfs.stat(home).type !== 'dir') throw new Error('not a directory');
      io.proc.cwd = home;
    } catch {
      await io.err(`can't change directory to '${home}'`);
    }
  } else if (!preserve) {
    if (uid !== 0) {
      set('USER', name);
      set('LOGNAME', name);
    }
    set('HOME', home);
    set('SHELL', shell);
  }
  const groups = [gid, ...(readDb(vfs, GROUP) ?? []).filter((g) => (g[3] ?? '').split(',').includes(name)).map((g) => Number(g[2]))];
  const base = shell.slice(shell.lastIndexOf('/') + 1);
  const cmd = o.values.get('c')?.at(-1);
  const args = [login ? `-${base}` : base, ...(cmd !== undefined ? ['-c', cmd] : []), ...rest.slice(1)];
  await io.flush();
  // The kernel keeps supplementary groups sorted (set_groups), so id lists them in order.
  io.proc.cred = { uid, gid, groups: [...new Set(groups)].sort((a, b) => a - b), umask: io.proc.umask };
  try {
    return await io.proc.kernel.exec(io.proc, shell, args, env);
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    await io.err(`can't execute '${shell}': ${e.code === 'EACCES' ? 'Permission denied' : 'No such file or directory'}`);
    return 1;
  }
});

/** nologin: the shell of accounts nobody may log in to. */
export const nologin = defineApplet('nologin', async (io) => {
  await io.out('This account is not available\n');
  return 1;
});
