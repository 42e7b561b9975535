/**
 * A small image made the way Layerlab makes images: deterministic layers from
 * createLayer, a config naming their diff ids, an OCI manifest naming the
 * blobs. Shared by the registry unit tests, the oracle and the bench.
 */
import type { LayerEntry } from '../../src/engine/fs/changes.ts';
import { sha256Digest } from '../../src/engine/oci/digest.ts';
import type { Digest } from '../../src/engine/oci/digest.ts';
import { MemoryImageStore, MediaType } from '../../src/engine/registry/index.ts';
import type { ManifestBlob } from '../../src/engine/registry/index.ts';
import { createLayer, layerBlob } from '../../src/engine/snapshots/layer.ts';

const T = Date.UTC(2026, 0, 2);
const enc = (s: string) => new TextEncoder().encode(s);

export interface FixtureImage {
  readonly manifest: ManifestBlob;
  readonly config: { readonly digest: Digest; readonly bytes: Uint8Array };
  readonly layers: readonly { readonly digest: Digest; readonly diffId: Digest; readonly blob: Uint8Array }[];
}

/** `layerCount` layers; `seed` varies the content so two fixtures share nothing unless asked to. */
export async function makeImage(options: { seed?: string; layerCount?: number; fileSize?: number; shareBase?: boolean } = {}): Promise<FixtureImage> {
  const seed = options.seed ?? 'a';
  const count = options.layerCount ?? 2;
  const layers = [];
  for (let i = 0; i < count; i++) {
    const tag = i === 0 && options.shareBase ? 'base' : `${seed}-${i}`;
    const size = options.fileSize ?? 64;
    // Pseudo-random bytes (xorshift32 seeded by the tag): gzip cannot shrink them, so sizes are real.
    const body = new Uint8Array(size);
    let x = [...tag].reduce((h, c) => (h * 33 + c.charCodeAt(0)) >>> 0, 2166136261) || 1;
    for (let k = 0; k < size; k++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      body[k] = x & 0xff;
    }
    const entries: LayerEntry[] = [
      { kind: 'dir', path: `layer${i}`, mode: 0o755, uid: 0, gid: 0, mtimeMs: T },
      { kind: 'file', path: `layer${i}/hello.txt`, mode: 0o644, uid: 0, gid: 0, mtimeMs: T, data: enc(`hello from ${tag}\n`) },
      { kind: 'file', path: `layer${i}/data.bin`, mode: 0o644, uid: 0, gid: 0, mtimeMs: T, data: body },
    ];
    const layer = await createLayer(entries);
    layers.push({ digest: layer.digest, diffId: layer.diffId, blob: await layerBlob(layer) });
  }
  const config = enc(
    JSON.stringify({
      architecture: 'amd64',
      config: { Cmd: ['/bin/sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
      created: '2026-01-02T00:00:00Z',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    }),
  );
  const configDigest = sha256Digest(config);
  const manifestBytes = enc(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, digest: configDigest, size: config.length },
      layers: layers.map((l) => ({ mediaType: MediaType.ociLayerGzip, digest: l.digest, size: l.blob.length })),
    }),
  );
  return {
    manifest: { digest: sha256Digest(manifestBytes), mediaType: MediaType.ociManifest, bytes: manifestBytes },
    config: { digest: configDigest, bytes: config },
    layers,
  };
}

/** A local store holding the fixture under `reference`. */
export function storeWith(image: FixtureImage, reference: string, store = new MemoryImageStore()): MemoryImageStore {
  store.putBlob(image.config.bytes, image.config.digest);
  for (const l of image.layers) store.putBlob(l.blob, l.digest);
  store.tag(reference, { manifest: image.manifest, configDigest: image.config.digest });
  return store;
}
