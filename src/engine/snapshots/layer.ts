import type { ContentStore } from '../content/store.ts';
import { canonicalEntries } from '../fs/changes.ts';
import type { LayerEntry } from '../fs/changes.ts';
import { gunzipSync } from 'fflate';
import { entriesToTar, gzipLayer, isGzip, tarToEntries } from '../fs/layer-tar.ts';
import { sha256Digest } from '../oci/digest.ts';
import type { Digest } from '../oci/digest.ts';

/**
 * An image layer: an immutable change set plus its identities. `diffId` names
 * the uncompressed tar (what `rootfs.diff_ids` lists and chain ids are built
 * from); `digest` names the gzip blob (what manifests and registries use).
 * Both follow from the entries alone, so equal content means equal ids.
 */
export interface Layer {
  readonly diffId: Digest;
  readonly digest: Digest;
  /** Bytes of the uncompressed tar. */
  readonly size: number;
  readonly compressedSize: number;
  /** Entries in canonical order, hard links after the name they link to (see canonicalEntries). */
  readonly entries: readonly LayerEntry[];
}

/**
 * Builds a layer from entries. With a content store, both the tar (under its
 * diffId) and the gzip blob (under its digest) are stored, so images can be
 * saved and pushed without re-packing.
 */
export async function createLayer(entries: readonly LayerEntry[], store?: ContentStore): Promise<Layer> {
  const sorted = canonicalEntries(entries.map(canonical));
  const tar = await entriesToTar(sorted);
  const gz = gzipLayer(tar);
  const diffId = store ? store.put(tar).digest : sha256Digest(tar);
  const digest = store ? store.put(gz).digest : sha256Digest(gz);
  return Object.freeze({ diffId, digest, size: tar.length, compressedSize: gz.length, entries: Object.freeze(sorted) });
}

/**
 * Reads a layer blob (gzip or plain tar) as it was produced elsewhere (docker
 * load, a registry pull): the ids are those of the given bytes, not of a
 * re-packed canonical tar, because `rootfs.diff_ids` and manifests name the
 * bytes. With a store, the original tar and blob are kept under those ids.
 */
export async function layerFromTar(bytes: Uint8Array, store?: ContentStore): Promise<Layer> {
  const gz = isGzip(bytes) ? bytes : gzipLayer(bytes);
  const tar = isGzip(bytes) ? gunzipSync(bytes) : bytes;
  const entries = await tarToEntries(tar);
  const diffId = store ? store.put(tar).digest : sha256Digest(tar);
  const digest = store ? store.put(gz).digest : sha256Digest(gz);
  return Object.freeze({ diffId, digest, size: tar.length, compressedSize: gz.length, entries: Object.freeze(entries) });
}

/**
 * The layer's uncompressed tar, byte for byte what its diffId names: from the
 * store when it holds it (imported layers), else re-packed canonically.
 */
export async function layerTar(layer: Layer, store?: ContentStore): Promise<Uint8Array> {
  if (store?.has(layer.diffId)) return store.get(layer.diffId);
  return entriesToTar(layer.entries);
}

/** The layer's gzip blob, byte for byte what its digest names (for layers built here). */
export async function layerBlob(layer: Layer, store?: ContentStore): Promise<Uint8Array> {
  if (store?.has(layer.digest)) return store.get(layer.digest);
  return gzipLayer(await entriesToTar(layer.entries));
}

/** What the tar can carry: whole-second mtimes, and none on opaque markers (moby writes them without one). */
function canonical(e: LayerEntry): LayerEntry {
  const mtimeMs = e.kind === 'opaque' ? 0 : Math.floor(e.mtimeMs / 1000) * 1000;
  return mtimeMs === e.mtimeMs ? e : { ...e, mtimeMs };
}
