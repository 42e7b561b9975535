import { Pipe } from '../io/pipe.ts';
import { bytesSource, StreamFile } from '../io/special-files.ts';
import { concatBytes } from '../io/text.ts';
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

/** Runs `argv` with `input` as its stdin (awk's `print | "cmd"`), sharing stdout/stderr. */
export async function runWithInput(proc: Process, argv: string[], input: Uint8Array, env: string[]): Promise<number> {
  const child = proc.kernel.fork(proc, (c) => c.kernel.exec(c, findInPath(c, argv[0]!, env.find((e) => e.startsWith('PATH='))?.slice(5)) ?? argv[0]!, argv, env));
  child.fds.install(0, new StreamFile(bytesSource(input), null, () => {}, 'pipe'));
  return proc.wait(child.exited);
}

/** Runs `argv` and collects its stdout (awk's `"cmd" | getline`). */
export async function captureOutput(proc: Process, argv: string[], env: string[]): Promise<{ output: Uint8Array; status: number }> {
  const [r, w] = new Pipe().ends();
  const child = proc.kernel.fork(proc, (c) => c.kernel.exec(c, findInPath(c, argv[0]!, env.find((e) => e.startsWith('PATH='))?.slice(5)) ?? argv[0]!, argv, env));
  child.fds.install(1, w);
  const chunks: Uint8Array[] = [];
  try {
    for (;;) {
      const b = await proc.wait(r.read(65536, proc));
      if (b === null) break;
      chunks.push(b);
    }
  } finally {
    r.release();
  }
  const status = await proc.wait(child.exited);
  return { output: concatBytes(chunks), status };
}
