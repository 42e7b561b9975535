/**
 * How dockerd and runc set up a container's processes: the environment
 * (moby's merge and CreateDaemonEnvironment, runc's HOME), the working
 * directory, and exec failures reported as a shell would.
 */
import { isFsError } from '../fs/errors.ts';
import type { Vfs } from '../fs/vfs.ts';
import { ExecError } from '../userspace/process/errors.ts';
import type { Process } from '../userspace/process/process.ts';
import type { Container } from './container.ts';

/**
 * `-e` values first, then the image's variables the user did not override
 * (moby daemon/commit.go merge).
 */
export function mergeEnv(user: readonly string[], image: readonly string[]): string[] {
  const key = (kv: string) => kv.split('=', 1)[0]!;
  const userKeys = new Set(user.map(key));
  return [...user, ...image.filter((kv) => !userKeys.has(key(kv)))];
}

/**
 * PID 1's environment (container.CreateDaemonEnvironment): PATH, HOSTNAME,
 * TERM for a tty, overridden or extended by the container's Env; runc adds
 * HOME from /etc/passwd when it is not set.
 */
export function processEnv(c: Container, home: string): string[] {
  const base = [`PATH=${DEFAULT_PATH}`, `HOSTNAME=${c.config.Hostname}`, ...(c.config.Tty ? ['TERM=xterm'] : [])];
  const out = [...base];
  for (const kv of c.config.Env) {
    const k = kv.split('=', 1)[0]!;
    const i = out.findIndex((e) => e.split('=', 1)[0] === k);
    if (i >= 0) out[i] = kv;
    else out.push(kv);
  }
  if (!out.some((e) => e.startsWith('HOME='))) out.push(`HOME=${home}`);
  return out;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** exec, turning a late ExecError (e.g. an unknown binary format) into the shell's exit codes. */
export async function execOrReport(p: Process, path: string, argv: string[], env: string[]): Promise<number> {
  try {
    return await p.kernel.exec(p, path, argv, env);
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    await p.write(2, `exec ${argv[0]}: ${e.code === 'ENOEXEC' ? 'exec format error' : e.code}\n`).catch(() => {});
    return e.code === 'ENOENT' ? 127 : 126;
  }
}

export function mkdirp(vfs: Vfs, path: string): void {
  let cur = '';
  for (const seg of path.split('/').filter(Boolean)) {
    cur += `/${seg}`;
    try {
      vfs.mkdir(cur, 0o755);
    } catch (e) {
      if (!isFsError(e, 'EEXIST')) throw e;
    }
  }
}

/** `ps` STIME: HH:MM of the start time (UTC). */
export function clockTime(ms: number): string {
  const d = Math.floor(ms / 60_000);
  return `${String(Math.floor(d / 60) % 24).padStart(2, '0')}:${String(d % 60).padStart(2, '0')}`;
}
