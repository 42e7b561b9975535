import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';

const HEAD = 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n';

describe('apt-get', () => {
  it('cannot find packages before apt-get update (the lists are missing)', async () => {
    const { sh } = await container('debian');
    expect(await sh('apt-get install -y curl')).toEqual({ stdout: HEAD, stderr: 'E: Unable to locate package curl\n', status: 100 });
  });

  it('update writes the lists; install prints apt and dpkg lines and writes the files', async () => {
    const { sh, mount } = await container('debian');
    const u = await sh('apt-get update');
    expect(u.stdout).toBe(`Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]
Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]
Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]
Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8793 kB]
Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [6924 B]
Get:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [283 kB]
Fetched 9337 kB in 1s (9337 kB/s)
Reading package lists...
`);
    expect(mount.stat('/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4').size).toBe(17_360_000);
    const r = await sh('apt-get install -y --no-install-recommends jq');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${HEAD}The following additional packages will be installed:
  libjq1 libonig5
The following NEW packages will be installed:
  jq libjq1 libonig5
0 upgraded, 3 newly installed, 0 to remove and 0 not upgraded.
Need to get 386 kB of archives.
After this operation, 1211 kB of additional disk space will be used.
Get:1 http://deb.debian.org/debian bookworm/main amd64 libonig5 amd64 6.9.8-1 [187 kB]
Get:2 http://deb.debian.org/debian bookworm/main amd64 libjq1 amd64 1.6-2.1 [135 kB]
Get:3 http://deb.debian.org/debian bookworm/main amd64 jq amd64 1.6-2.1 [64.0 kB]
Fetched 386 kB in 1s (386 kB/s)
Selecting previously unselected package libonig5:amd64.
(Reading database ... 6090 files and directories currently installed.)
Preparing to unpack .../0-libonig5_6.9.8-1_amd64.deb ...
Unpacking libonig5:amd64 (6.9.8-1) ...
Selecting previously unselected package libjq1:amd64.
Preparing to unpack .../1-libjq1_1.6-2.1_amd64.deb ...
Unpacking libjq1:amd64 (1.6-2.1) ...
Selecting previously unselected package jq.
Preparing to unpack .../2-jq_1.6-2.1_amd64.deb ...
Unpacking jq (1.6-2.1) ...
Setting up libonig5:amd64 (6.9.8-1) ...
Setting up libjq1:amd64 (1.6-2.1) ...
Setting up jq (1.6-2.1) ...
Processing triggers for libc-bin (2.36-9+deb12u13) ...
`);
    expect(mount.stat('/usr/bin/jq').size).toBe(102 * 1024 - 4096);
    expect((await sh('dpkg -L jq')).stdout).toBe('/.\n/usr\n/usr/bin\n/usr/share\n/usr/share/doc\n/usr/share/doc/jq\n/usr/bin/jq\n/usr/share/doc/jq/copyright\n');
    expect((await sh('dpkg -s jq | head -n 2; dpkg -l jq | tail -n 1')).stdout).toBe('Package: jq\nStatus: install ok installed\nii  jq   1.6-2.1 amd64        lightweight and flexible command-line JSON processor\n');
    expect((await sh('jq --version')).stdout).toBe('jq 1.6-2.1\n');
    expect(new TextDecoder().decode(mount.readFile('/var/lib/apt/extended_states'))).toBe('Package: libjq1\nArchitecture: amd64\nAuto-Installed: 1\n\nPackage: libonig5\nArchitecture: amd64\nAuto-Installed: 1\n\n');
  });

  it('asks before installing extra packages and aborts without -y on a closed stdin', async () => {
    const { sh } = await container('debian');
    const r = await sh('apt-get update >/dev/null && apt-get install jq');
    expect(r.status).toBe(1);
    expect(r.stdout.endsWith('After this operation, 1211 kB of additional disk space will be used.\nDo you want to continue? [Y/n] Abort.\n')).toBe(true);
  });

  it('installs recommends by default; remove leaves the dependencies; autoremove takes them', async () => {
    const { sh, mount } = await container('debian');
    const r = await sh('apt-get update >/dev/null && apt-get install -y curl | grep -E "newly installed|^Need|^After"');
    expect(r.stdout).toBe('0 upgraded, 22 newly installed, 0 to remove and 0 not upgraded.\nNeed to get 6104 kB of archives.\nAfter this operation, 16.2 MB of additional disk space will be used.\n');
    const rm = await sh('apt-get remove -y curl');
    expect(rm.stdout).toContain("Use 'apt-get autoremove' to remove them.\nThe following packages will be REMOVED:\n  curl\n0 upgraded, 0 newly installed, 1 to remove and 0 not upgraded.\nAfter this operation, 511 kB disk space will be freed.\n");
    expect(rm.stdout).toContain('Removing curl (7.88.1-10+deb12u14) ...\n');
    expect(() => mount.lstat('/usr/bin/curl')).toThrow(/ENOENT/);
    expect(mount.stat('/usr/lib/x86_64-linux-gnu/libcurl.so.4.8.0').size).toBeGreaterThan(0);
    const ar = await sh('apt-get autoremove -y | grep -c "^Removing"; ls /usr/lib/x86_64-linux-gnu | grep -c curl');
    expect(ar.stdout).toBe('21\n0\n');
    expect(mount.stat('/usr/share/doc').type).toBe('dir');
    expect(mount.diff().map((c) => `${c.kind} ${c.path}`).filter((l) => l.startsWith('D '))).toEqual([]);
  });

  it('apt warns that its CLI is not stable; clean removes downloaded archives', async () => {
    const { sh } = await container('ubuntu');
    const r = await sh('apt update 2>&1 >/dev/null');
    expect(r.stdout).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
    expect((await sh('apt-get update | head -n 1')).stdout).toBe('Hit:1 http://archive.ubuntu.com/ubuntu noble InRelease\n');
  });
});
