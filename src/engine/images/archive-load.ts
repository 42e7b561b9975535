/**
 * `docker load` (moby tarexport/load.go): reads a docker-archive
 * (`manifest.json`, from docker save, podman save, skopeo) or, failing that,
 * an OCI image layout (`index.json`). Config bytes are kept exactly, so the
 * image id is the producer's; layers may be plain or gzip tars and must hash
 * to the config's `rootfs.diff_ids`.
 */
import { isEngineError } from '../../api/index.ts';
import { gunzipBounded, invalidArchive as invalid, readTarChecked } from './archive-check.ts';
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

/** Normalises archive paths (`./a`, `a`) to one key. */
function key(path: string): string {
  return path.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/** The manifest.json items, or ones derived from an OCI layout's index.json. */
function manifestItems(files: ReadonlyMap<string, Uint8Array>): ManifestItem[] {
  const manifest = files.get('manifest.json');
  if (manifest) return checkManifest(json(manifest, 'manifest.json'));
  const index = files.get('index.json');
  if (!index) throw invalid('invalid tar file: no manifest.json or index.json found');
  const items: ManifestItem[] = [];
  const visited = new Set<string>();
  const blob = (digest: string) => {
    const b = files.get(`blobs/sha256/${digestHex(digest)}`);
    if (!b) throw invalid(`missing blob ${digest}`);
    return b;
  };
  const visit = (desc: { digest: string; annotations?: Record<string, string> }) => {
    if (typeof desc?.digest !== 'string') throw invalid('invalid OCI layout: a descriptor has no digest');
    // An index may list itself: each blob is read once, so a cycle ends.
    if (visited.has(desc.digest)) return;
    visited.add(desc.digest);
    const doc = json(blob(desc.digest), `blob ${desc.digest}`) as { manifests?: typeof desc[]; config?: { digest: string }; layers?: { digest: string }[] };
    if (Array.isArray(doc.manifests)) {
      for (const m of doc.manifests) visit(m);
      return;
    }
    if (typeof doc.config?.digest !== 'string') throw invalid(`invalid OCI layout: manifest ${desc.digest} has no config`);
    const name = desc.annotations?.['io.containerd.image.name'];
    items.push({
      Config: `blobs/sha256/${digestHex(doc.config!.digest)}`,
      RepoTags: name ? [familiarString(parseNormalizedNamed(name))] : null,
      Layers: (doc.layers ?? []).map((l) => `blobs/sha256/${digestHex(l.digest)}`),
    });
  };
  const top = json(index, 'index.json') as { manifests?: unknown };
  if (!Array.isArray(top.manifests)) throw invalid('invalid OCI layout: index.json has no manifests');
  for (const m of top.manifests as { digest: string; annotations?: Record<string, string> }[]) visit(m);
  if (items.length === 0) throw invalid('invalid OCI layout: no images in the archive');
  return items;
}

/** A JSON document of the archive; `what` names it when it does not parse. */
function json(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (e) {
    throw invalid(`invalid ${what}: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null) throw invalid(`invalid ${what}: not a JSON object or array`);
  return value as Record<string, unknown>;
}

/** manifest.json as docker save writes it: a list of {Config, RepoTags, Layers}. */
function checkManifest(value: unknown): ManifestItem[] {
  if (!Array.isArray(value)) throw invalid('invalid manifest.json: not a list of images');
  for (const [i, item] of value.entries()) {
    const it = item as Partial<ManifestItem> | null;
    const ok =
      typeof it === 'object' && it !== null && typeof it.Config === 'string' && Array.isArray(it.Layers) && it.Layers.every((l) => typeof l === 'string') &&
      (it.RepoTags == null || (Array.isArray(it.RepoTags) && it.RepoTags.every((t) => typeof t === 'string')));
    if (!ok) throw invalid(`invalid manifest.json: image ${i} needs a Config string, a Layers list and RepoTags strings or null`);
  }
  return value as ManifestItem[];
}

/** Loads every image of the archive; returns docker's `Loaded image…` lines and the names (or ids) loaded. */
export async function loadImages(store: ImageStore, tar: Uint8Array): Promise<{ messages: string[]; images: string[] }> {
  try {
    return await loadChecked(store, tar);
  } catch (e) {
    if (isEngineError(e)) throw e;
    // Anything else is a surprise in hostile input: say so, as a refusal, never as a crash.
    throw invalid(`invalid image archive: ${(e as Error).message}`);
  }
}

async function loadChecked(store: ImageStore, tar: Uint8Array): Promise<{ messages: string[]; images: string[] }> {
  // docker load also takes the archive gzip-compressed (`docker save … | gzip`).
  const entries = await readTarChecked(gunzipBounded(tar, 'archive'), 'archive', false);
  const files = new Map<string, Uint8Array>();
  for (const e of entries) if ((e.header.type ?? 'file') === 'file') files.set(key(e.header.name), e.data ?? new Uint8Array(0));
  const messages: string[] = [];
  const images: string[] = [];
  for (const item of manifestItems(files)) {
    const configBytes = files.get(key(item.Config));
    if (!configBytes) throw invalid(`invalid manifest, config ${item.Config} not found`);
    let config;
    try {
      config = parseConfig(utf8.decode(configBytes));
    } catch (e) {
      throw invalid(`invalid image config ${item.Config}: ${(e as Error).message}`);
    }
    if (config.rootfs.diff_ids.length !== item.Layers.length) throw invalid('invalid manifest, layers length mismatch');
    const layers: ImageLayer[] = [];
    for (const [i, path] of item.Layers.entries()) {
      const bytes = files.get(key(path));
      if (!bytes) throw invalid(`invalid manifest, layer ${path} not found`);
      const layerTar = gunzipBounded(bytes, `layer ${path}`);
      await readTarChecked(layerTar, `layer ${path}`, true);
      // The original bytes: a gzip layer keeps its digest (the size trailer was checked against the bounded inflate).
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
