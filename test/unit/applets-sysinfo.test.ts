import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/deps.ts';
import { EMPTY_VIEW } from '../../src/engine/snapshots/lower-view.ts';
import { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import { appletNames } from '../../src/engine/userspace/applets/index.ts';
import { installBusybox } from '../../src/engine/userspace/rootfs.ts';
import { createKernel } from '../../src/engine/userspace/run.ts';
import { FdTable } from '../../src/engine/userspace/io/fd-table.ts';
import { bytesSource, CollectSink, StreamFile } from '../../src/engine/userspace/io/special-files.ts';
import { concatBytes, decode, encode } from '../../src/engine/userspace/io/text.ts';
import { bootUserspace, nodeScheduler, sh, until } from '../helpers/userspace.ts';

const BOOT = Date.UTC(2026, 0, 2, 3, 0, 0);

/** The simulated host's numbers (the goldens check the layout against BusyBox; these check the values). */
describe('system information applets', () => {
  it('free, uptime and top describe the simulated host and the namespace', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, { ...nodeScheduler, now: () => BOOT + 3723_000 }, { bootedAt: BOOT });
    expect((await sh(kernel, 'free')).stdout).toBe(
      '              total        used        free      shared  buff/cache   available\n' +
        'Mem:        4194304      413976     2692840        4396     1087488     3775932\n' +
        'Swap:             0           0           0\n',
    );
    expect((await sh(kernel, 'free -m | sed -n 2p')).stdout).toBe('Mem:           4096         407        2626           4        1062        3684\n');
    expect((await sh(kernel, 'uptime')).stdout).toBe(' 04:02:03 up  1:02,  0 users,  load average: 0.00, 0.00, 0.00\n');
    const top = (await sh(kernel, 'top -b -n 1; true')).stdout.split('\n');
    expect(top.slice(2, 6)).toEqual([
      'Load average: 0.00 0.00 0.00 1/2 7',
      '  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND',
      '    6     0 root     S     1640   0%   0% sh -c top -b -n 1; true',
      '    7     6 root     R     1640   0%   0% top -b -n 1',
    ]);
    expect((await sh(kernel, 'cat /proc/uptime; head -n 1 /proc/meminfo')).stdout).toBe('3723.00 7446.00\nMemTotal:        4194304 kB\n');
  });

  it('df reports the overlay root: the quota when the runtime gives one, else the host disk plus the writable layer', async () => {
    const clock = new ManualClock();
    const mount = new UnionMount({ lower: EMPTY_VIEW, clock });
    installBusybox(mount, appletNames());
    const kernel = createKernel(mount, nodeScheduler);
    const before = (await sh(kernel, 'df')).stdout;
    expect(before).toMatch(/^Filesystem {11}1K-blocks {6}Used Available Use% Mounted on\noverlay {15}61202244 {2}10485\d\d\d {2}50716\d\d\d {2}17% \/\n$/);
    await sh(kernel, 'head -c 2000000 /dev/zero > /big');
    const used = (s: string) => Number(s.split('\n')[1]!.split(/ +/)[2]);
    expect(used((await sh(kernel, 'df /big')).stdout) - used(before)).toBe(1953);
    const quota = createKernel(mount, nodeScheduler, { disk: () => ({ sizeBytes: 100 * 1024 * 1024, usedBytes: 25 * 1024 * 1024 }) });
    expect((await sh(quota, 'df -h /')).stdout).toBe('Filesystem                Size      Used Available Use% Mounted on\noverlay                 100.0M     25.0M     75.0M  25% /\n');
  });

  it('dmesg is refused to an unprivileged container, as on Docker\'s Ubuntu host; watch reruns until interrupted', async () => {
    const { vfs, kernel } = bootUserspace();
    expect(await sh(kernel, 'dmesg')).toEqual({ stdout: '', stderr: 'dmesg: klogctl: Operation not permitted\n', status: 1 });
    const privileged = createKernel(vfs, nodeScheduler, { privileged: true });
    expect((await sh(privileged, 'dmesg | head -n 1')).stdout).toMatch(/^\[ {4}0\.000000\] Linux version 6\.8\.0-48-generic /);
    const w = sh(kernel, 'watch -n 0.05 echo tick');
    await until(() => kernel.list().some((p) => p.argv[0] === 'watch'));
    await new Promise((r) => setTimeout(r, 200));
    const pid = kernel.list().find((p) => p.argv[0] === 'watch')!.pid;
    kernel.kill(pid, 2);
    const r = await w;
    expect(r.stdout.split('\x1b[H\x1b[J').length).toBeGreaterThan(2);
    expect(r.stdout).toContain('Every 0.05s: echo tick');
    expect(r.stdout).toContain('\n\ntick\n');
    expect(await sh(kernel, 'vi /etc/passwd')).toMatchObject({ status: 1, stderr: expect.stringMatching(/^vi: not available in Layerlab/) });
  });

  it('install copies with mode 0755 (or -m), makes directories (-d, -D) and sets owners (-o, -g)', async () => {
    const { kernel } = bootUserspace();
    const r = await sh(kernel, 'echo hi > /s; install /s /d1; install -m 640 -o 65534 -g root -D /s /opt/a/b/f; install -d -m 700 /x/y; install /s /s /opt; stat -c "%a %u:%g %n" /d1 /opt/a/b/f /x/y /opt/s; install /nope /d; echo $?');
    expect(r.stdout).toBe('755 0:0 /d1\n640 65534:0 /opt/a/b/f\n700 0:0 /x/y\n755 0:0 /opt/s\n1\n');
    expect(r.stderr).toBe("install: can't stat '/nope': No such file or directory\n");
  });

  it('tty, stty and nohup know a terminal (the container\'s -t device) from a pipe', async () => {
    const { kernel } = bootUserspace();
    const out = new CollectSink();
    const fds = new FdTable();
    const term = new StreamFile(bytesSource(encode('')), out, () => {}, '/dev/pts/0');
    fds.install(0, term);
    term.refs += 2;
    fds.install(1, term);
    fds.install(2, term);
    const p = kernel.create({ argv: ['sh', '-c', 'tty; stty size; cd /tmp && nohup echo kept; cat /tmp/nohup.out'], env: ['PATH=/bin'], cwd: '/', fds });
    kernel.run(p, (c) => kernel.exec(c, '/bin/sh', c.argv, c.env));
    expect(await p.exited).toBe(0);
    expect(decode(concatBytes(out.chunks))).toBe('/dev/pts/0\n24 80\nnohup: appending output to nohup.out\nkept\n');
  });
});
