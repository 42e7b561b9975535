import { EngineError } from '../../api/index.ts';
import type { ContentStore } from '../content/store.ts';
import type { Clock } from '../deps.ts';
import type { EventBus } from '../events/bus.ts';
import { chainIdOf } from '../oci/chain-id.ts';
import type { FsEventSink } from './fs-events.ts';
import { createLayer } from './layer.ts';
import type { Layer } from './layer.ts';
import { EMPTY_VIEW, extendView } from './lower-view.ts';
import type { LowerView } from './lower-view.ts';
import { UnionMount } from './union-mount.ts';

export type SnapshotKind = 'active' | 'view' | 'committed';

export interface SnapshotInfo {
  readonly kind: SnapshotKind;
  /** The key (active, view) or name (committed). */
  readonly name: string;
  /** Name of the committed parent, if any. */
  readonly parent?: string;
  readonly created: number;
  readonly labels: Readonly<Record<string, string>>;
}

interface Committed {
  readonly info: SnapshotInfo;
  readonly layer: Layer;
  /** The flattened lowers of this snapshot and all its parents, shared by every mount on it. */
  readonly view: LowerView;
  /** diffIds bottom first. */
  readonly diffIds: readonly string[];
}

interface Active {
  readonly info: SnapshotInfo;
  readonly mount: UnionMount;
  readonly diffIds: readonly string[];
}

export interface SnapshotterOptions {
  readonly clock: Clock;
  /** Where committed layers' tars and blobs go. */
  readonly content?: ContentStore;
  /** Snapshot lifecycle events (`/snapshot/prepared`, …). */
  readonly bus?: Pick<EventBus, 'publish'>;
  /** Per-mount file-system events (`/sim/fs/…`); off when absent (they are many). */
  readonly fsEvents?: FsEventSink;
  /** With fsEvents: only mounts prepared with this label publish them (containers, not build steps). */
  readonly fsEventLabel?: string;
}

/**
 * Snapshots in containerd's vocabulary (core/snapshots/snapshotter.go), over
 * union mounts:
 *
 * - a **committed** snapshot has a `name` and is immutable; images are chains
 *   of them named by chainId, each holding one layer;
 * - an **active** snapshot (from `prepare(key, parent)`) has a `key` and a
 *   writable upper on top of its parent; `commit(name, key)` freezes the upper
 *   into a layer and a new committed snapshot, and the key is gone;
 * - a **view** (from `view(key, parent)`) is a read-only mount (EROFS on
 *   writes) that can only be removed.
 *
 * Contract: keys and names share one namespace; preparing or viewing an
 * existing key is `Conflict`; a parent must be committed (`NotFound`
 * otherwise); committing a view or an unknown key fails; removing a snapshot
 * that still has children is `Conflict` (children go first). Lowers are never
 * copied: every mount over a parent shares its flattened view.
 */
export class Snapshotter {
  private readonly committed = new Map<string, Committed>();
  private readonly active = new Map<string, Active>();
  private readonly clock: Clock;
  private readonly content: ContentStore | undefined;
  private readonly bus: Pick<EventBus, 'publish'> | undefined;
  private readonly fsEvents: FsEventSink | undefined;
  private readonly fsEventLabel: string | undefined;

  constructor(options: SnapshotterOptions) {
    this.clock = options.clock;
    this.content = options.content;
    this.bus = options.bus;
    this.fsEvents = options.fsEvents;
    this.fsEventLabel = options.fsEventLabel;
  }

  /** Creates an active snapshot: a writable union mount over `parent`. */
  prepare(key: string, parent?: string, opts: { labels?: Record<string, string>; quotaBytes?: number } = {}): UnionMount {
    return this.open('active', key, parent, opts);
  }

  /** Creates a read-only view of `parent`. */
  view(key: string, parent?: string, opts: { labels?: Record<string, string> } = {}): UnionMount {
    return this.open('view', key, parent, opts);
  }

  /** The mount of an active snapshot or view. */
  mounts(key: string): UnionMount {
    const a = this.active.get(key);
    if (!a) throw notFound(key);
    return a.mount;
  }

  /**
   * Freezes the active snapshot `key` into the committed snapshot `name`
   * (its upper dir becomes one layer). The key is removed.
   */
  async commit(name: string, key: string, opts: { labels?: Record<string, string> } = {}): Promise<Layer> {
    const a = this.active.get(key);
    if (!a) throw notFound(key);
    if (a.info.kind !== 'active') throw new EngineError('InvalidParameter', `snapshot ${key} is a view and cannot be committed`, { key });
    if (this.exists(name)) throw alreadyExists(name);
    const layer = await createLayer(a.mount.changes(), this.content);
    if (this.exists(name)) throw alreadyExists(name);
    this.active.delete(key);
    this.addCommitted(name, a.info.parent, layer, opts.labels ?? a.info.labels);
    this.bus?.publish('/snapshot/committed', { key, name, diffId: layer.diffId });
    return layer;
  }

