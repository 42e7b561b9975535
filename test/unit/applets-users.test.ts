import { describe, expect, it } from 'vitest';
import { decode } from '../../src/engine/userspace/io/text.ts';
import { createKernel } from '../../src/engine/userspace/run.ts';
import { bootUserspace, nodeScheduler, sh, writeText } from '../helpers/userspace.ts';

const DAY = 86400000;
const NOW = 20779 * DAY + 3600000;

/**
 * User administration through the Vfs. passwd and su texts were recorded
 * under Debian's BusyBox 1.35 in a chroot (never on the host's /etc); the
 * adduser family, absent from Debian's build, follows BusyBox 1.36's
 * loginutils sources as Alpine ships them.
 */
function boot() {
  const { vfs } = bootUserspace();
  const kernel = createKernel(vfs, { ...nodeScheduler, now: () => NOW });
  writeText(vfs, '/etc/passwd', 'root:x:0:0:root:/root:/bin/ash\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n');
  writeText(vfs, '/etc/group', 'root:x:0:root\nwheel:x:10:root\nnogroup:x:65533:\n');
  writeText(vfs, '/etc/shadow', 'root:*:19000:0:99999:7:::\n', 0o640);
  const read = (p: string) => decode(vfs.readFile(p));
  return { vfs, kernel, read };
}

describe('adduser, addgroup, deluser, delgroup', () => {
  it('adduser -D writes passwd, shadow and a same-named group, and makes a 2755 home owned by the user', async () => {
    const { kernel, read } = boot();
    expect(await sh(kernel, 'mkdir /srv; adduser -D bob && adduser -D -s /bin/sh -h /srv/amy -g "Amy" amy && ls -ld /home/bob /srv/amy')).toMatchObject({
      stdout: 'drwxr-sr-x    2 bob      bob           4096 Jan  1  2026 /home/bob\ndrwxr-sr-x    2 amy      amy           4096 Jan  1  2026 /srv/amy\n',
      status: 0,
    });
    expect(read('/etc/passwd')).toBe(
      'root:x:0:0:root:/root:/bin/ash\nnobody:x:65534:65534:nobody:/:/sbin/nologin\nbob:x:1000:1000:Linux User,,,:/home/bob:/bin/ash\namy:x:1001:1001:Amy:/srv/amy:/bin/sh\n',
    );
    expect(read('/etc/shadow')).toBe('root:*:19000:0:99999:7:::\nbob:!:20779:0:99999:7:::\namy:!:20779:0:99999:7:::\n');
    expect(read('/etc/group')).toBe('root:x:0:root\nwheel:x:10:root\nnogroup:x:65533:\nbob:x:1000:\namy:x:1001:\n');
    expect((await sh(kernel, 'id bob')).stdout).toBe('uid=1000(bob) gid=1000(bob) groups=1000(bob)\n');
  });

  it('system users (-S) get the first free id from 100, join nogroup and /sbin/nologin; -G and -u are honoured', async () => {
    const { kernel, read } = boot();
    expect((await sh(kernel, 'adduser -S -H app; addgroup -S svc; adduser -D -G wheel -u 2000 -H ops')).status).toBe(0);
    expect(read('/etc/passwd').split('\n').slice(2).join('\n')).toBe('app:x:100:65533:Linux User,,,:/home/app:/sbin/nologin\nops:x:2000:10:Linux User,,,:/home/ops:/bin/ash\n');
    expect(read('/etc/group')).toBe('root:x:0:root\nwheel:x:10:root,ops\nnogroup:x:65533:app\nsvc:x:100:\n');
  });

  it('reports what BusyBox reports: in-use names and ids, unknown groups, non-root callers', async () => {
    const { kernel } = boot();
    const r = await sh(kernel, 'adduser -D root; adduser -D -u 0 x; adduser -D -G nope y; addgroup wheel; addgroup -g 10 staff; addgroup nobody nogroup; addgroup root nope; adduser -D "bad name"; echo $?');
    expect(r.stderr).toBe(
      "adduser: user 'root' in use\nadduser: uid '0' in use\nadduser: unknown group nope\naddgroup: group 'wheel' in use\naddgroup: gid '10' in use\n" +
        'addgroup: unknown group nope\nadduser: illegal character with code 32 at position 3\n',
    );
    expect(await sh(kernel, 'adduser -D z; addgroup g; deluser root; delgroup root', { cred: { uid: 1000, gid: 1000 } })).toMatchObject({
      stderr: 'adduser: permission denied (are you root?)\naddgroup: permission denied (are you root?)\ndeluser: permission denied (are you root?)\ndelgroup: permission denied (are you root?)\n',
    });
  });

  it('deluser removes the user, its memberships and its own group; delgroup refuses a primary group', async () => {
    const { kernel, read } = boot();
    await sh(kernel, 'adduser -D bob && addgroup bob wheel && adduser -D amy && addgroup -g 3000 shared && adduser -D -G shared -H kim');
    expect(read('/etc/group')).toContain('wheel:x:10:root,bob\n');
    const r = await sh(kernel, 'delgroup shared; deluser --remove-home bob; echo $?; ls /home; delgroup amy wheel; delgroup nope; deluser nope');
    expect(r.stdout).toBe('0\namy\n');
    expect(r.stderr).toBe("delgroup: 'kim' still has 'shared' as their primary group!\ndelgroup: unknown group nope\ndeluser: unknown user nope\n");
    expect(read('/etc/passwd')).not.toContain('bob');
    expect(read('/etc/shadow')).not.toContain('bob');
    expect(read('/etc/group')).toBe('root:x:0:root\nwheel:x:10:root\nnogroup:x:65533:\namy:x:1001:\nshared:x:3000:kim\n');
  });
});

