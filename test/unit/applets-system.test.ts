import { describe, expect, it } from 'vitest';
import { FsError } from '../../src/engine/fs/errors.ts';
import { appletNames, lookupApplet } from '../../src/engine/userspace/applets/index.ts';
import { createKernel } from '../../src/engine/userspace/run.ts';
import { bootUserspace, nodeScheduler, sh, until, writeText } from '../helpers/userspace.ts';

const USER = { uid: 1000, gid: 1000, groups: [1000], umask: 0o022 };

describe('applets that depend on the simulated system', () => {
  it('dispatch through the multi-call binary by argv[0] or by `busybox NAME`', async () => {
    const { kernel } = bootUserspace();
    expect((await sh(kernel, 'busybox echo via-busybox; /bin/busybox printf "%s\\n" x')).stdout).toBe('via-busybox\nx\n');
    expect(await sh(kernel, 'ln -s /bin/busybox /tmp/frobnicate; /tmp/frobnicate')).toEqual({
      stdout: '',
      stderr: 'frobnicate: applet not found\n',
      status: 127,
    });
    expect(appletNames()).toEqual(expect.arrayContaining(['sh', 'ls', 'sed', 'grep', 'find', 'xargs', '[']));
    expect(lookupApplet('no-such-applet')).toBeUndefined();
  });

  it('hostname and uname describe the container and the shared kernel', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, nodeScheduler, { hostname: 'c0ffee123456' });
    expect((await sh(kernel, 'hostname; uname; uname -m; uname -n')).stdout).toBe('c0ffee123456\nLinux\nx86_64\nc0ffee123456\n');
  });

  it('id, whoami and groups read /etc/passwd and /etc/group for the process credentials', async () => {
    const { kernel, vfs } = bootUserspace();
    writeText(vfs, '/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n');
    writeText(vfs, '/etc/group', 'root:x:0:\napp:x:1000:\nwheel:x:10:app\n');
    expect((await sh(kernel, 'id; whoami')).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\nroot\n');
    expect((await sh(kernel, 'id; whoami; groups app', { cred: USER })).stdout).toBe('uid=1000(app) gid=1000(app) groups=1000(app)\napp\napp wheel\n');
  });

  it('non-root processes get EACCES from the Vfs, reported in BusyBox words', async () => {
    const { kernel } = bootUserspace();
    const r = await sh(kernel, 'touch /root/x; mkdir /etc/new; echo hi > /etc/passwd; rm /bin/ls', { cred: USER });
    expect(r.stderr).toBe(
      'touch: /root/x: Permission denied\n' +
        "mkdir: can't create directory '/etc/new': Permission denied\n" +
        "sh: can't create /etc/passwd: Permission denied\n" +
        "rm: can't remove '/bin/ls': Permission denied\n",
    );
  });

  it('ps lists the PID namespace; kill signals other processes', async () => {
    const { kernel } = bootUserspace();
    const r = await sh(kernel, 'sleep 5 & ps; kill $!; wait $!; echo "status $?"');
    expect(r.stdout).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c sleep 5 & ps; kill $!; wait $!; echo "status $?"\n    2 root      0:00 sleep 5\n    3 root      0:00 ps\nstatus 143\n');
  });

  it('date prints the injected clock in UTC', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, { ...nodeScheduler, now: () => Date.UTC(2026, 0, 2, 3, 4, 5) });
    expect((await sh(kernel, 'date; date +%s')).stdout).toBe('Fri Jan  2 03:04:05 UTC 2026\n1767323045\n');
  });

  it('mv falls back to copy and remove across devices (EXDEV), as BusyBox does', async () => {
    const { kernel, vfs } = bootUserspace();
    const rename = vfs.rename.bind(vfs);
    await sh(kernel, 'mkdir -p /lower/d && echo x > /lower/d/f');
    vfs.rename = (from, to, cred) => {
      if (from.startsWith('/lower')) throw new FsError('EXDEV', 'rename', from, to);
      return rename(from, to, cred);
    };
    expect(await sh(kernel, 'mv /lower/d /tmp/moved && cat /tmp/moved/f && ls /lower')).toEqual({ stdout: 'x\n', stderr: '', status: 0 });
  });
});

describe('long-running and host-shaped applets', () => {
  it('`sh -c "sleep infinity"` becomes sleep itself as PID 1: TERM is ignored, KILL ends it; nproc reports the host CPUs', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, nodeScheduler, { cpus: 8 });
    expect((await sh(kernel, 'nproc')).stdout).toBe('8\n');
    const k2 = createKernel(vfs, nodeScheduler);
    const run = sh(k2, 'sleep infinity');
    await until(() => k2.procs.get(1)?.argv[0] === 'sleep');
    expect(k2.list().map((p) => [p.pid, p.argv.join(' ')])).toEqual([[1, 'sleep infinity']]);
    k2.kill(1, 15);
    await new Promise((res) => setTimeout(res, 30));
    expect(k2.procs.has(1)).toBe(true);
    k2.kill(1, 9);
    expect(await run).toMatchObject({ status: 137 });
  });
});

describe('/dev', () => {
  it('has device nodes; /dev/urandom reads the injected random source', async () => {
    const { vfs } = bootUserspace();
    const words = [0x04030201, 0x08070605];
    let i = 0;
    const kernel = createKernel(vfs, nodeScheduler, { random: () => words[i++ % 2]! });
    const r = await sh(kernel, 'ls -l /dev/null | cut -c1-10; head -c 8 /dev/urandom | base64; echo gone > /dev/null; head -c 3 /dev/zero | wc -c');
    expect(r).toEqual({ stdout: 'crw-rw-rw-\nAQIDBAUGBwg=\n3\n', stderr: '', status: 0 });
  });
});

describe('tail -f', () => {
  it('keeps a container alive on /dev/null and follows appends until killed', async () => {
    const { kernel, vfs } = bootUserspace();
    writeText(vfs, '/tmp/log', 'one\n');
    const run = sh(kernel, 'tail -f /tmp/log & echo two >> /tmp/log; sleep 0.6; kill $!; tail -f /dev/null');
    await until(() => kernel.list().some((p) => p.argv.join(' ') === 'tail -f /dev/null'));
    kernel.kill(1, 9);
    expect((await run).stdout).toBe('one\ntwo\n');
  });
});

describe('mount', () => {
  it('lists /proc/mounts in BusyBox form, with the overlay options the runtime passes', async () => {
    const { vfs } = bootUserspace();
    const kernel = createKernel(vfs, nodeScheduler, { mounts: 'overlay / overlay rw,relatime,lowerdir=/l1:/l2,upperdir=/u,workdir=/w 0 0\n' });
    expect((await sh(kernel, 'mount')).stdout).toBe('overlay on / type overlay (rw,relatime,lowerdir=/l1:/l2,upperdir=/u,workdir=/w)\n');
  });
});
