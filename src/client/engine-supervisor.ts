import type { EngineStateDocument, EventBatchListener, EventFilter, Subscription } from '../api/index.ts';
import { EngineError, isEngineError } from '../api/index.ts';
import type { EngineClient } from './engine-client.ts';
import type { EngineStateStore } from './engine-state-store.ts';

/**
 * What the supervisor tells the learner, as a message key of the app's
 * tables (src/app/state/messages.ts) and the detail to put in `{detail}`.
 */
export interface EngineNotice {
  readonly key: 'engineRecoveredPrevious' | 'engineStateLost' | 'engineRestarted' | 'engineNotSaved';
  readonly detail: string;
}

export interface SupervisedEngine extends EngineClient {
  /** Notices as they happen (and the ones from before the listener came, once). Returns the unsubscribe function. */
  onNotice(listener: (n: EngineNotice) => void): () => void;
  /**
   * Ctrl-C's last resort: asks the worker for a sign of life and, when none
   * comes within `ms`, restarts it from the last saved state. True when it did.
   */
  interrupt(ms?: number): Promise<boolean>;
  /** Saves the engine's state now (after the running commands). */
  checkpoint(): Promise<void>;
  /** Resolves once the saved state is restored (or found missing) at start. */
  readonly restored: Promise<void>;
}

export interface SupervisorOptions {
  /** Starts a worker and connects to it. */
  readonly spawn: () => EngineClient;
  /** Where state is kept between visits; null where IndexedDB is unavailable. */
  readonly store: Promise<EngineStateStore | null>;
  /** How often a silent worker is asked for a sign of life. */
  readonly heartbeatMs?: number;
  /** How long it may stay silent before it is restarted (a hang or a crash: a killed worker answers nothing). */
  readonly hangMs?: number;
  /** Quiet time after engine events before their state is saved, when no command is running. */
  readonly saveDelayMs?: number;
}

interface Generation {
  readonly client: EngineClient;
  /** Rejects when this worker is abandoned, so calls waiting on it end. */
  readonly lost: Promise<never>;
  abandon(reason: string): void;
}

interface ListenerRecord {
  readonly filter: EventFilter;
  readonly listener: EventBatchListener;
  sub?: Promise<Subscription>;
  closed: boolean;
}

/**
 * The main thread's engine connection with a safety net: the saved state is
 * restored at start, the state is saved after every command line and after
 * engine events once things are quiet, and a worker that crashes or stops
 * answering is replaced by a new one restored from the last save. Calls
 * waiting on a lost worker fail with `Unavailable`; event listeners carry on
 * with the new worker. Everything else is forwarded unchanged.
 */
