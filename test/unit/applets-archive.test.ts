import { describe, expect, it } from 'vitest';
import { bootUserspace, sh, writeText } from '../helpers/userspace.ts';

/** What the BusyBox goldens cannot record: Alpine-only flags and Layerlab's missing codecs. */
describe('archive applets', () => {
  it('tar --exclude (Alpine BusyBox) skips matching members and what is below them', async () => {
    const { kernel, vfs } = bootUserspace();
    await sh(kernel, 'mkdir -p /w/app/node_modules/x /w/app/src && echo 1 > /w/app/src/a.js && echo 2 > /w/app/node_modules/x/i.js && echo 3 > /w/app/debug.log');
    const r = await sh(kernel, 'tar czf /t.tgz --exclude node_modules --exclude "*.log" -C /w app && tar tzf /t.tgz', { cwd: '/' });
    expect(r).toEqual({ stdout: 'app/\napp/src/\napp/src/a.js\n', stderr: '', status: 0 });
    writeText(vfs, '/w/keep', 'k\n');
    expect((await sh(kernel, 'tar cf - --exclude=w/app w | tar tf -', { cwd: '/' })).stdout).toBe('w/\nw/keep\n');
  });

  it('round-trips gzip through a pipe and names bzip2/xz as unavailable', async () => {
    const { kernel } = bootUserspace();
    expect((await sh(kernel, 'seq 1 5000 | gzip | gzip -d | tail -n 1')).stdout).toBe('5000\n');
    expect(await sh(kernel, 'echo x | bzip2; tar cjf /x.tbz /etc; echo $?')).toEqual({
      stdout: '1\n',
      stderr: "bzip2: bzip2 (de)compression is not available in Layerlab's BusyBox (only gzip is)\ntar: bzip2 (de)compression is not available in Layerlab's BusyBox (only gzip is)\n",
      status: 0,
    });
  });

  it('tar x restores owners by name when /etc/passwd knows them, and a gzip archive is recognised without -z', async () => {
    const { kernel, vfs } = bootUserspace();
    writeText(vfs, '/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n');
    writeText(vfs, '/etc/group', 'root:x:0:\napp:x:1000:\n');
    await sh(kernel, 'mkdir /d && echo hi > /d/f && chown 1000:1000 /d/f && tar czf /a.tgz -C / d');
    writeText(vfs, '/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\napp:x:2000:2000::/home/app:/bin/sh\n');
    writeText(vfs, '/etc/group', 'root:x:0:\napp:x:2000:\n');
    expect((await sh(kernel, 'mkdir /o && tar xf /a.tgz -C /o && stat -c "%u:%g %a" /o/d/f')).stdout).toBe('2000:2000 644\n');
    expect((await sh(kernel, 'mkdir /n && tar xf /a.tgz -C /n --numeric-owner && stat -c "%u:%g" /n/d/f')).stdout).toBe('1000:1000\n');
  });
});
