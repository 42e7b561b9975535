/**
 * The tab's safety net around the engine worker, with in-process "workers"
 * (Comlink over a MessageChannel) and fake-indexeddb: state restored at
 * start and saved after each command; a corrupt or other-version save
 * recovered from the previous snapshot with a message; a worker that stops
 * answering replaced by one restored from the last save, its waiting calls
 * failed with Unavailable, listeners moved over; Ctrl-C as the last resort.
 */
import * as Comlink from 'comlink';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { installEngineErrorTransfer, isEngineError, type EngineApi, type EngineEvent, type WorkerApi } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import { connectEngine } from '../../src/client/engine-client.ts';
import { IndexedDbEngineStateStore } from '../../src/client/engine-state-store.ts';
import { superviseEngine, type EngineNotice } from '../../src/client/engine-supervisor.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';

installEngineErrorTransfer(Comlink.transferHandlers as never);

interface FakeWorker {
  readonly api: EngineApi;
  /** From now on the worker answers nothing (a busy loop that never yields, or a crash). */
  hang(): void;
}

/** A worker in this process: the engine behind Comlink on a MessageChannel, with a switch that makes it stop answering. */
function fakeWorker(workers: FakeWorker[], preload: string[] = []) {
  const api = createEngine({ ...testDeps(), preloadImages: preload });
  let hung = false;
  const never = new Promise<never>(() => {});
  const exposed: Record<string, unknown> = {};
  const worker: WorkerApi = {
    ...api,
    async runCommandLine(line, _options, onOutput) {
      const argv = line.trim().split(/\s+/);
      return runDocker(argv.slice(1), { api, stdout: { write: (data) => onOutput([{ fd: 1, data }]) }, stderr: { write: (data) => onOutput([{ fd: 2, data }]) } });
    },
    async completions() {
      return { from: 0, to: 0, candidates: [] };
    },
  } satisfies Partial<WorkerApi> as unknown as WorkerApi;
  for (const [k, v] of Object.entries(worker)) {
    exposed[k] = typeof v === 'function' ? (...args: unknown[]) => (hung ? never : (v as (...a: unknown[]) => unknown)(...args)) : v;
  }
  exposed.subscribe = async (...args: Parameters<EngineApi['subscribe']>) => (hung ? never : Comlink.proxy(await api.subscribe(...args)));
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(exposed, port2);
  workers.push({ api, hang: () => void (hung = true) });
  return connectEngine(Object.assign(port1, { terminate: () => (port1.close(), port2.close()) }) as unknown as Worker);
}

async function setup(idb = new IDBFactory(), opts: { heartbeatMs?: number; hangMs?: number; preload?: string[]; firstHangs?: boolean } = {}) {
  const workers: FakeWorker[] = [];
  const notices: EngineNotice[] = [];
  const engine = superviseEngine({
    spawn: () => {
      const client = fakeWorker(workers, opts.preload ?? []);
      if (opts.firstHangs && workers.length === 1) workers[0]!.hang();
      return client;
    },
    store: IndexedDbEngineStateStore.open('layerlab-engine', idb),
    heartbeatMs: opts.heartbeatMs ?? 60_000,
    hangMs: opts.hangMs ?? 60_000,
    saveDelayMs: 10,
  });
  engine.onNotice((n) => notices.push(n));
  await engine.restored;
  const run = async (line: string) => {
    let out = '';
    const code = await engine.runCommandLine(line, {}, (chunks) => chunks.forEach((c) => (out += c.data)));
    // The save after the command runs on its own; wait for it here.
    await engine.checkpoint();
    return { code, out };
  };
  return { engine, workers, notices, idb, run };
}

const tags = async (api: EngineApi) => (await api.imageList()).flatMap((i) => i.RepoTags).sort();

