/**
 * Events the union mount publishes, one per operation (topics `/noun/verb`
 * in past tense), plus the copy-on-write facts a learner wants to see. `layer`
 * names where the entry came from: `'upper'` (the container's writable
 * layer), a lower layer's index (0 = bottom), or `null` when nothing supplied
 * it (a failed lookup, a new entry).
 */
export const FS_TOPICS = {
  lookedUp: '/sim/fs/looked-up',
  listed: '/sim/fs/listed',
  read: '/sim/fs/read',
  opened: '/sim/fs/opened',
  written: '/sim/fs/written',
  created: '/sim/fs/created',
  removed: '/sim/fs/removed',
  renamed: '/sim/fs/renamed',
  changed: '/sim/fs/changed',
  closed: '/sim/fs/closed',
  failed: '/sim/fs/failed',
  copiedUp: '/sim/fs/copied-up',
  whiteoutCreated: '/sim/fs/whiteout-created',
  opaqueCreated: '/sim/fs/opaque-created',
} as const;

export type LayerRef = 'upper' | number | null;

export interface FsOpEvent {
  /** The Vfs call, e.g. `stat`, `writeFile`, `rename`. */
  readonly op: string;
  readonly path: string;
  readonly dest?: string;
  readonly layer: LayerRef;
  /** diffId of the supplying lower layer, when known. */
  readonly layerId?: string;
  readonly bytes?: number;
}

export interface FsFailedEvent {
  readonly op: string;
  readonly path: string;
  readonly errno: string;
}

export interface CopiedUpEvent {
  readonly path: string;
  readonly type: string;
  readonly fromLayer: number;
  readonly layerId?: string;
  /** Bytes of file content copied into the upper layer (0 for directories and symlinks). */
  readonly bytes: number;
}

export interface WhiteoutEvent {
  readonly path: string;
}

/**
 * Where events go; an EventBus's `publish` fits. A sink with `topics` takes
 * only those: the mount does not even build the others' data (lookups are
 * the hottest path of the union fs).
 */
export type FsEventSink = ((topic: string, data: unknown) => void) & { readonly topics?: ReadonlySet<string> };

/**
 * The topics a container's copy-on-write story needs: changes and the facts
 * behind them. Lookups, listings, opens and reads are left out (a shell makes
 * thousands of them per command).
 */
export const COW_TOPICS: ReadonlySet<string> = new Set([
  FS_TOPICS.written,
  FS_TOPICS.created,
  FS_TOPICS.removed,
  FS_TOPICS.renamed,
  FS_TOPICS.changed,
  FS_TOPICS.copiedUp,
  FS_TOPICS.whiteoutCreated,
  FS_TOPICS.opaqueCreated,
]);

/** A sink that forwards only COW_TOPICS events to `publish`. */
export function cowEventSink(publish: (topic: string, data: unknown) => void): FsEventSink {
  return Object.assign(
    (topic: string, data: unknown) => {
      if (COW_TOPICS.has(topic)) publish(topic, data);
    },
    { topics: COW_TOPICS },
  );
}
