import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/deps.ts';
import { MemFs } from '../../src/engine/fs/mem-fs.ts';
import { expectErrno, vfsContract } from './fs-vfs-contract.ts';

vfsContract('MemFs', ({ clock, quotaBytes }) => new MemFs(quotaBytes === undefined ? { clock } : { clock, quotaBytes }));

describe('MemFs specifics', () => {
  it('creates chardev 0/0, the form of an overlay whiteout', () => {
    const fs = new MemFs({ clock: new ManualClock() });
    fs.mknod('/wh', 0o020000, 0);
    expect([fs.lstat('/wh').type, fs.lstat('/wh').rdev]).toEqual(['chardev', 0]);
  });

  it('stores extended attributes per inode, not following symlinks', () => {
    const fs = new MemFs({ clock: new ManualClock() });
    fs.mkdir('/d');
    fs.setxattr('/d', 'trusted.overlay.opaque', Uint8Array.of(0x79));
    expect(fs.getxattr('/d', 'trusted.overlay.opaque')).toEqual(Uint8Array.of(0x79));
    expect(fs.listxattr('/d')).toEqual(['trusted.overlay.opaque']);
    fs.removexattr('/d', 'trusted.overlay.opaque');
    expect(fs.getxattr('/d', 'trusted.overlay.opaque')).toBeUndefined();
    expectErrno(() => fs.getxattr('/nope', 'x'), 'ENOENT');
  });

  it('never aliases caller buffers', () => {
    const fs = new MemFs({ clock: new ManualClock() });
    const data = Uint8Array.of(1, 2, 3);
    fs.writeFile('/f', data);
    data[0] = 9;
    const out = fs.readFile('/f');
    out[1] = 9;
    expect([...fs.readFile('/f')]).toEqual([1, 2, 3]);
  });

  it('inherits the group of a set-group-ID directory', () => {
    const fs = new MemFs({ clock: new ManualClock() });
    fs.mkdir('/g');
    fs.chown('/g', 0, 50);
    fs.chmod('/g', 0o2775);
    fs.writeFile('/g/f', new Uint8Array(0));
    fs.mkdir('/g/sub');
    expect(fs.stat('/g/f').gid).toBe(50);
    expect(fs.stat('/g/sub').mode & 0o7777).toBe(0o2755);
  });
});