export function superviseEngine(options: SupervisorOptions): SupervisedEngine {
  const heartbeatMs = options.heartbeatMs ?? 2000;
  const hangMs = options.hangMs ?? 8000;
  const saveDelayMs = options.saveDelayMs ?? 400;
  const noticeListeners = new Set<(n: EngineNotice) => void>();
  const pendingNotices: EngineNotice[] = [];
  const listeners: ListenerRecord[] = [];
  let store: EngineStateStore | null = null;
  /** The stored `current` did not import: a save must not move it to `previous`. */
  let currentBad = false;
  /** The last document saved (or restored): what a restarted worker starts from. */
  let lastSaved: EngineStateDocument | null = null;
  /** Events below this seq are in the last save already (a save's export sees every earlier event). */
  let savedThrough = 0;
  let running = 0;
  let saving: Promise<void> | null = null;
  let dirty = false;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let warnedSave = false;
  let disposed = false;

  const notify = (n: EngineNotice) => {
    if (noticeListeners.size === 0) pendingNotices.push(n);
    for (const l of noticeListeners) l(n);
  };

  const spawn = (): Generation => {
    const client = options.spawn();
    let abandon!: (reason: string) => void;
    const lost = new Promise<never>((_, reject) => (abandon = (reason) => reject(new EngineError('Unavailable', reason, {}))));
    lost.catch(() => {});
    return { client, lost, abandon };
  };

  let gen = spawn();

  /** A call on the current worker that ends when the worker is lost. */
  const call = async <T>(fn: (c: EngineClient) => Promise<T>): Promise<T> => {
    await restored;
    const g = gen;
    return Promise.race([fn(g.client), g.lost]);
  };

  /** Imports `doc` into `g`'s engine; a worker that does not answer within hangMs counts as a failure, not a wait forever. */
  const importInto = async (g: Generation, doc: unknown): Promise<void> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new EngineError('Unavailable', 'the engine did not answer while restoring its state', {})), hangMs)));
    try {
      await Promise.race([g.client.importState(doc), g.lost, late]);
    } finally {
      clearTimeout(timer);
    }
  };

  /** Subscribes the listeners to `g`: all of them on a new worker, the ones without a subscription yet on the first. */
  const subscribeAll = (g: Generation) => {
    for (const rec of listeners) {
      if (rec.closed || (g === first && rec.sub)) continue;
      const { since: _since, ...rest } = rec.filter;
      // Only the first connection replays retained events; a new worker starts from the restored state.
      const filter = g === first ? rec.filter : rest;
      rec.sub = Promise.race([g.client.subscribe(filter, rec.listener), g.lost]);
      rec.sub.catch(() => {});
    }
  };
  const first = gen;

  /** The saved document being restored: if the worker hangs on it, the restarted worker gets it instead. */
  let candidate: EngineStateDocument | null = null;
  const restored = (async () => {
    try {
      store = await options.store;
    } catch {
      store = null;
    }
    if (!store) {
      notify({ key: 'engineNotSaved', detail: '' });
      return;
    }
    let saved: { current?: unknown; previous?: unknown };
    try {
      saved = await store.load();
    } catch (e) {
      notify({ key: 'engineStateLost', detail: (e as Error).message });
      return;
    }
    if (saved.current === undefined) return;
    candidate = saved.current as EngineStateDocument;
    try {
      await importInto(gen, saved.current);
      lastSaved = saved.current as EngineStateDocument;
      return;
    } catch (e) {
      if (!isEngineError(e) || e.code !== 'DataLoss') throw e;
      currentBad = true;
      if (saved.previous !== undefined) {
        try {
          await importInto(gen, saved.previous);
          lastSaved = saved.previous as EngineStateDocument;
          notify({ key: 'engineRecoveredPrevious', detail: e.message });
          return;
        } catch (e2) {
          if (!isEngineError(e2) || e2.code !== 'DataLoss') throw e2;
        }
      }
      notify({ key: 'engineStateLost', detail: e.message });
    }
  })().catch((e: unknown) => {
    // Never a dead client. A worker that hung on the saved state is restarted by the heartbeat, from that state;
    // anything else: the engine starts empty and says why.
    if (isEngineError(e) && e.code === 'Unavailable' && candidate) lastSaved = candidate;
    else notify({ key: 'engineStateLost', detail: (e as Error).message });
  });

  /** Saves while there is something unsaved (a command ended, or engine events came after the last save). */
  const save = async (): Promise<void> => {
    if (saving) return saving;
    saving = (async () => {
      while (dirty && store) {
        dirty = false;
        try {
          const doc = await call((c) => c.exportState());
          await store.save(doc, currentBad);
          currentBad = false;
          lastSaved = doc;
          savedThrough = doc.body.nextSeq;
        } catch (e) {
          if (isEngineError(e) && e.code === 'Unavailable') return;
          if (!warnedSave) notify({ key: 'engineNotSaved', detail: (e as Error).message });
          warnedSave = true;
        }
      }
    })().finally(() => {
      saving = null;
      if (dirty && !disposed) void save();
    });
    return saving;
  };

  const scheduleSave = () => {
    if (running > 0 || disposed) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void save(), saveDelayMs);
  };

  /** Replaces the worker: the old one is ended, the new one restored from the last save, listeners moved over. */
  const restart = async (why: string): Promise<void> => {
    const old = gen;
    old.abandon(`the engine stopped responding (${why}) and was restarted; run the command again`);
    old.client.terminate();
    running = 0;
    gen = spawn();
    subscribeAll(gen);
    if (lastSaved) {
      try {
        await importInto(gen, lastSaved);
      } catch {
        // The saved document imported once already; if it no longer does, the new engine starts empty.
      }
    }
    notify({ key: 'engineRestarted', detail: why });
  };

  /** True when the current worker answers within `ms`. */
  const alive = async (ms: number): Promise<boolean> => {
    const g = gen;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    try {
      // `now`, not `ping`: it publishes no request event, so the heartbeat stays out of the event log.
      return await Promise.race([g.client.now().then(() => true), late, g.lost.catch(() => false)]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  let checking = false;
  const heartbeat = setInterval(() => {
    if (checking || disposed) return;
    checking = true;
    void restored
      .then(() => alive(hangMs))
      .then(async (ok) => {
        if (!ok && !disposed) await restart(`no answer for ${Math.round(hangMs / 1000)} s`);
      })
      .finally(() => (checking = false));
  }, heartbeatMs);

  // Engine events mean changed state: save once things are quiet. Request events alone
  // (`/api/request/handled` for a read, or for the save's own export) change nothing worth a save.
  const own: ListenerRecord = {
    filter: {},
    listener: (batch) => {
      if (batch.some((e) => !e.topic.startsWith('/api/request/') && e.seq >= savedThrough)) {
        dirty = true;
        scheduleSave();
      }
    },
    closed: false,
  };
  listeners.push(own);
  void restored.then(() => subscribeAll(gen));

  const local = {
    restored,
    onNotice(listener: (n: EngineNotice) => void): () => void {
      noticeListeners.add(listener);
      for (const n of pendingNotices.splice(0)) listener(n);
      return () => noticeListeners.delete(listener);
    },
    async interrupt(ms = 2000): Promise<boolean> {
      if (await alive(ms)) return false;
      await restart(`Ctrl-C, no answer for ${Math.round(ms / 1000)} s`);
      return true;
    },
    checkpoint: () => save(),
    async subscribe(filter: EventFilter, listener: EventBatchListener): Promise<Subscription> {
      const rec: ListenerRecord = { filter, listener, closed: false };
      listeners.push(rec);
      await restored;
      const g = gen;
      const { since: _since, ...rest } = filter;
      rec.sub ??= Promise.race([g.client.subscribe(g === first ? filter : rest, listener), g.lost]);
      await rec.sub;
      return {
        unsubscribe: () => {
          rec.closed = true;
          void rec.sub?.then((s) => s.unsubscribe()).catch(() => {});
        },
      };
    },
    async runCommandLine(...args: Parameters<EngineClient['runCommandLine']>): Promise<number> {
      running++;
      clearTimeout(saveTimer);
      try {
        return await call((c) => c.runCommandLine(...args));
      } finally {
        running = Math.max(0, running - 1);
        dirty = true;
        if (running === 0) void save();
      }
    },
    terminate(): void {
      disposed = true;
      clearInterval(heartbeat);
      clearTimeout(saveTimer);
      gen.client.terminate();
    },
  };

  return new Proxy(local, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return (...args: unknown[]) => call((c) => (c as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[prop]!(...args));
    },
  }) as unknown as SupervisedEngine;
}
