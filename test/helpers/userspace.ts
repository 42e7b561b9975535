import { ManualClock } from '../../src/engine/deps.ts';
import { MemFs } from '../../src/engine/fs/mem-fs.ts';
import { appletNames } from '../../src/engine/userspace/applets/index.ts';
import { encode } from '../../src/engine/userspace/io/text.ts';
import type { Kernel } from '../../src/engine/userspace/process/kernel.ts';
import type { Scheduler } from '../../src/engine/userspace/process/scheduler.ts';
import { installBusybox } from '../../src/engine/userspace/rootfs.ts';
import { createKernel, runCommand } from '../../src/engine/userspace/run.ts';
import type { ScriptResult } from '../../src/engine/userspace/run.ts';
import type { Cred } from '../../src/engine/fs/vfs.ts';

/** Host turn-taking for tests: setImmediate for yields, real timers for sleep. */
export const nodeScheduler: Scheduler = {
  yieldNow: () => new Promise((r) => setImmediate(r)),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};

/** A fresh MemFs with a BusyBox root file system and a kernel over it. */
export function bootUserspace(): { vfs: MemFs; kernel: Kernel; clock: ManualClock } {
  const clock = new ManualClock();
  const vfs = new MemFs({ clock });
  installBusybox(vfs, appletNames());
  return { vfs, kernel: createKernel(vfs, nodeScheduler), clock };
}

/** Runs `sh -c script` (argv[0] "sh", as the oracle runs it). */
export function sh(kernel: Kernel, script: string, opts: { cwd?: string; stdin?: string; env?: string[]; cred?: Cred } = {}): Promise<ScriptResult> {
  return runCommand(kernel, ['sh', '-c', script], { ...opts, path: '/bin/sh' });
}

/** mkdir -p for tests. */
export function mkdirp(vfs: MemFs, path: string): void {
  let cur = '';
  for (const seg of path.split('/').filter(Boolean)) {
    cur += `/${seg}`;
    try {
      vfs.mkdir(cur, 0o755);
    } catch {
      // exists
    }
  }
}

export function writeText(vfs: MemFs, path: string, text: string, mode = 0o644): void {
  vfs.writeFile(path, encode(text), { mode });
  vfs.chmod(path, mode);
}

/** Polls `cond` every 5 ms (up to `ms`), for tests that must wait for a process to reach a state. */
export async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