  /**
   * Adds a layer on top of `parent` as a committed snapshot named by its
   * chainId (how image pulls and loads unpack). Idempotent: an existing chain
   * is reused, never duplicated.
   */
  applyLayer(layer: Layer, parent?: string): string {
    const parentChain = parent === undefined ? null : this.getCommitted(parent).info.name;
    const name = chainIdOf(parentChain, layer.diffId);
    if (this.committed.has(name)) return name;
    if (this.active.has(name)) throw alreadyExists(name);
    this.addCommitted(name, parent, layer, {});
    this.bus?.publish('/snapshot/committed', { name, diffId: layer.diffId, parent: parent ?? null });
    return name;
  }

  /** Removes an active snapshot, view or committed snapshot without children. */
  remove(keyOrName: string): void {
    if (this.active.delete(keyOrName)) {
      this.bus?.publish('/snapshot/removed', { key: keyOrName });
      return;
    }
    if (!this.committed.has(keyOrName)) throw notFound(keyOrName);
    const child = [...this.committed.values(), ...this.active.values()].find((s) => s.info.parent === keyOrName);
    if (child) {
      throw new EngineError('Conflict', `cannot remove snapshot ${keyOrName}: snapshot ${child.info.name} depends on it`, {
        name: keyOrName,
        child: child.info.name,
      });
    }
    this.committed.delete(keyOrName);
    this.bus?.publish('/snapshot/removed', { name: keyOrName });
  }

  stat(keyOrName: string): SnapshotInfo {
    const s = this.active.get(keyOrName) ?? this.committed.get(keyOrName);
    if (!s) throw notFound(keyOrName);
    return s.info;
  }

  /** Every snapshot, sorted by name. */
  walk(): SnapshotInfo[] {
    return [...this.committed.values(), ...this.active.values()].map((s) => s.info).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The layer a committed snapshot holds. */
  layer(name: string): Layer {
    return this.getCommitted(name).layer;
  }

  /** diffIds of a committed snapshot's chain, bottom first. */
  diffIds(name: string): readonly string[] {
    return this.getCommitted(name).diffIds;
  }

  /** Bytes in an active snapshot's upper dir (what `docker ps -s` shows as SIZE). */
  usage(key: string): { size: number } {
    return { size: this.mounts(key).upper.usedBytes };
  }

  private open(kind: 'active' | 'view', key: string, parent: string | undefined, opts: { labels?: Record<string, string>; quotaBytes?: number }): UnionMount {
    if (this.exists(key)) throw alreadyExists(key);
    const p = parent === undefined ? undefined : this.getCommitted(parent);
    const diffIds = p?.diffIds ?? [];
    const mount = new UnionMount({
      lower: p?.view ?? EMPTY_VIEW,
      clock: this.clock,
      readOnly: kind === 'view',
      layerIds: diffIds,
      ...(opts.quotaBytes !== undefined ? { quotaBytes: opts.quotaBytes } : {}),
      // Each event names its snapshot key (a container's id), so a view can follow one container.
      ...(this.fsEvents && (this.fsEventLabel === undefined || opts.labels?.[this.fsEventLabel] !== undefined) ? { events: keyed(this.fsEvents, key) } : {}),
    });
    const info: SnapshotInfo = {
      kind,
      name: key,
      ...(parent !== undefined ? { parent } : {}),
      created: this.clock.now(),
      labels: { ...(opts.labels ?? {}) },
    };
    this.active.set(key, { info, mount, diffIds });
    this.bus?.publish(kind === 'active' ? '/snapshot/prepared' : '/snapshot/viewed', { key, parent: parent ?? null });
    return mount;
  }

  private addCommitted(name: string, parent: string | undefined, layer: Layer, labels: Readonly<Record<string, string>>): void {
    const p = parent === undefined ? undefined : this.getCommitted(parent);
    const info: SnapshotInfo = { kind: 'committed', name, ...(parent !== undefined ? { parent } : {}), created: this.clock.now(), labels: { ...labels } };
    this.committed.set(name, {
      info,
      layer,
      view: extendView(p?.view ?? EMPTY_VIEW, layer.entries),
      diffIds: [...(p?.diffIds ?? []), layer.diffId],
    });
  }

  private getCommitted(name: string): Committed {
    const c = this.committed.get(name);
    if (!c) throw notFound(name);
    return c;
  }

  private exists(keyOrName: string): boolean {
    return this.active.has(keyOrName) || this.committed.has(keyOrName);
  }
}

function notFound(key: string): EngineError {
  return new EngineError('NotFound', `snapshot ${key} does not exist: not found`, { key });
}

function alreadyExists(key: string): EngineError {
  return new EngineError('Conflict', `snapshot ${key}: already exists`, { key });
}

function keyed(sink: FsEventSink, key: string): FsEventSink {
  const forward = (topic: string, data: unknown) => sink(topic, { ...(data as object), key });
  return sink.topics ? Object.assign(forward, { topics: sink.topics }) : forward;
}
