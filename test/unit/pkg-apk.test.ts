import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';

describe('apk', () => {
  it('adds curl with its libraries, as apk prints it, and records it', async () => {
    const { sh, mount } = await container('alpine');
    const r = await sh('apk add curl');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz
fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz
(1/9) Installing brotli-libs (1.1.0-r2)
(2/9) Installing c-ares (1.34.5-r0)
(3/9) Installing libunistring (1.3-r0)
(4/9) Installing libidn2 (2.3.7-r0)
(5/9) Installing libpsl (0.21.5-r3)
(6/9) Installing nghttp2-libs (1.65.0-r0)
(7/9) Installing zstd-libs (1.5.7-r0)
(8/9) Installing libcurl (8.14.1-r2)
(9/9) Installing curl (8.14.1-r2)
Executing busybox-1.37.0-r19.trigger
OK: 12 MiB in 25 packages
`);
    expect(r.status).toBe(0);
    expect(mount.stat('/usr/bin/curl').size).toBe(256 * 1024);
    expect(mount.stat('/usr/lib/libcurl.so.4.8.0').size).toBe(688 * 1024);
    expect(new TextDecoder().decode(mount.readFile('/etc/apk/world'))).toContain('curl\n');
    const db = new TextDecoder().decode(mount.readFile('/lib/apk/db/installed'));
    expect(db).toContain('P:curl\nV:8.14.1-r2\nA:x86_64\nS:146432\nI:262144\n');
    expect(db).toContain('F:usr/bin\nR:curl\n');
    const paths = mount.diff().map((c) => `${c.kind} ${c.path}`);
    expect(paths).toContain('A /usr/bin/curl');
    expect(paths.some((p) => p.startsWith('A /var/cache/apk/APKINDEX.'))).toBe(true);
  });

  it('--no-cache leaves no index behind; unknown packages fail like apk', async () => {
    const { sh, mount } = await container('alpine');
    expect((await sh('apk add --no-cache jq >/dev/null; ls /var/cache/apk | wc -l; jq --version')).stdout).toBe('0\njq 1.8.0-r0\n');
    const r = await sh('apk add nosuch');
    expect(r).toMatchObject({ status: 1, stderr: 'ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n' });
    expect(mount.diff().some((c) => c.path === '/usr/bin/jq')).toBe(true);
  });

  it('del purges the package and the dependencies nothing else needs', async () => {
    const { sh, mount } = await container('alpine');
    await sh('apk add --no-cache curl');
    const r = await sh('apk del curl');
    expect(r.stdout).toBe(`(1/9) Purging curl (8.14.1-r2)
(2/9) Purging libcurl (8.14.1-r2)
(3/9) Purging zstd-libs (1.5.7-r0)
(4/9) Purging nghttp2-libs (1.65.0-r0)
(5/9) Purging libpsl (0.21.5-r3)
(6/9) Purging libidn2 (2.3.7-r0)
(7/9) Purging libunistring (1.3-r0)
(8/9) Purging c-ares (1.34.5-r0)
(9/9) Purging brotli-libs (1.1.0-r2)
Executing busybox-1.37.0-r19.trigger
OK: 7 MiB in 16 packages
`);
    expect(() => mount.lstat('/usr/bin/curl')).toThrow(/ENOENT/);
  });

  it('update stores the indexes; info and search read the database and catalogue', async () => {
    const { sh } = await container('alpine');
    const u = await sh('apk update && du -k /var/cache/apk | tail -n 1');
    expect(u.stdout).toBe(`fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz
fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz
v3.22.2-75-g1d7cd1b02e1 [https://dl-cdn.alpinelinux.org/alpine/v3.22/main]
v3.22.2-76-g5a04e0bd6d2 [https://dl-cdn.alpinelinux.org/alpine/v3.22/community]
OK: 26326 distinct packages available
2032\t/var/cache/apk
`);
    expect((await sh('apk info | head -n 3')).stdout).toBe('alpine-baselayout\nalpine-baselayout-data\nalpine-keys\n');
    expect((await sh('apk add -q bash && apk info -L bash')).stdout).toBe('bash-5.2.37-r0 contains:\nbin/bash\n\n');
    expect((await sh('bash -c "echo via bash"')).stdout).toBe('via bash\n');
    expect((await sh('apk search nginx')).stdout).toBe('nginx-1.28.0-r3\n');
  });

  it('installed programs run what Layerlab simulates and say plainly when it does not', async () => {
    const { sh } = await container('alpine');
    await sh('apk add -q --no-cache python3 vim');
    expect((await sh('python3 -c "print(2**10)"')).stdout).toBe('1024\n');
    expect(await sh('vim --version')).toEqual({ stdout: 'vim 9.1.1415-r0\n', stderr: '', status: 0 });
    expect(await sh('vi x.txt')).toEqual({ stdout: '', stderr: 'vi: Layerlab installs the files of vim 9.1.1415-r0, but does not simulate this program\n', status: 126 });
  }, 30000);

  it('takes global options before the applet and version constraints', async () => {
    const { sh } = await container('alpine');
    const r = await sh('apk --no-cache add tree=2.2.1-r0 && tree --version');
    expect(r.stdout).toBe(`fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/main/x86_64/APKINDEX.tar.gz
fetch https://dl-cdn.alpinelinux.org/alpine/v3.22/community/x86_64/APKINDEX.tar.gz
(1/1) Installing tree (2.2.1-r0)
Executing busybox-1.37.0-r19.trigger
OK: 7 MiB in 17 packages
tree 2.2.1-r0
`);
  });
});
