import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/deps.ts';
import type { LayerEntry } from '../../src/engine/fs/changes.ts';
import { formatChanges } from '../../src/engine/fs/changes.ts';
import { O_RDONLY, O_WRONLY } from '../../src/engine/fs/vfs.ts';
import { EMPTY_VIEW, buildView } from '../../src/engine/snapshots/lower-view.ts';
import { isOpaqueInode, isWhiteoutInode } from '../../src/engine/snapshots/overlay-xattrs.ts';
import { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import { expectErrno, vfsContract } from './fs-vfs-contract.ts';

vfsContract('UnionMount (empty lower)', ({ clock, quotaBytes }) =>
  new UnionMount(quotaBytes === undefined ? { lower: EMPTY_VIEW, clock } : { lower: EMPTY_VIEW, clock, quotaBytes }),
);

vfsContract('UnionMount (over a populated lower)', ({ clock, quotaBytes }) => {
  const lower = buildView([[{ kind: 'dir', path: 'opt', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 }, { kind: 'file', path: 'opt/x', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, data: Uint8Array.of(1) }]]);
  return new UnionMount(quotaBytes === undefined ? { lower, clock } : { lower, clock, quotaBytes });
});

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const base = { uid: 0, gid: 0, mtimeMs: 1_000_000 };
const dir = (path: string, mode = 0o755): LayerEntry => ({ ...base, kind: 'dir', path, mode });
const file = (path: string, text: string, mode = 0o644): LayerEntry => ({ ...base, kind: 'file', path, mode, data: enc(text) });
const opaque = (path: string): LayerEntry => ({ ...base, kind: 'opaque', path, mode: 0o755 });
const hardlink = (path: string, target: string): LayerEntry => ({ ...base, kind: 'hardlink', path, mode: 0o644, target });
const whiteout = (path: string): LayerEntry => ({ ...base, kind: 'whiteout', path, mode: 0o600 });

function mount(layers: LayerEntry[][], events?: { topic: string; data: unknown }[]) {
  const clock = new ManualClock();
  const m = new UnionMount({
    lower: buildView(layers),
    clock,
    layerIds: layers.map((_, i) => `sha256:${String(i).repeat(64)}`),
    ...(events ? { events: (topic: string, data: unknown) => void events.push({ topic, data }) } : {}),
  });
  return { m, clock };
}

describe('UnionMount overlay semantics', () => {
  const image: LayerEntry[][] = [
    [dir('etc'), file('etc/passwd', 'root:x:0:0\n'), file('etc/hosts', 'localhost\n'), dir('usr'), dir('usr/bin'), file('usr/bin/sh', '#!')],
    [file('etc/passwd', 'root:x:0:0\nuser:x:1000\n', 0o600), whiteout('etc/hosts')],
  ];

  it('looks up top-down and hides whited-out lower entries', () => {
    const { m } = mount(image);
    expect(dec(m.readFile('/etc/passwd'))).toContain('user:x');
    expect(m.stat('/etc/passwd').mode & 0o777).toBe(0o600);
    expectErrno(() => m.stat('/etc/hosts'), 'ENOENT');
    expect(m.readdir('/etc').map((e) => e.name)).toEqual(['passwd']);
    const t = m.trace('/etc/passwd');
    expect([t.layer, t.shadows]).toEqual([1, [0]]);
    expect(m.trace('/etc/hosts').whiteout).toBe(1);
  });

  it('copies up data and metadata on first write, leaving the lower untouched', () => {
    const events: { topic: string; data: unknown }[] = [];
    const { m } = mount(image, events);
    const other = new UnionMount({ lower: m.lower, clock: new ManualClock() });
    m.writeFile('/usr/bin/sh', enc('patched'));
    expect(dec(m.readFile('/usr/bin/sh'))).toBe('patched');
    expect(dec(other.readFile('/usr/bin/sh'))).toBe('#!');
    expect(m.upper.lstat('/usr').type).toBe('dir');
    expect(m.trace('/usr/bin/sh')).toMatchObject({ layer: 'upper', copiedUp: true, shadows: [0] });
    const copied = events.filter((e) => e.topic === '/sim/fs/copied-up').map((e) => e.data);
    expect(copied).toEqual([
      expect.objectContaining({ path: '/usr', fromLayer: 0, bytes: 0 }),
      expect.objectContaining({ path: '/usr/bin', fromLayer: 0 }),
      expect.objectContaining({ path: '/usr/bin/sh', fromLayer: 0, bytes: 2 }),
    ]);
    expect(formatChanges(m.diff())).toEqual(['C /usr/bin/sh']);
  });

  it('copies up on chmod, chown, truncate and open-for-write, but not on read', () => {
    const { m } = mount(image);
    m.close(m.open('/etc/passwd', O_RDONLY));
    m.readFile('/etc/passwd');
    expect(m.upper.readdir('/')).toEqual([]);
    m.chmod('/etc/passwd', 0o4640);
    expect(m.upper.stat('/etc/passwd').mode & 0o7777).toBe(0o4640);
    m.chown('/usr/bin/sh', 5, 6);
    expect(m.upper.stat('/usr/bin/sh').uid).toBe(5);
    m.truncate('/etc/passwd', 4);
    expect(dec(m.readFile('/etc/passwd'))).toBe('root');
    const { m: m2 } = mount(image);
    m2.close(m2.open('/usr/bin/sh', O_WRONLY));
    expect(m2.upper.lstat('/usr/bin/sh').type).toBe('file');
  });

  it('leaves whiteouts for deleted lower entries and makes dirs opaque after rm -r + mkdir', () => {
    const events: { topic: string; data: unknown }[] = [];
    const { m } = mount(image, events);
    m.unlink('/usr/bin/sh');
    m.rmdir('/usr/bin');
    expect(isWhiteoutInode(m.upper.inodeAt('/usr/bin')!)).toBe(true);
    expect(m.upper.inodeAt('/usr/bin/sh')).toBeUndefined();
    m.mkdir('/usr/bin');
    expect(isOpaqueInode(m.upper.inodeAt('/usr/bin')!)).toBe(true);
    expect(m.readdir('/usr/bin')).toEqual([]);
    expect(events.map((e) => e.topic)).toContain('/sim/fs/opaque-created');
    expect(events.filter((e) => e.topic === '/sim/fs/whiteout-created')).toHaveLength(2);
    expect(formatChanges(m.diff())).toEqual(['C /usr', 'D /usr/bin']);
    m.writeFile('/new', enc('x'));
    m.unlink('/new');
    expect(m.upper.inodeAt('/new')).toBeUndefined();
  });

  it('refuses to rename a lower directory with EXDEV but moves files and upper dirs', () => {
    const { m } = mount(image);
    expectErrno(() => m.rename('/usr', '/opt'), 'EXDEV');
    m.rename('/etc/passwd', '/passwd');
    expect(isWhiteoutInode(m.upper.inodeAt('/etc/passwd')!)).toBe(true);
    expect(dec(m.readFile('/passwd'))).toContain('root');
    m.mkdir('/tmp');
    m.mkdir('/tmp/a');
    m.rename('/tmp/a', '/etc/a');
    expect(isOpaqueInode(m.upper.inodeAt('/etc/a')!)).toBe(true);
  });

  it('breaks lower hard links on copy-up (index=off)', () => {
    const { m } = mount([[file('a', 'one'), hardlink('b', 'a')]]);
    expect(m.stat('/a').nlink).toBe(2);
    m.writeFile('/a', enc('two'));
    expect(dec(m.readFile('/b'))).toBe('one');
    expect(m.stat('/a').nlink).toBe(1);
    m.link('/b', '/c');
    expect(m.stat('/c').nlink).toBe(2);
    expect(dec(m.readFile('/c'))).toBe('one');
  });

  it('merges directories, hiding lower children behind an opaque layer', () => {
    const { m } = mount([
      [dir('d'), file('d/x', 'x'), file('d/y', 'y')],
      [dir('d'), opaque('d'), file('d/z', 'z')],
      [file('d/w', 'w')],
    ]);
    expect(m.readdir('/d').map((e) => e.name)).toEqual(['w', 'z']);
    expect(m.trace('/d').opaque).toBe(1);
    m.writeFile('/d/v', enc('v'));
    expect(m.readdir('/d').map((e) => e.name)).toEqual(['v', 'w', 'z']);
    expect(m.stat('/d').nlink).toBe(1);
  });

  it('traces through symlinked parents and commits the upper into a layer', async () => {
    const { m } = mount(image);
    m.symlink('/etc', '/conf');
    expect(m.trace('/conf/passwd')).toMatchObject({ path: '/etc/passwd', layer: 1 });
    expect(m.trace('/conf')).toMatchObject({ path: '/conf', layer: 'upper', copiedUp: false });
    m.unlink('/usr/bin/sh');
    const layer = await m.commit();
    expect(layer.entries.map((e) => `${e.kind} ${e.path}`)).toEqual(['symlink conf', 'dir usr', 'dir usr/bin', 'whiteout usr/bin/sh']);
    expect(layer.diffId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('fails a copy-up that exceeds the upper quota with ENOSPC, leaving the lower visible', () => {
    const big = [[dir('data'), { ...base, kind: 'file', path: 'data/blob', mode: 0o644, data: new Uint8Array(1000) } as LayerEntry]];
    const m = new UnionMount({ lower: buildView(big), clock: new ManualClock(), quotaBytes: 500 });
    expectErrno(() => m.chmod('/data/blob', 0o600), 'ENOSPC');
    expect(m.stat('/data/blob').size).toBe(1000);
    expect(m.stat('/data/blob').mode & 0o777).toBe(0o644);
    expect(m.upper.readdir('/data')).toEqual([]);
    m.writeFile('/data/small', new Uint8Array(100));
    expect(m.upper.usedBytes).toBe(100);
  });

  it('is read-only as a view', () => {
    const m = new UnionMount({ lower: buildView(image), clock: new ManualClock(), readOnly: true });
    expectErrno(() => m.writeFile('/x', enc('')), 'EROFS');
    expectErrno(() => m.unlink('/etc/passwd'), 'EROFS');
    expect(dec(m.readFile('/usr/bin/sh'))).toBe('#!');
  });

  it('reports failures as events with the errno', () => {
    const events: { topic: string; data: unknown }[] = [];
    const { m } = mount(image, events);
    expectErrno(() => m.stat('/nope'), 'ENOENT');
    expect(events.at(-1)).toEqual({ topic: '/sim/fs/failed', data: { op: 'stat', path: '/nope', errno: 'ENOENT' } });
    m.stat('/etc/passwd');
    expect(events.at(-1)?.data).toMatchObject({ op: 'stat', layer: 1, layerId: `sha256:${'1'.repeat(64)}` });
  });
});

describe('UnionMount device nodes', () => {
  it('refuses to create a chardev 0/0, which would be a whiteout', () => {
    const m = new UnionMount({ lower: EMPTY_VIEW, clock: new ManualClock() });
    expectErrno(() => m.mknod('/wh', 0o020000, 0), 'EPERM');
  });
});
