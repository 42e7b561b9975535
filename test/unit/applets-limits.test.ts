import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/deps.ts';
import { MemFs } from '../../src/engine/fs/mem-fs.ts';
import { EMPTY_VIEW } from '../../src/engine/snapshots/lower-view.ts';
import { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import { appletNames } from '../../src/engine/userspace/applets/index.ts';
import { FdTable } from '../../src/engine/userspace/io/fd-table.ts';
import { SIGNALS } from '../../src/engine/userspace/process/signals.ts';
import { installBusybox } from '../../src/engine/userspace/rootfs.ts';
import { createKernel } from '../../src/engine/userspace/run.ts';
import { bootUserspace, nodeScheduler, sh, until } from '../helpers/userspace.ts';

/**
 * Runaway programs end quickly and leave the kernel usable: a fork bomb hits
 * the namespace's process limit, runaway writes hit the disk quota, and a
 * busy loop yields to the host so signals reach it.
 */
describe('limits', () => {
  it('ends a fork bomb at the process limit with ash\'s "can\'t fork", and init\'s exit reaps the rest', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, nodeScheduler, { maxProcesses: 64 });
    const t0 = performance.now();
    const r = await sh(kernel, 'f(){ f|f& }; f; sleep 0.3; echo still here');
    expect(r.stdout).toBe('still here\n');
    expect(r.stderr).toMatch(/^(sh: can't fork: Resource temporarily unavailable\n)+$/);
    expect(performance.now() - t0).toBeLessThan(5000);
    // The script was PID 1: the namespace was torn down with it (zap_pid_ns_processes).
    expect(kernel.procs.size).toBe(0);
    expect(await sh(kernel, 'echo usable')).toEqual({ stdout: 'usable\n', stderr: '', status: 0 });
    // ash refuses `:` as a function name (as BusyBox does), so the classic spelling is a syntax error.
    expect(await sh(kernel, ':(){ :|:& };:')).toEqual({ stdout: '', stderr: 'sh: syntax error: bad function name\n', status: 2 });
  }, 20000);

  it('lets an applet that spawns report the limit as libbb does', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, nodeScheduler, { maxProcesses: 2 });
    expect(await sh(kernel, 'xargs echo </dev/null; echo "status $?"')).toEqual({ stdout: 'status 1\n', stderr: 'xargs: vfork: Resource temporarily unavailable\n', status: 0 });
  });

  it('keeps a running bomb under the limit while other commands still run; kill -9 -1 stops it', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, nodeScheduler, { maxProcesses: 40 });
    kernel.create({ argv: ['init'], env: [], cwd: '/', fds: new FdTable() });
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, kernel.procs.size)), 1);
    void sh(kernel, 'f(){ f|f& }; f');
    await until(() => kernel.procs.size > 5);
    const t0 = performance.now();
    expect(await sh(kernel, 'echo beside the bomb')).toMatchObject({ stdout: 'beside the bomb\n', status: 0 });
    expect(performance.now() - t0).toBeLessThan(2000);
    await new Promise((res) => setTimeout(res, 200));
    clearInterval(watch);
    expect(most).toBeLessThanOrEqual(40);
    expect(kernel.procs.size).toBeGreaterThan(2);
    // kill(-1): everyone but init and the caller, which lives on to say so.
    expect(await sh(kernel, 'kill -9 -1; echo stopped')).toMatchObject({ stdout: 'stopped\n', status: 0 });
    await new Promise((res) => setTimeout(res, 50));
    expect(kernel.list().map((p) => p.argv[0])).toEqual(['init']);
    kernel.kill(1, SIGNALS.KILL);
    expect(kernel.procs.size).toBe(0);
  }, 20000);

  it('turns runaway writes into ENOSPC at the container quota: `yes > /file`', async () => {
    const clock = new ManualClock();
    const mount = new UnionMount({ lower: EMPTY_VIEW, clock, quotaBytes: 256 * 1024 });
    installBusybox(mount, appletNames());
    const kernel = createKernel(mount, nodeScheduler);
    const t0 = performance.now();
    const r = await sh(kernel, 'yes > /file; echo "status $?"; rm /file; echo after > /small; cat /small');
    expect(r).toEqual({ stdout: 'status 1\nafter\n', stderr: 'yes: (null): No space left on device\n', status: 0 });
    expect(performance.now() - t0).toBeLessThan(5000);

    const plain = new MemFs({ clock, quotaBytes: 1024 * 1024 });
    installBusybox(plain, appletNames());
    expect(plain.usedBytes).toBeLessThan(64 * 1024);
    expect((await sh(createKernel(plain, nodeScheduler), 'cat /dev/zero > /z; echo $?')).stderr).toBe('cat: write error: No space left on device\n');
  }, 20000);

  it('yields inside a busy loop: other processes run meanwhile, SIGKILL and SIGINT stop it', async () => {
    const { kernel } = bootUserspace();
    kernel.create({ argv: ['init'], env: [], cwd: '/', fds: new FdTable() });
    const loop = sh(kernel, 'while true; do :; done');
    await until(() => kernel.list().some((p) => p.argv.join(' ') === 'sh -c while true; do :; done'));
    expect(await sh(kernel, 'echo beside the loop')).toMatchObject({ stdout: 'beside the loop\n' });
    const pid = kernel.list().find((p) => p.argv[2] === 'while true; do :; done')!.pid;
    kernel.kill(pid, SIGNALS.KILL);
    expect((await loop).status).toBe(137);

    const loop2 = sh(kernel, 'i=0; while :; do i=$((i+1)); done');
    await until(() => kernel.list().length === 2);
    kernel.killGroup(kernel.list()[1]!.pgid, SIGNALS.INT);
    expect((await loop2).status).toBe(130);
  }, 20000);
});
