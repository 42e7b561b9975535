/**
 * Read-only views of engine state for the step-by-step visualisations (layer
 * stack, image explorer, copy-on-write storage drivers). Plain data computed by
 * the engine: the UI draws it and decides nothing. Paths are absolute
 * (`/etc/motd`); sizes are bytes; layers are listed bottom first.
 */

/** How an entry of a layer relates to the layers below it (dive's marks). */
export type VizChange =
  | 'added' /* no lower layer has this path */
  | 'changed' /* a lower layer has it: this version replaces it */
  | 'removed' /* a whiteout (`.wh.<name>`): the path is deleted from the layers below */
  | 'opaque' /* an opaque directory (`.wh..wh..opq`): nothing below it shows through */
  | 'unchanged'; /* a directory present below, only here as the parent of other entries */

export interface VizLayerEntry {
  readonly path: string;
  readonly change: VizChange;
  /** `file`, `dir`, `symlink`, `hardlink`, `chardev`, … (the removed entry's type for whiteouts, when known). */
  readonly type: string;
  /** File bytes (0 for directories and links; for `removed`, what the deletion hides). */
  readonly size: number;
}

export interface VizFileCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** Who else uses a layer (the same chainId: the same layer on the same stack below it). */
export interface VizLayerSharing {
  /** Images (familiar `repo:tag`, or a short id when untagged) whose stack includes this layer. */
  readonly images: readonly string[];
  /** Containers (names) whose image includes this layer. */
  readonly containers: readonly string[];
  /** Bytes saved by storing the layer once instead of once per image (`size × (images − 1)`). */
  readonly savedBytes: number;
}

export interface VizLayer {
  /** 0 = bottom. */
  readonly index: number;
  readonly diffId: string;
  readonly chainId: string;
  /** The size `docker history` reports. */
  readonly size: number;
  /** The history entry's `created_by` (`/bin/sh -c #(nop) ADD file:… in /`, `RUN /bin/sh -c apk add …`). */
  readonly createdBy: string;
  readonly created?: string;
  readonly counts: VizFileCounts;
  /** Every entry of the layer, in layer order. */
  readonly entries: readonly VizLayerEntry[];
  readonly sharing: VizLayerSharing;
}

/** A container's writable layer (its upper dir), as `docker diff` sees it plus sizes. */
export interface VizContainerLayer {
  readonly id: string;
  readonly name: string;
  readonly running: boolean;
  /** Bytes in the upper dir (`docker ps -s` SIZE). */
  readonly size: number;
  readonly counts: VizFileCounts;
  readonly entries: readonly VizLayerEntry[];
}

/** dive's efficiency: files stored more than once across the layers (dive image/efficiency.go). */
export interface VizEfficiency {
  /** 0…1: the smallest size of each path over the sum of every copy of it. */
  readonly score: number;
  /** Bytes of every copy of a path stored in more than one layer (dive's "wasted space"). */
  readonly wastedBytes: number;
  /** Wasted bytes over the bytes of the layers above the base layer (dive's "user wasted percent"), 0…1. */
  readonly wastedUserRatio: number;
  /** The paths wasting space, most bytes first. */
  readonly inefficiencies: readonly { readonly path: string; readonly copies: number; readonly bytes: number }[];
}

/** `vizLayers`: an image's layer stack, with a container's layer on top when a container was asked for. */
export interface VizLayerStack {
  readonly image: { readonly id: string; readonly refs: readonly string[]; readonly size: number };
  readonly layers: readonly VizLayer[];
  readonly container?: VizContainerLayer;
  readonly efficiency: VizEfficiency;
  /** Bytes saved on this engine by every layer shared between images (sum over all layers of all images). */
  readonly totalSharedSavings: number;
}

export interface VizLayersOptions {
  /** An image reference or id. */
  readonly image?: string;
  /** A container name or id: its image's stack plus its writable layer. Wins over `image`. */
  readonly container?: string;
}

/** Storage drivers the copy-on-write view compares. */
export type StorageDriverName = 'overlay2' | 'aufs' | 'devicemapper';

/** One file operation as the union mount reported it (from `/sim/fs/…` events). */
export interface VizFsOperation {
  /** `writeFile`, `open`, `unlink`, `mkdir`, `rename`, `chmod`, … */
  readonly op: string;
  readonly path: string;
  readonly dest?: string;
  /** Where the entry came from before the operation: `upper`, a lower index, or null (new). */
  readonly layer: 'upper' | number | null;
  /** Copy-up done for this operation, if any. */
  readonly copiedUp?: { readonly path: string; readonly fromLayer: number; readonly bytes: number; readonly type: string };
  readonly whiteout?: string;
  readonly opaque?: string;
  /** Bytes written, when the operation wrote data. */
  readonly bytes?: number;
  /** Number of lower layers of the container. */
  readonly lowerCount: number;
}

/** How one storage driver performs an operation: the steps in its words, and the bytes it copies. */
export interface StorageDriverExplanation {
  readonly driver: StorageDriverName;
  /** Stable ids the UI translates (`overlay2.copy-up`, `devicemapper.block-cow`, …), with their values. */
  readonly steps: readonly { readonly rule: string; readonly text: string; readonly detail: Readonly<Record<string, string | number>> }[];
  /** Bytes copied into the container's writable area by this operation. */
  readonly copiedBytes: number;
  /** Places searched before the entry was found (layers, branches; 1 for devicemapper's single device). */
  readonly lookups: number;
}

/** What the visualisations can show, newest first (without the Engine API request events a list call makes). */
export interface VizObjects {
  readonly images: readonly { readonly id: string; readonly refs: readonly string[]; readonly created: string }[];
  readonly containers: readonly { readonly id: string; readonly name: string; readonly image: string; readonly imageId: string; readonly running: boolean }[];
}

/** The read-only visualisation queries, part of EngineApi. */
export interface VizApi {
  /** Images and containers to pick from. */
  vizObjects(): Promise<VizObjects>;
  /** The layer stack of an image or a container. `NotFound` like `docker image inspect`/`docker inspect`. */
  vizLayers(options: VizLayersOptions): Promise<VizLayerStack>;
  /** How overlay2, aufs and devicemapper would each perform the operations (same order as given). */
  vizStorageDrivers(operations: readonly VizFsOperation[]): Promise<StorageDriverExplanation[][]>;
}
