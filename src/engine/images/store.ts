/**
 * The image store: images by id (config digest) plus a reference store
 * (`docker.io/library/busybox:latest` → id, `…@sha256:<manifest>` → id), as
 * moby's graphdriver image service keeps them. Configs, manifests and layer
 * blobs live in the content store; layers are unpacked into the snapshotter
 * as committed snapshots named by chain id, which is what containers mount.
 *
 * Contract: `put` is idempotent (same config bytes → same id → same record);
 * references are replaced, never duplicated; every failure is an
 * EngineError with Docker's wording (`No such image: busybox:latest`).
 */
import { EngineError } from '../../api/index.ts';
import type { ContentStore } from '../content/store.ts';
import type { Clock } from '../deps.ts';
import { chainIds } from '../oci/chain-id.ts';
import { sha256Digest } from '../oci/digest.ts';
import type { ImageReference } from '../oci/reference.ts';
import { familiarString, parseNormalizedNamed, referenceString, tagNameOnly } from '../oci/reference.ts';
import { layerBlob, layerFromTar } from '../snapshots/layer.ts';
import type { Snapshotter } from '../snapshots/snapshotter.ts';
import { configJson, parseConfig, rfc3339Nano } from './config.ts';
import type { ImageConfig } from './config.ts';
import type { Image } from './image.ts';
import { layerSize } from './image.ts';
import { manifestJson } from './manifest.ts';
import type { ImageRecord, LayerRecord } from './record.ts';
import { utf8Encode, utf8Decode } from '../fs/utf8.ts';

/** Who uses an image, so rmi can refuse (the containers module answers; none until it exists). */
export interface ContainerUsage {
  /** Short ids of containers created from image `id`, running ones flagged. */
  usersOf(id: string): readonly { readonly id: string; readonly running: boolean }[];
}

export interface ImageStoreOptions {
  readonly content: ContentStore;
  readonly snapshotter: Snapshotter;
  readonly clock: Clock;
  readonly usage?: ContainerUsage;
  readonly bus?: { publish(topic: string, data: unknown): unknown };
}

/** Persisted form (engine state `records.images`). */
export interface ImageStoreState {
  readonly images: readonly ImageRecord[];
  /** Full reference string → image id. */
  readonly references: Readonly<Record<string, string>>;
  /** diffId → reported size of stand-in layers (see ImageStore.reportedSizes). */
  readonly reportedSizes?: Readonly<Record<string, number>>;
}

const utf8 = { encode: utf8Encode };
const utf8Decoder = { decode: utf8Decode };

export class ImageStore {
  private readonly images = new Map<string, ImageRecord>();
  private readonly refs = new Map<string, string>();
  private readonly configs = new Map<string, ImageConfig>();
  /**
   * Simplification: reported sizes of stand-in layers by diffId, kept after
   * the image is gone, so `docker save` + `docker load` (whose archives carry
   * no sizes) shows the same SIZE again.
   */
  private readonly reportedSizes = new Map<string, number>();
  readonly content: ContentStore;
  readonly snapshotter: Snapshotter;
  readonly clock: Clock;
  readonly usage: ContainerUsage;
  private readonly bus: ImageStoreOptions['bus'];

  constructor(options: ImageStoreOptions) {
    this.content = options.content;
    this.snapshotter = options.snapshotter;
    this.clock = options.clock;
    this.usage = options.usage ?? { usersOf: () => [] };
    this.bus = options.bus;
  }

