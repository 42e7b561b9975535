import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { testDeps } from '../../src/engine/deps.ts';
import type { EngineEvent, VizFsOperation } from '../../src/api/index.ts';

async function runIn(engine: ReturnType<typeof createEngine>, cmd: string[]): Promise<string> {
  const { Id } = await engine.containerCreate({ Image: 'busybox', Cmd: cmd });
  const waited = engine.containerWait(Id, 'next-exit');
  await engine.containerStart(Id);
  await waited;
  return Id;
}

describe('viz: layer stack, explorer and copy-on-write data', () => {
  it('lists a container layer with copy-up, whiteout and new files, and publishes /sim/fs facts with its key', async () => {
    const engine = createEngine({ ...testDeps(1), schedule: (fn) => queueMicrotask(fn), preloadImages: ['busybox'] });
    const events: EngineEvent[] = [];
    await engine.subscribe({ topics: ['/sim/fs/'] }, (b) => events.push(...b));
    const id = await runIn(engine, ['sh', '-c', 'echo hi >> /etc/passwd; rm /etc/group; echo new > /tmp/new; rm -r /home; mkdir /home']);
    const stack = await engine.vizLayers({ container: id });
    expect(stack.layers.length).toBeGreaterThan(0);
    expect(stack.layers[0]!.counts.added).toBeGreaterThan(10);
    const byPath = new Map(stack.container!.entries.map((e) => [e.path, e]));
    expect(byPath.get('/etc/passwd')?.change).toBe('changed');
    expect(byPath.get('/etc/group')?.change).toBe('removed');
    expect(byPath.get('/tmp/new')?.change).toBe('added');
    // A directory made again where a lower one was deleted is opaque.
    expect(byPath.get('/home')?.change).toBe('opaque');
    expect(stack.efficiency.score).toBeGreaterThan(0);
    const mine = events.filter((e) => (e.data as { key?: string }).key === id);
    const topics = new Set(mine.map((e) => e.topic));
    expect(topics.has('/sim/fs/copied-up')).toBe(true);
    expect(topics.has('/sim/fs/whiteout-created')).toBe(true);
    expect(topics.has('/sim/fs/opaque-created')).toBe(true);
    expect(topics.has('/sim/fs/looked-up')).toBe(false);
    expect(mine.length).toBeLessThan(200);
  });

  it('publishes no file-system facts for a build’s RUN steps (only containers’ mounts do)', async () => {
    const engine = createEngine({ ...testDeps(1), schedule: (fn) => queueMicrotask(fn), preloadImages: ['busybox'] });
    const events: EngineEvent[] = [];
    await engine.subscribe({ topics: ['/sim/fs/'] }, (b) => events.push(...b));
    await engine.imageBuild({ dockerfileText: 'FROM busybox\nRUN mkdir /d && echo hi > /d/f\n', context: [], tags: ['t'] });
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([]);
  });

  it('explains one copy-up the three drivers’ ways', async () => {
    const engine = createEngine({ ...testDeps(1) });
    const op: VizFsOperation = { op: 'write', path: '/etc/passwd', layer: 0, copiedUp: { path: '/etc/passwd', fromLayer: 0, bytes: 300_000, type: 'file' }, bytes: 10, lowerCount: 3 };
    const [[overlay, aufs, dm]] = await engine.vizStorageDrivers([op]);
    expect(overlay!.copiedBytes).toBe(300_010);
    expect(overlay!.lookups).toBe(4);
    expect(aufs!.steps.map((s) => s.rule)).toContain('aufs.copy-up');
    expect(dm!.copiedBytes).toBe(65536);
    expect(dm!.lookups).toBe(1);
    const [[mkdir, , dmMkdir]] = await engine.vizStorageDrivers([{ op: 'mkdir', path: '/etc/network', layer: null, lowerCount: 1 }]);
    expect(mkdir!.steps.map((s) => s.rule)).toEqual(['overlay2.lookup-miss', 'overlay2.create']);
    expect(mkdir!.lookups).toBe(2);
    expect(dmMkdir!.steps.at(-1)!.rule).toBe('devicemapper.create');
  });
});
