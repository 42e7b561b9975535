import { describe, expect, it } from 'vitest';
import { container } from './pkg-fixture.ts';

describe('yum / dnf', () => {
  it('installs with a transaction table, records the rpm database, caches metadata until clean all', async () => {
    const { sh, mount } = await container('centos');
    const r = await sh('yum install -y jq');
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').slice(0, 14).join('\n')).toBe(`CentOS Linux 8 - AppStream                      5.0 MB/s | 8.4 MB     00:01    
CentOS Linux 8 - BaseOS                         2.6 MB/s | 4.4 MB     00:01    
CentOS Linux 8 - Extras                         5.9 kB/s | 9.8 kB     00:01    
Dependencies resolved.
================================================================================
 Package           Architecture  Version                                  Repository   Size
================================================================================
Installing:
 jq                x86_64        1.5-12.el8                               appstream   161 k
Installing dependencies:
 oniguruma         x86_64        6.8.2-2.el8                              appstream   188 k

Transaction Summary
================================================================================`);
    expect(r.stdout).toContain('Install  2 Packages\n\nTotal download size: 349 k\nInstalled size: 1.3 M\n');
    expect(r.stdout.endsWith('Installed:\n  jq-1.5-12.el8.x86_64\n  oniguruma-6.8.2-2.el8.x86_64\n\nComplete!\n')).toBe(true);
    expect((await sh('jq --version; grep jq /var/lib/rpm/Packages')).stdout).toBe('jq 1.5-12.el8\njq-1.5-12.el8.x86_64\n');
    expect(mount.stat('/usr/bin/jq').size).toBe(720 * 1024);
    expect((await sh('dnf install -y jq | tail -n 3')).stdout).toBe('Dependencies resolved.\nNothing to do.\nComplete!\n');
    expect((await sh('yum clean all; ls /var/cache/dnf | wc -l')).stdout).toBe('3 files removed\n0\n');
  });

  it('fails like dnf for unknown packages', async () => {
    const { sh } = await container('centos');
    const r = await sh('yum install -y -q nosuch');
    expect(r).toEqual({ stdout: 'No match for argument: nosuch\n', stderr: 'Error: Unable to find a match: nosuch\n', status: 1 });
  });
});
