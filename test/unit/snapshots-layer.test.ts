import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { packTar } from 'modern-tar';
import { describe, expect, it } from 'vitest';
import { ContentStore } from '../../src/engine/content/store.ts';
import { ManualClock } from '../../src/engine/deps.ts';
import type { LayerEntry } from '../../src/engine/fs/changes.ts';
import { entriesToTar, tarToEntries } from '../../src/engine/fs/layer-tar.ts';
import { EMPTY_LAYER_DIFF_ID, sha256Digest } from '../../src/engine/oci/digest.ts';
import { createLayer, layerBlob, layerFromTar, layerTar } from '../../src/engine/snapshots/layer.ts';
import { EMPTY_VIEW } from '../../src/engine/snapshots/lower-view.ts';
import { UnionMount } from '../../src/engine/snapshots/union-mount.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const T = Date.UTC(2026, 0, 2);
const m = { uid: 0, gid: 0, mtimeMs: T };
const entries: LayerEntry[] = [
  { ...m, kind: 'dir', path: 'etc', mode: 0o755 },
  { ...m, kind: 'file', path: 'etc/passwd', mode: 0o644, data: enc('root:x:0:0\n') },
  { ...m, kind: 'hardlink', path: 'etc/passwd-', mode: 0o644, target: 'etc/passwd' },
  { ...m, kind: 'symlink', path: 'etc/mtab', mode: 0o777, target: '/proc/mounts' },
  { ...m, kind: 'whiteout', path: 'etc/shadow', mode: 0o600 },
  { ...m, kind: 'dir', path: 'var', mode: 0o755 },
  { ...m, kind: 'opaque', path: 'var', mode: 0o755 },
  { ...m, kind: 'file', path: 'usr/bin/su', mode: 0o4755, uid: 0, gid: 0, data: enc('#!') },
];

describe('Layer tar export/import', () => {
  it('gives the empty layer its well-known diffId', async () => {
    const layer = await createLayer([]);
    expect(layer.diffId).toBe(EMPTY_LAYER_DIFF_ID);
    expect(layer.size).toBe(1024);
  });

  it('is deterministic: same content in any order → same diffId and digest', async () => {
    const a = await createLayer(entries);
    const b = await createLayer([...entries].reverse());
    expect(b.diffId).toBe(a.diffId);
    expect(b.digest).toBe(a.digest);
    const blob = await layerBlob(a);
    expect(sha256Digest(blob)).toBe(a.digest);
    expect([...blob.subarray(4, 8)]).toEqual([0, 0, 0, 0]); // gzip header mtime 0
    expect(sha256Digest(gunzipSync(blob))).toBe(a.diffId);
    const changed = await createLayer(entries.map((e) => (e.path === 'etc/passwd' ? { ...e, mtimeMs: T + 1000 } : e)));
    expect(changed.diffId).not.toBe(a.diffId);
  });

  it('orders entries depth-first with opaque markers and whiteouts before siblings', async () => {
    const tar = await entriesToTar(entries);
    const names = (await tarToEntries(tar)).map((e) => `${e.kind} ${e.path}`);
    expect(names).toEqual([
      'dir etc',
      'whiteout etc/shadow',
      'symlink etc/mtab',
      'file etc/passwd',
      'hardlink etc/passwd-',
      'file usr/bin/su',
      'dir var',
      'opaque var',
    ]);
  });

  it('round-trips through tar with modes, owners, links and OCI whiteout names', async () => {
    const a = await createLayer(entries);
    const tar = await layerTar(a);
    const back = await layerFromTar(tar);
    expect(back.diffId).toBe(a.diffId);
    expect(back.entries).toEqual(a.entries);
    const su = back.entries.find((e) => e.path === 'usr/bin/su')!;
    expect(su.mode).toBe(0o4755);
  });

  it('puts a hard link after the name it links to, whatever the input order', async () => {
    const layer = await createLayer([
      { ...m, kind: 'hardlink', path: 'a/link', mode: 0, target: 'z/file' },
      { ...m, kind: 'dir', path: 'a', mode: 0o755 },
      { ...m, kind: 'dir', path: 'z', mode: 0o755 },
      { ...m, kind: 'file', path: 'z/file', mode: 0o640, data: enc('data') },
    ]);
    const files = layer.entries.filter((e) => e.kind === 'file' || e.kind === 'hardlink');
    expect(files.map((e) => `${e.kind} ${e.path} ${e.target ?? ''} ${e.mode.toString(8)}`)).toEqual(['file a/link  640', 'hardlink z/file a/link 640']);
    expect(new TextDecoder().decode(files[0]!.data)).toBe('data');
  });

  it('keeps the ids of foreign bytes it imports', async () => {
    const foreign = await packTar([{ header: { name: 'b.txt', size: 1, type: 'file', mtime: new Date(T), mode: 0o644 }, body: 'b' }]);
    const store = new ContentStore();
    const layer = await layerFromTar(foreign, store);
    expect(layer.diffId).toBe(sha256Digest(foreign));
    expect(await layerTar(layer, store)).toEqual(foreign);
  });

  it('writes archives GNU tar reads, with .wh. whiteouts', async () => {
    const tarBin = spawnSync('tar', ['--version']);
    if (tarBin.status !== 0) return; // GNU tar is part of every CI image we use; absent only on exotic hosts
    const dir = mkdtempSync(join(tmpdir(), 'layerlab-tar-'));
    try {
      writeFileSync(join(dir, 'layer.tar'), await entriesToTar(entries));
      const list = spawnSync('tar', ['-tvf', join(dir, 'layer.tar')], { encoding: 'utf8' });
      expect(list.status).toBe(0);
      expect(list.stdout).toContain('etc/.wh.shadow');
      expect(list.stdout).toContain('var/.wh..wh..opq');
      expect(list.stdout).toMatch(/-rwsr-xr-x .* usr\/bin\/su/);
      expect(list.stdout).toMatch(/etc\/passwd- link to etc\/passwd/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('commits a union mount upper into a layer with whiteouts and opaque dirs', async () => {
    const lower = await createLayer(entries.filter((e) => e.kind !== 'whiteout' && e.kind !== 'opaque'));
    const { buildView } = await import('../../src/engine/snapshots/lower-view.ts');
    const u = new UnionMount({ lower: buildView([lower.entries]), clock: new ManualClock(T) });
    u.unlink('/etc/passwd');
    u.writeFile('/etc/new', enc('n'));
    u.rmdir('/var');
    u.mkdir('/var');
    const layer = await createLayer(u.changes());
    expect(layer.entries.map((e) => `${e.kind} ${e.path}`)).toEqual(['dir etc', 'whiteout etc/passwd', 'file etc/new', 'dir var', 'opaque var']);
    expect(EMPTY_VIEW.depth).toBe(0);
  });
});
