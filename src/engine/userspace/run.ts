import type { Cred, Vfs } from '../fs/vfs.ts';
import { FdTable } from './io/fd-table.ts';
import { bytesSource, CollectSink, StreamFile } from './io/special-files.ts';
import { concatBytes, decode, encode } from './io/text.ts';
import { lookupApplet } from './applets/index.ts';
import { Kernel } from './process/kernel.ts';
import type { KernelOptions } from './process/kernel.ts';
import type { Scheduler } from './process/scheduler.ts';
import { runWasi } from './wasi/host.ts';

export interface ScriptResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

/** A kernel whose applets are the full BusyBox table, running `\0asm` files with the WASI host. */
export function createKernel(vfs: Vfs, scheduler: Scheduler, extra: Partial<KernelOptions> = {}): Kernel {
  return new Kernel({ vfs, scheduler, applets: lookupApplet, wasm: runWasi, ...extra });
}

/**
 * Runs `argv` (default `/bin/sh -c script`) as a new top-level process with
 * captured stdout/stderr and the given stdin; resolves when it exits. The
 * shape RUN steps and tests need.
 */
export async function runCommand(
  kernel: Kernel,
  argv: string[],
  opts: { env?: string[]; cwd?: string; stdin?: string; cred?: Cred; /** File to exec when argv[0] is not a path. */ path?: string } = {},
): Promise<ScriptResult> {
  const out = new CollectSink();
  const err = new CollectSink();
  const fds = new FdTable();
  fds.install(0, new StreamFile(bytesSource(encode(opts.stdin ?? '')), null, () => {}, '/dev/stdin'));
  fds.install(1, new StreamFile(null, out, () => {}, '/dev/stdout'));
  fds.install(2, new StreamFile(null, err, () => {}, '/dev/stderr'));
  const env = opts.env ?? ['PATH=/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root'];
  const proc = kernel.create({ argv, env, cwd: opts.cwd ?? '/', fds, ...(opts.cred ? { cred: opts.cred } : {}) });
  kernel.run(proc, (p) => kernel.exec(p, opts.path ?? argv[0]!, argv, env));
  const status = await proc.exited;
  return { stdout: decode(concatBytes(out.chunks)), stderr: decode(concatBytes(err.chunks)), status };
}
