import { ExecError } from '../process/errors.ts';
import type { Process } from '../process/process.ts';

/** PATH search as execvp(3) does it, over the Vfs. */
export function findInPath(proc: Process, name: string, path: string | undefined): string | null {
  if (name.includes('/')) return proc.resolvePath(name);
  for (const dir of (path ?? '/sbin:/usr/sbin:/bin:/usr/bin').split(':')) {
    const p = proc.resolvePath(`${dir || '.'}/${name}`);
    try {
      const st = proc.vfs.stat(p, proc.cred);
      if (st.type === 'file' && (st.mode & 0o111) !== 0) return p;
    } catch {
      // next
    }
  }
  return null;
}

/**
 * fork + execvp + wait for applets that run other programs (env, xargs):
 * the child shares stdio; a missing program is reported as BusyBox does.
 */
export async function spawnAndWait(proc: Process, argv: string[], env: string[], onError: (msg: string) => Promise<void>): Promise<number> {
  const child = proc.kernel.fork(proc, async (c) => {
    const path = findInPath(c, argv[0]!, env.find((e) => e.startsWith('PATH='))?.slice(5));
    if (path === null) {
      await onError(`can't execute '${argv[0]}': No such file or directory`);
      return 127;
    }
    try {
      return await c.kernel.exec(c, path, argv, env);
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      if (e.code === 'ENOEXEC') return c.kernel.exec(c, '/bin/sh', ['/bin/sh', path, ...argv.slice(1)], env);
      await onError(`can't execute '${argv[0]}': ${e.code === 'EACCES' ? 'Permission denied' : 'No such file or directory'}`);
      return e.code === 'EACCES' ? 126 : 127;
    }
  });
  return proc.wait(child.exited);
}