  /**
   * Stores an image: config and manifest blobs, layer blobs, and the layer
   * chain as committed snapshots. Returns the record (the existing one when
   * the same config was stored before). `configBytes`, when given, must be
   * a serialisation of `image.config` (load and pull pass the original).
   */
  async put(image: Image, opts: { parent?: string; configBytes?: Uint8Array } = {}): Promise<ImageRecord> {
    // Loaded and pulled images keep their producer's exact bytes: re-serialising would change the id.
    const configBytes = opts.configBytes ?? utf8.encode(configJson(image.config));
    const id = sha256Digest(configBytes);
    const existing = this.images.get(id);
    if (existing) return existing;
    if (image.layers.length !== image.config.rootfs.diff_ids.length) {
      throw new EngineError('InvalidParameter', `image has ${image.layers.length} layers but its config lists ${image.config.rootfs.diff_ids.length} diff_ids`, {});
    }
    const layers: LayerRecord[] = [];
    let parentChain: string | undefined;
    for (const [i, l] of image.layers.entries()) {
      if (l.layer.diffId !== image.config.rootfs.diff_ids[i]) {
        throw new EngineError('InvalidParameter', `layer ${i} has diffId ${l.layer.diffId}, config expects ${image.config.rootfs.diff_ids[i]}`, {});
      }
      if (!this.content.has(l.layer.digest)) this.content.put(await layerBlob(l.layer, this.content), l.layer.digest);
      parentChain = this.snapshotter.applyLayer(l.layer, parentChain);
      if (l.reportedSize !== undefined) this.reportedSizes.set(l.layer.diffId, l.reportedSize);
      const size = this.reportedSizes.get(l.layer.diffId) ?? layerSize(l);
      layers.push({ diffId: l.layer.diffId, digest: l.layer.digest, compressedSize: l.layer.compressedSize, size });
    }
    this.content.put(configBytes, id);
    const manifest = utf8.encode(manifestJson({ digest: id, size: configBytes.length }, layers.map((l) => ({ digest: l.digest, size: l.compressedSize }))));
    const manifestDigest = this.content.put(manifest).digest;
    const record: ImageRecord = {
      id,
      manifestDigest,
      configSize: configBytes.length,
      layers,
      ...(opts.parent !== undefined ? { parent: opts.parent } : {}),
    };
    this.images.set(id, record);
    // Cached as read back from the bytes, so field order is the spec struct order whatever built the value.
    this.configs.set(id, parseConfig(utf8Decoder.decode(configBytes)));
    this.bus?.publish('/image/created', { id, diffIds: image.config.rootfs.diff_ids });
    return record;
  }

  /** The record of image `id` (a full `sha256:` id); `NotFound` when absent. */
  get(id: string): ImageRecord {
    const r = this.images.get(id);
    if (!r) throw new EngineError('NotFound', `No such image: ${id}`, { id });
    return r;
  }

  has(id: string): boolean {
    return this.images.has(id);
  }

  /** The parsed config of a stored image. */
  config(id: string): ImageConfig {
    let c = this.configs.get(id);
    if (!c) {
      c = parseConfig(utf8Decoder.decode(this.content.get(id)));
      this.configs.set(id, c);
    }
    return c;
  }

  /** Every image record, in insertion order. */
  list(): ImageRecord[] {
    return [...this.images.values()];
  }

  /** Images whose classic-builder parent is `id`. */
  children(id: string): ImageRecord[] {
    return this.list().filter((r) => r.parent === id);
  }

  /**
   * Docker's GetImage: a 64-hex id or `sha256:<hex>` names an image by id; a
   * name (tag `latest` added) or `name@digest` is looked up in the reference
   * store; failing that, the text is tried as an id prefix. Throws
   * `NotFound` "No such image: <familiar ref>" or `InvalidParameter` for a
   * malformed reference.
   */
  resolve(refOrId: string): ImageRecord {
    const hex = /^(?:sha256:)?([a-f0-9]{64})$/.exec(refOrId);
    if (hex) {
      const r = this.images.get(`sha256:${hex[1]}`);
      if (r) return r;
      throw new EngineError('NotFound', `No such image: sha256:${hex[1]}`, { ref: refOrId });
    }
    const named = parseNormalizedNamed(refOrId);
    const key = referenceString(tagNameOnly(named));
    const id = this.refs.get(key);
    if (id !== undefined) return this.get(id);
    const byPrefix = this.searchPrefix(refOrId);
    if (byPrefix) return byPrefix;
    throw new EngineError('NotFound', `No such image: ${familiarString(tagNameOnly(named))}`, { ref: refOrId });
  }

  /** An id prefix (with or without `sha256:`) that matches exactly one image. */
  private searchPrefix(text: string): ImageRecord | undefined {
    const prefix = text.startsWith('sha256:') ? text.slice(7) : text;
    if (!/^[a-f0-9]+$/.test(prefix)) return undefined;
    const hits = this.list().filter((r) => r.id.slice(7).startsWith(prefix));
    return hits.length === 1 ? hits[0] : undefined;
  }

  /** References (tags and digests) that point at `id`, sorted as moby's reference store returns them. */
  references(id: string): ImageReference[] {
    const out: string[] = [];
    for (const [ref, target] of this.refs) if (target === id) out.push(ref);
    return out.sort().map((s) => parseNormalizedNamed(s));
  }

  /** Familiar `repo:tag` strings of `id` (ImageSummary.RepoTags). */
  repoTags(id: string): string[] {
    return this.references(id).filter((r) => r.digest === undefined).map(familiarString);
  }

  /** Familiar `repo@digest` strings of `id` (ImageSummary.RepoDigests). */
  repoDigests(id: string): string[] {
    return this.references(id).filter((r) => r.digest !== undefined).map(familiarString);
  }

  /** The image id a full reference points at, if any. */
  referenceTarget(ref: ImageReference): string | undefined {
    return this.refs.get(referenceString(ref));
  }