describe('engine supervisor: persistence', () => {
  it('a new visit finds the state of the last command', async () => {
    const a = await setup(undefined, { preload: ['hello-world'] });
    expect((await a.run('docker tag hello-world mine:1')).code).toBe(0);
    a.engine.terminate();
    const b = await setup(a.idb);
    expect(await tags(b.engine)).toEqual(['hello-world:latest', 'mine:1']);
    expect(b.notices).toEqual([]);
    b.engine.terminate();
  });

  it('a corrupt save is detected by its checksum and the previous snapshot restored, with a message', async () => {
    const a = await setup(undefined, { preload: ['hello-world'] });
    await a.run('docker tag hello-world mine:1');
    await a.run('docker tag hello-world mine:2');
    a.engine.terminate();
    const store = await IndexedDbEngineStateStore.open('layerlab-engine', a.idb);
    const { current } = await store.load();
    const doc = current as { body: { records: Record<string, unknown> } };
    await store.save({ ...doc, body: { ...doc.body, nextSeq: 1 } } as never, true);
    const b = await setup(a.idb);
    expect(b.notices).toEqual([{ key: 'engineRecoveredPrevious', detail: expect.stringMatching(/^engine state is corrupt: checksum sha256:\w+ does not match sha256:\w+$/) }]);
    expect(await tags(b.engine)).toEqual(['hello-world:latest', 'mine:1']);
    // The next save keeps the good previous snapshot instead of the corrupt one.
    await b.run('docker tag hello-world mine:3');
    const after = await store.load();
    expect((after.previous as { checksum: string }).checksum).not.toBe((current as { checksum: string }).checksum);
    b.engine.terminate();
  });

  it('state from another format version is refused by name and the engine starts empty', async () => {
    const idb = new IDBFactory();
    const store = await IndexedDbEngineStateStore.open('layerlab-engine', idb);
    await store.save({ format: 'layerlab-engine-state', version: 99, checksum: 'sha256:0', body: {} } as never, false);
    const b = await setup(idb);
    expect(b.notices).toEqual([{ key: 'engineStateLost', detail: 'engine state has format version 99, this Layerlab reads version 1' }]);
    expect(await b.engine.ping()).toBe('OK');
    b.engine.terminate();
  });
});

describe('engine supervisor: a worker that stops answering', () => {
  it('is restarted from the last save; its waiting calls fail with Unavailable; listeners carry on', async () => {
    const s = await setup(undefined, { heartbeatMs: 20, hangMs: 150, preload: ['hello-world'] });
    const events: EngineEvent[] = [];
    await s.engine.subscribe({}, (batch) => events.push(...batch));
    await s.run('docker tag hello-world saved:1');
    s.workers[0]!.hang();
    const waiting = s.engine.imageList();
    await expect(waiting).rejects.toSatisfy((e: unknown) => isEngineError(e) && e.code === 'Unavailable' && /stopped responding/.test(e.message));
    await expect.poll(() => s.notices.map((n) => n.key)).toEqual(['engineRestarted']);
    expect(s.workers).toHaveLength(2);
    expect(await tags(s.engine)).toContain('saved:1');
    const before = events.length;
    await s.run('docker tag hello-world after:1');
    await expect.poll(() => events.length).toBeGreaterThan(before);
    s.engine.terminate();
  });

  it('one that hangs while restoring the saved state is restarted from that state', async () => {
    const a = await setup(undefined, { preload: ['hello-world'] });
    await a.run('docker tag hello-world saved:1');
    a.engine.terminate();
    const b = await setup(a.idb, { firstHangs: true, heartbeatMs: 20, hangMs: 150 });
    await expect.poll(() => b.notices.map((n) => n.key)).toEqual(['engineRestarted']);
    expect(await tags(b.engine)).toContain('saved:1');
    b.engine.terminate();
  });

  it('Ctrl-C restarts a silent worker, and leaves a live one alone', async () => {
    const s = await setup();
    expect(await s.engine.interrupt(100)).toBe(false);
    s.workers[0]!.hang();
    expect(await s.engine.interrupt(100)).toBe(true);
    expect(await s.engine.ping()).toBe('OK');
    s.engine.terminate();
  });
});
