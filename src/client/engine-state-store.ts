import type { EngineStateDocument } from '../api/index.ts';

/**
 * Where the tab keeps the engine's state between visits: two slots in one
 * IndexedDB object store, `current` and `previous` (the last good snapshot).
 * A save is one readwrite transaction that moves `current` to `previous` and
 * writes the new document: IndexedDB commits it whole or not at all, so a
 * reload or a crash in the middle of a save leaves the last complete pair.
 * The documents carry their own checksum and format version (src/api/state.ts);
 * the engine checks them on import, not this store.
 */
export interface EngineStateStore {
  load(): Promise<{ readonly current?: unknown; readonly previous?: unknown }>;
  /**
   * Saves `doc` as `current`. `keepPrevious`: the stored `current` did not
   * import (corrupt or another version), so it must not become `previous`.
   */
  save(doc: EngineStateDocument, keepPrevious: boolean): Promise<void>;
}

const STORE = 'snapshots';

function done(req: IDBRequest | IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in req) {
      req.oncomplete = () => resolve();
      req.onabort = req.onerror = () => reject(req.error ?? new Error('IndexedDB transaction aborted'));
    } else {
      req.onsuccess = () => resolve();
      req.onerror = () => reject(req.error);
    }
  });
}

export class IndexedDbEngineStateStore implements EngineStateStore {
  private constructor(private readonly db: IDBDatabase) {}

  /** Opens (creating) the database; rejects where IndexedDB is unavailable (some private windows). */
  static async open(name = 'layerlab-engine', idb: IDBFactory = indexedDB): Promise<IndexedDbEngineStateStore> {
    const req = idb.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    await done(req);
    return new IndexedDbEngineStateStore(req.result);
  }

  async load(): Promise<{ current?: unknown; previous?: unknown }> {
    const tx = this.db.transaction(STORE, 'readonly');
    const store = tx.objectStore(STORE);
    const current = store.get('current');
    const previous = store.get('previous');
    await done(tx);
    return { current: current.result as unknown, previous: previous.result as unknown };
  }

  async save(doc: EngineStateDocument, keepPrevious: boolean): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    if (!keepPrevious) {
      const old = store.get('current');
      old.onsuccess = () => {
        if (old.result !== undefined) store.put(old.result, 'previous');
        store.put(doc, 'current');
      };
    } else {
      store.put(doc, 'current');
    }
    await done(tx);
  }

  close(): void {
    this.db.close();
  }
}
