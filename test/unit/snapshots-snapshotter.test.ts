/**
 * The snapshotter contract, as one suite (containerd's testsuite.go in
 * spirit) that every Snapshotter implementation runs.
 */
import { describe, expect, it } from 'vitest';
import { isEngineError } from '../../src/api/index.ts';
import type { ErrorCode } from '../../src/api/index.ts';
import { ContentStore } from '../../src/engine/content/store.ts';
import { ManualClock } from '../../src/engine/deps.ts';
import type { LayerEntry } from '../../src/engine/fs/changes.ts';
import { chainIdOf } from '../../src/engine/oci/chain-id.ts';
import { createLayer } from '../../src/engine/snapshots/layer.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';
import { expectErrno } from './fs-vfs-contract.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const m = { uid: 0, gid: 0, mtimeMs: Date.UTC(2026, 0, 1) };

async function expectCode(fn: () => unknown, code: ErrorCode): Promise<void> {
  let err: unknown;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  expect(isEngineError(err) ? err.code : err).toBe(code);
}

export function snapshotterSuite(name: string, factory: () => Snapshotter): void {
  describe(`Snapshotter contract: ${name}`, () => {
    const base: LayerEntry[] = [
      { ...m, kind: 'dir', path: 'dir', mode: 0o755 },
      { ...m, kind: 'file', path: 'dir/a', mode: 0o644, data: enc('a') },
      { ...m, kind: 'file', path: 'dir/b', mode: 0o644, data: enc('b') },
      { ...m, kind: 'file', path: 'top', mode: 0o644, data: enc('top') },
    ];

    it('stacks layers by chainId and commits an active snapshot', async () => {
      const sn = factory();
      const l0 = await createLayer(base);
      const c0 = sn.applyLayer(l0);
      expect(c0).toBe(l0.diffId);
      expect(sn.applyLayer(l0)).toBe(c0);
      const work = sn.prepare('work', c0);
      work.writeFile('/new', enc('new'));
      const l1 = await sn.commit('c1', 'work');
      expect(sn.diffIds('c1')).toEqual([l0.diffId, l1.diffId]);
      expect(sn.stat('c1')).toMatchObject({ kind: 'committed', parent: c0 });
      await expectCode(() => sn.stat('work'), 'NotFound');
      const v = sn.view('v', 'c1');
      expect(dec(v.readFile('/new'))).toBe('new');
      expect(dec(v.readFile('/dir/a'))).toBe('a');
      expectErrno(() => v.writeFile('/x', enc('')), 'EROFS');
      expect(chainIdOf(c0, l1.diffId)).toMatch(/^sha256:/);
    });

    it('removes a directory of a lower layer in a child (checkRemoveDirectoryInLowerLayer)', async () => {
      const sn = factory();
      const c0 = sn.applyLayer(await createLayer(base));
      const a = sn.prepare('a', c0);
      for (const n of ['a', 'b']) a.unlink(`/dir/${n}`);
      a.rmdir('/dir');
      await sn.commit('c1', 'a');
      const v = sn.view('v', 'c1');
      expectErrno(() => v.stat('/dir'), 'ENOENT');
      expect(v.readdir('/').map((e) => e.name)).toEqual(['top']);
    });

    it('hides files deleted in a child snapshot (checkDeletedFilesInChildSnapshot)', async () => {
      const sn = factory();
      const c0 = sn.applyLayer(await createLayer(base));
      const a = sn.prepare('a', c0);
      a.unlink('/top');
      a.mkdir('/dir2');
      await sn.commit('c1', 'a');
      const b = sn.prepare('b', 'c1');
      expectErrno(() => b.stat('/top'), 'ENOENT');
      b.writeFile('/top', enc('again'));
      await sn.commit('c2', 'b');
      expect(dec(sn.view('v', 'c2').readFile('/top'))).toBe('again');
    });

    it('keeps mounts independent and lowers shared', async () => {
      const sn = factory();
      const c0 = sn.applyLayer(await createLayer(base));
      const x = sn.prepare('x', c0);
      const y = sn.prepare('y', c0);
      x.writeFile('/top', enc('x'));
      expect(dec(y.readFile('/top'))).toBe('top');
      expect(x.lower).toBe(y.lower);
      expect(sn.usage('x').size).toBe(1);
    });

    it('enforces the lifecycle with errdefs codes', async () => {
      const sn = factory();
      const c0 = sn.applyLayer(await createLayer(base));
      sn.prepare('k', c0);
      await expectCode(() => sn.prepare('k', c0), 'Conflict');
      await expectCode(() => sn.prepare('k2', 'nope'), 'NotFound');
      await expectCode(() => sn.prepare('k3', 'k'), 'NotFound');
      sn.view('v', c0);
      await expectCode(() => sn.commit('cv', 'v'), 'InvalidParameter');
      await expectCode(() => sn.commit('c0x', 'missing'), 'NotFound');
      await expectCode(() => sn.remove(c0), 'Conflict');
      sn.remove('k');
      sn.remove('v');
      sn.remove(c0);
      expect(sn.walk()).toEqual([]);
      await expectCode(() => sn.remove(c0), 'NotFound');
    });
  });
}

snapshotterSuite('in-memory union snapshotter', () => new Snapshotter({ clock: new ManualClock(), content: new ContentStore() }));