describe('passwd and su (texts from the oracle, run in a chroot)', () => {
  it('passwd -d/-l/-u edit the shadow field and the change date; unknown users and non-root callers are refused', async () => {
    const { kernel, read } = boot();
    await sh(kernel, 'adduser -D bob; adduser -D -H nob; sed -i "/^nob:/d" /etc/shadow');
    const r = await sh(kernel, 'passwd -d bob; passwd -l bob; grep bob /etc/shadow; passwd -u bob; passwd -d nobody2; passwd -d nob; grep ^nob: /etc/passwd; passwd -d');
    expect(r.stdout).toBe('bob:!:20779:0:99999:7:::\nnob::1001:1001:Linux User,,,:/home/nob:/bin/ash\n');
    expect(r.stderr.split('\n').slice(0, 6).join('\n')).toBe(
      'passwd: password for bob changed by root\npasswd: password for bob changed by root\npasswd: password for bob changed by root\npasswd: unknown user nobody2\n' +
        'passwd: no record of nob in /etc/shadow, using /etc/passwd\npasswd: password for nob changed by root',
    );
    expect(r.stderr).toContain('Usage: passwd [-a ALG] [-dlu] [USER]');
    expect(read('/etc/shadow')).toContain('bob::20779:0:99999:7:::\n');
    expect(await sh(kernel, 'passwd -d bob', { cred: { uid: 1000, gid: 1000 } })).toEqual({ stdout: '', stderr: 'passwd: must be suid to work properly\n', status: 1 });
    expect(await sh(kernel, 'passwd bob', { stdin: '' })).toEqual({
      stdout: "Changing password for bob\nNew password: \nRetype password: \nPasswords don't match\n",
      stderr: 'passwd: password for bob is unchanged\n',
      status: 1,
    });
  });

  it('su runs a shell as the user with BusyBox\'s environment rules; `su -` starts clean at home', async () => {
    const { kernel } = boot();
    await sh(kernel, 'adduser -D -s /bin/sh bob; addgroup bob wheel; adduser -S -H nob');
    const r = await sh(kernel, 'cd /tmp; su bob -c "id; echo \\$HOME \\$USER \\$LOGNAME \\$SHELL; pwd; echo \\$0"; su bob -c "exit 3"; echo "rc $?"', { env: ['PATH=/bin:/usr/bin', 'TERM=xterm', 'FOO=1'] });
    expect(r.stdout).toBe('uid=1000(bob) gid=1000(bob) groups=10(wheel),1000(bob)\n/home/bob bob bob /bin/sh\n/tmp\nsh\nrc 3\n');
    const l = await sh(kernel, 'su - bob -c "pwd; env | sort"; su -c "echo \\$0 \\$1 \\$2" bob a0 a1 a2', { env: ['PATH=/bin', 'TERM=xterm', 'FOO=1'] });
    expect(l.stdout).toBe('/home/bob\nHOME=/home/bob\nLOGNAME=bob\nPATH=/bin:/usr/bin\nPWD=/home/bob\nSHELL=/bin/sh\nSHLVL=1\nTERM=xterm\nUSER=bob\na0 a1 a2\n');
    const e = await sh(kernel, 'su nobody2; su -s /bin/nope bob -c id; echo "rc $?"; su nob -c id; echo "rc $?"');
    expect(e.stderr).toBe("su: unknown user nobody2\nsu: can't execute '/bin/nope': No such file or directory\n");
    expect(e.stdout).toBe('rc 1\nThis account is not available\nrc 1\n');
    expect(await sh(kernel, 'su bob -c "su -c id root"')).toEqual({ stdout: '', stderr: 'su: must be suid to work properly\n', status: 1 });
    expect((await sh(kernel, 'su bob', { stdin: 'whoami; id -u\n' })).stdout).toBe('bob\n1000\n');
  });
});