  /** Points `ref` at image `id` (replacing where it pointed before). `ref` must carry a tag or a digest. */
  addReference(ref: ImageReference, id: string, opts: { tagTime?: boolean } = {}): void {
    this.get(id);
    const key = referenceString(ref);
    const previous = this.refs.get(key);
    this.refs.set(key, id);
    if (opts.tagTime) {
      const record = this.get(id);
      this.images.set(id, { ...record, lastTagTime: rfc3339Nano(this.clock.now()) });
    }
    this.bus?.publish('/image/tagged', { ref: familiarString(ref), id, ...(previous && previous !== id ? { previous } : {}) });
  }

  /** Removes a reference; `NotFound` when it does not exist. Returns the normalised reference removed. */
  removeReference(ref: ImageReference): ImageReference {
    const key = referenceString(ref);
    const id = this.refs.get(key);
    if (id === undefined) throw new EngineError('NotFound', `No such image: ${familiarString(ref)}`, { ref: key });
    this.refs.delete(key);
    this.bus?.publish('/image/untagged', { ref: familiarString(ref), id });
    return ref;
  }

  /**
   * Deletes image `id` (its references must be gone already) and releases
   * its layers: every chain id no other image uses is removed from the
   * snapshotter, top first, and returned (rmi's `Deleted: sha256:<chainId>`).
   */
  deleteImage(id: string): string[] {
    const record = this.get(id);
    this.images.delete(id);
    this.configs.delete(id);
    const stillUsed = new Set<string>();
    const usedBlobs = new Set<string>();
    for (const r of this.images.values()) {
      for (const c of chainIds(r.layers.map((l) => l.diffId))) stillUsed.add(c);
      for (const l of r.layers) usedBlobs.add(l.digest).add(l.diffId);
      usedBlobs.add(r.manifestDigest).add(r.id);
    }
    const removed: string[] = [];
    const chains = chainIds(record.layers.map((l) => l.diffId));
    for (let i = chains.length - 1; i >= 0; i--) {
      const chain = chains[i]!;
      if (stillUsed.has(chain)) break;
      try {
        this.snapshotter.remove(chain);
      } catch (e) {
        const code = (e as EngineError).code;
        // A chain still mounted (a container's rw layer on top) stays, and so does everything below it.
        if (code === 'Conflict') break;
        // A chain not yet unpacked (lazy after a restart) has nothing to remove.
        if (code !== 'NotFound') throw e;
      }
      removed.push(chain);
    }
    for (const d of [record.id, record.manifestDigest, ...record.layers.flatMap((l) => [l.digest, l.diffId])]) {
      if (!usedBlobs.has(d)) this.content.delete(d);
    }
    this.bus?.publish('/image/deleted', { id, chainIds: removed });
    return removed;
  }

  /**
   * Makes sure the image's layer chain is unpacked in the snapshotter (after
   * a restart only the blobs are loaded) and returns the top chain id, or
   * undefined for an image without layers. Mount it with
   * `snapshotter.prepare(key, chainId)`.
   */
  async unpack(id: string): Promise<string | undefined> {
    const record = this.get(id);
    const chains = chainIds(record.layers.map((l) => l.diffId));
    let parent: string | undefined;
    for (const [i, l] of record.layers.entries()) {
      const chain = chains[i]!;
      try {
        this.snapshotter.stat(chain);
        parent = chain;
        continue;
      } catch {
        // not unpacked yet
      }
      const layer = await layerFromTar(this.content.get(l.digest), this.content);
      parent = this.snapshotter.applyLayer(layer, parent);
    }
    return parent;
  }

  /** The persisted form: records and references (blobs are exported separately). */
  exportState(): ImageStoreState {
    return { images: this.list(), references: Object.fromEntries(this.refs), reportedSizes: Object.fromEntries(this.reportedSizes) };
  }

  /** Digests of every blob the store needs to survive a restart (configs, manifests, layer gzip blobs). */
  blobDigests(): string[] {
    const out = new Set<string>();
    for (const r of this.images.values()) {
      out.add(r.id).add(r.manifestDigest);
      for (const l of r.layers) out.add(l.digest);
    }
    return [...out];
  }

  /** Restores records and references; the blobs must already be in the content store. */
  importState(state: ImageStoreState | undefined): void {
    this.images.clear();
    this.refs.clear();
    this.configs.clear();
    this.reportedSizes.clear();
    for (const [diffId, size] of Object.entries(state?.reportedSizes ?? {})) this.reportedSizes.set(diffId, size);
    for (const r of state?.images ?? []) this.images.set(r.id, r);
    for (const [ref, id] of Object.entries(state?.references ?? {})) if (this.images.has(id)) this.refs.set(ref, id);
  }
}
