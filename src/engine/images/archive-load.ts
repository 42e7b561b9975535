/**
 * `docker load` (moby tarexport/load.go): reads a docker-archive
 * (`manifest.json`, from docker save, podman save, skopeo) or, failing that,
 * an OCI image layout (`index.json`). Config bytes are kept exactly, so the
 * image id is the producer's; layers may be plain or gzip tars and must hash
 * to the config's `rootfs.diff_ids`.
 */
import { gunzipSync } from 'fflate';
import { unpackTar } from 'modern-tar';
import { isGzip } from '../fs/layer-tar.ts';
import { EngineError } from '../../api/index.ts';
import { digestHex, sha256Digest } from '../oci/digest.ts';
import { familiarString, parseNormalizedNamed, tagNameOnly } from '../oci/reference.ts';
import { layerFromTar } from '../snapshots/layer.ts';
import { parseConfig } from './config.ts';
import type { Image, ImageLayer } from './image.ts';
import type { ImageStore } from './store.ts';
import { utf8Decode } from '../fs/utf8.ts';

const utf8 = { decode: utf8Decode };

interface ManifestItem {
  readonly Config: string;
  readonly RepoTags: readonly string[] | null;
  readonly Layers: readonly string[];
}

function invalid(message: string): EngineError {
  return new EngineError('InvalidParameter', message, {});
}

/** Normalises archive paths (`./a`, `a`) to one key. */
function key(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** The manifest.json items, or ones derived from an OCI layout's index.json. */
function manifestItems(files: ReadonlyMap<string, Uint8Array>): ManifestItem[] {
  const manifest = files.get('manifest.json');
  if (manifest) return JSON.parse(utf8.decode(manifest)) as ManifestItem[];
  const index = files.get('index.json');
  if (!index) throw invalid('invalid tar file: no manifest.json or index.json found');
  const items: ManifestItem[] = [];
  const blob = (digest: string) => {
    const b = files.get(`blobs/sha256/${digestHex(digest)}`);
    if (!b) throw invalid(`missing blob ${digest}`);
    return b;
  };
  const visit = (desc: { digest: string; annotations?: Record<string, string> }) => {
    const doc = JSON.parse(utf8.decode(blob(desc.digest))) as { manifests?: typeof desc[]; config?: { digest: string }; layers?: { digest: string }[] };
    if (doc.manifests) {
      for (const m of doc.manifests) visit(m);
      return;
    }
    const name = desc.annotations?.['io.containerd.image.name'];
    items.push({
      Config: `blobs/sha256/${digestHex(doc.config!.digest)}`,
      RepoTags: name ? [familiarString(parseNormalizedNamed(name))] : null,
      Layers: (doc.layers ?? []).map((l) => `blobs/sha256/${digestHex(l.digest)}`),
    });
  };
  for (const m of (JSON.parse(utf8.decode(index)) as { manifests: { digest: string; annotations?: Record<string, string> }[] }).manifests) visit(m);
  return items;
}

/** Loads every image of the archive; returns docker's `Loaded image…` lines and the names (or ids) loaded. */
export async function loadImages(store: ImageStore, tar: Uint8Array): Promise<{ messages: string[]; images: string[] }> {
  let entries;
  try {
    // docker load also takes the archive gzip-compressed (`docker save … | gzip`).
    entries = await unpackTar(isGzip(tar) ? gunzipSync(tar) : tar);
  } catch (e) {
    throw invalid(`invalid tar file: ${(e as Error).message}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const e of entries) if ((e.header.type ?? 'file') === 'file') files.set(key(e.header.name), e.data ?? new Uint8Array(0));
  const messages: string[] = [];
  const images: string[] = [];
  for (const item of manifestItems(files)) {
    const configBytes = files.get(key(item.Config));
    if (!configBytes) throw invalid(`invalid manifest, config ${item.Config} not found`);
    const config = parseConfig(utf8.decode(configBytes));
    if (config.rootfs.diff_ids.length !== item.Layers.length) throw invalid('invalid manifest, layers length mismatch');
    const layers: ImageLayer[] = [];
    for (const [i, path] of item.Layers.entries()) {
      const bytes = files.get(key(path));
      if (!bytes) throw invalid(`invalid manifest, layer ${path} not found`);
      const layer = await layerFromTar(bytes, store.content);
      const expected = config.rootfs.diff_ids[i]!;
      if (layer.diffId !== expected) throw invalid(`invalid diffID for layer ${i}: expected ${expected}, got ${layer.diffId}`);
      layers.push({ layer });
    }
    const image: Image = { config, layers };
    const record = await store.put(image, { configBytes });
    if (record.id !== sha256Digest(configBytes)) throw invalid('image id does not match its config');
    const tags = item.RepoTags ?? [];
    for (const tag of tags) {
      const ref = tagNameOnly(parseNormalizedNamed(tag));
      const old = store.referenceTarget(ref);
      if (old !== undefined && old !== record.id) {
        messages.push(`The image ${familiarString(ref)} already exists, renaming the old one with ID ${old} to empty string`);
      }
      store.addReference(ref, record.id);
      messages.push(`Loaded image: ${familiarString(ref)}`);
      images.push(familiarString(ref));
    }
    if (tags.length === 0) {
      messages.push(`Loaded image ID: ${record.id}`);
      images.push(record.id);
    }
  }
  return { messages, images };
}
