import { describe, expect, it } from 'vitest';
import { createEngine, openState, testDeps } from '../../src/engine/index.ts';
import { EngineError } from '../../src/api/index.ts';

describe('createEngine', () => {
  it('answers ping, version and info like dockerd 28', async () => {
    const engine = createEngine(testDeps());
    expect(await engine.ping()).toBe('OK');
    const v = await engine.version();
    expect(v.Version).toBe('28.5.2');
    expect(v.ApiVersion).toBe('1.51');
    const info = await engine.info();
    expect(info.Driver).toBe('overlay2');
    expect(info.ID).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  it('is deterministic under test deps', async () => {
    const a = await createEngine(testDeps(7)).info();
    const b = await createEngine(testDeps(7)).info();
    const c = await createEngine(testDeps(8)).info();
    expect(a.ID).toBe(b.ID);
    expect(a.ID).not.toBe(c.ID);
    expect(a.SystemTime).toBe('2026-01-01T00:00:00.000000000Z');
  });

  it('round-trips its state through the sealed document and rejects corruption', async () => {
    const engine = createEngine(testDeps(3));
    const doc = await engine.exportState();
    const body = await openState(JSON.parse(JSON.stringify(doc)));
    const again = createEngine({ ...testDeps(99), state: body });
    expect((await again.info()).ID).toBe((await engine.info()).ID);

    const tampered = { ...doc, body: { ...doc.body, daemonId: 'X' } };
    await expect(openState(tampered)).rejects.toMatchObject({ code: 'DataLoss' });
    await expect(openState({ ...doc, version: 999 })).rejects.toBeInstanceOf(EngineError);
    await expect(openState('nonsense')).rejects.toMatchObject({ code: 'DataLoss' });
  });
});

describe('engine events', () => {
  it('publishes each API call as a fact and delivers one batch per turn', async () => {
    const engine = createEngine(testDeps());
    const batches: { topic: string; data: unknown }[][] = [];
    await engine.subscribe({ topics: ['/api/'] }, (b) => batches.push(b.map((e) => ({ topic: e.topic, data: e.data }))));
    await new Promise((r) => setTimeout(r, 0));
    expect(batches.flat().map((e) => (e.data as { endpoint: string }).endpoint)).toEqual(['GET /events']);
    batches.length = 0;
    await Promise.all([engine.version(), engine.info(), engine.ping()]);
    await new Promise((r) => setTimeout(r, 0));
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => (e.data as { endpoint: string }).endpoint)).toEqual(['GET /version', 'GET /info', 'GET /_ping']);
  });

  it('importState rejects a damaged document with DataLoss and keeps its state', async () => {
    const engine = createEngine(testDeps(1));
    const before = (await engine.info()).ID;
    const doc = await createEngine(testDeps(2)).exportState();
    await expect(engine.importState({ ...doc, checksum: 'sha256:00' })).rejects.toMatchObject({ code: 'DataLoss' });
    expect((await engine.info()).ID).toBe(before);
    await engine.importState(doc);
    expect((await engine.info()).ID).toBe(doc.body.daemonId);
    const failed = (await engine.events({ topics: ['/api/request/failed'] }))[0];
    expect(failed?.data).toMatchObject({ method: 'importState', code: 'DataLoss' });
  });
});
