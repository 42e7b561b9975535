/**
 * Snapshots and the union mount, in containerd's vocabulary:
 *
 * - `layer.ts`: Layer values (entries + diffId + digest), built from change
 *   sets or imported from tars;
 * - `lower-view.ts`: the flattened, shared index of a stack of read-only
 *   layers (what makes lookups independent of layer depth);
 * - `union-mount.ts`: one writable upper over a LowerView with overlayfs
 *   semantics, events, `trace()`, `diff()` and `commit()`;
 * - `snapshotter.ts`: Prepare / View / Commit / Remove by key and name,
 *   committed snapshots named by chainId.
 */
export { createLayer, layerBlob, layerFromTar, layerTar } from './layer.ts';
export type { Layer } from './layer.ts';
export { EMPTY_VIEW, buildView, extendView, lowerNodeAt } from './lower-view.ts';
export type { LowerNode, LowerView } from './lower-view.ts';
export { UnionMount } from './union-mount.ts';
export type { MergedNode, UnionMountOptions } from './union-mount.ts';
export type { Trace } from './union-trace.ts';
export { Snapshotter } from './snapshotter.ts';
export type { SnapshotInfo, SnapshotKind, SnapshotterOptions } from './snapshotter.ts';
export { COW_TOPICS, FS_TOPICS, cowEventSink } from './fs-events.ts';
export type { CopiedUpEvent, FsEventSink, FsFailedEvent, FsOpEvent, LayerRef, WhiteoutEvent } from './fs-events.ts';
export { OPAQUE_XATTR, isOpaqueInode, isWhiteoutInode } from './overlay-xattrs.ts';
