/**
 * `docker save` as Docker ≥ 25 writes it (moby daemon/internal/image/tarexport/save.go):
 * one tar that is at once an OCI image layout (`oci-layout`, `index.json`,
 * `blobs/sha256/…`) and a docker-archive (`manifest.json`, `repositories`).
 * Layers are stored uncompressed under their diffId, so the archive's OCI
 * manifests name `…layer.v1.tar` blobs, not the gzip blobs of the store.
 */
import { gunzipSync } from 'fflate';
import { packTar } from 'modern-tar';
import type { TarHeader } from 'modern-tar';
import { EngineError } from '../../api/index.ts';
import { digestHex, sha256Digest } from '../oci/digest.ts';
import type { ImageReference } from '../oci/reference.ts';
import { familiarName, familiarString, parseNormalizedNamed, referenceName, referenceString } from '../oci/reference.ts';
import { unixSeconds } from './config.ts';
import { MEDIA_TYPE } from './media-types.ts';
import type { ImageRecord } from './record.ts';
import type { ImageStore } from './store.ts';
import { utf8Encode } from '../fs/utf8.ts';

const utf8 = { encode: utf8Encode };

interface Export {
  readonly record: ImageRecord;
  readonly refs: ImageReference[];
}

/** Which images and tags each argument names: a bare repository name means all its tags. */
function selectImages(store: ImageStore, names: readonly string[]): Export[] {
  const out = new Map<string, Export>();
  const add = (record: ImageRecord, ref?: ImageReference) => {
    const e = out.get(record.id) ?? { record, refs: [] };
    if (ref && !e.refs.some((r) => referenceString(r) === referenceString(ref))) e.refs.push(ref);
    out.set(record.id, e);
  };
  for (const name of names) {
    const record = store.resolve(name);
    if (/^(?:sha256:)?[a-f0-9]+$/.test(name) && record.id.slice(7).startsWith(name.replace(/^sha256:/, ''))) {
      add(record);
      continue;
    }
    const named = parseNormalizedNamed(name);
    if (named.tag === undefined && named.digest === undefined) {
      for (const r of store.list()) {
        for (const ref of store.references(r.id)) {
          if (ref.tag !== undefined && referenceName(ref) === referenceName(named)) add(r, ref);
        }
      }
    } else if (named.tag !== undefined) add(record, named);
    else add(record);
  }
  return [...out.values()];
}

/** A tar entry; blobs carry the image's creation time, metadata files the epoch (as moby writes them). */
function file(name: string, data: Uint8Array, mtimeSec: number): { header: TarHeader; body: Uint8Array } {
  return { header: { name, size: data.length, mode: 0o644, mtime: new Date(mtimeSec * 1000), uname: '', gname: '', type: 'file' }, body: data };
}

function dir(name: string): { header: TarHeader } {
  return { header: { name, size: 0, mode: 0o755, mtime: new Date(0), uname: '', gname: '', type: 'directory' } };
}

export async function saveImages(store: ImageStore, names: readonly string[]): Promise<Uint8Array> {
  const exports = selectImages(store, names);
  const blobs = new Map<string, { data: Uint8Array; mtime: number }>();
  const manifestJson: unknown[] = [];
  const indexManifests: unknown[] = [];
  const repositories: Record<string, Record<string, string>> = {};
  for (const { record, refs } of exports) {
    if (record.layers.length === 0) throw new EngineError('NotImplemented', 'empty export - not implemented', { id: record.id });
    const created = unixSeconds(store.config(record.id).created);
    const configBytes = store.content.get(record.id);
    blobs.set(record.id, { data: configBytes, mtime: created });
    const layerPaths: string[] = [];
    const layerDescs: unknown[] = [];
    for (const l of record.layers) {
      // The tar the diffId names: kept, or the gzip blob's content (never a re-pack, whose bytes could differ).
      const tar = store.content.has(l.diffId) ? store.content.get(l.diffId) : gunzipSync(store.content.get(l.digest));
      if (sha256Digest(tar) !== l.diffId) throw new EngineError('DataLoss', `layer ${l.diffId} does not match its stored content`, { diffId: l.diffId });
      blobs.set(l.diffId, { data: tar, mtime: created });
      layerPaths.push(`blobs/sha256/${digestHex(l.diffId)}`);
      layerDescs.push({ mediaType: MEDIA_TYPE.ociLayerTar, digest: l.diffId, size: tar.length });
    }
    const manifest = utf8.encode(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MEDIA_TYPE.ociManifest,
        config: { mediaType: MEDIA_TYPE.ociConfig, digest: record.id, size: configBytes.length },
        layers: layerDescs,
      }),
    );
    const manifestDigest = sha256Digest(manifest);
    blobs.set(manifestDigest, { data: manifest, mtime: 0 });
    const descriptor = { mediaType: MEDIA_TYPE.ociManifest, digest: manifestDigest, size: manifest.length };
    if (refs.length === 0) indexManifests.push(descriptor);
    for (const ref of refs) {
      indexManifests.push({
        ...descriptor,
        annotations: { 'io.containerd.image.name': referenceString(ref), 'org.opencontainers.image.ref.name': ref.tag! },
      });
      (repositories[familiarName(ref)] ??= {})[ref.tag!] = digestHex(record.layers.at(-1)!.diffId);
    }
    manifestJson.push({ Config: `blobs/sha256/${digestHex(record.id)}`, RepoTags: refs.length > 0 ? refs.map(familiarString) : null, Layers: layerPaths });
  }
  const entries: ({ header: TarHeader; body?: Uint8Array })[] = [dir('blobs/'), dir('blobs/sha256/')];
  for (const [digest, b] of [...blobs].sort(([a], [b]) => (a < b ? -1 : 1))) entries.push(file(`blobs/sha256/${digestHex(digest)}`, b.data, b.mtime));
  const index = { schemaVersion: 2, mediaType: MEDIA_TYPE.ociIndex, manifests: indexManifests };
  entries.push(file('index.json', utf8.encode(`${JSON.stringify(index)}\n`), 0));
  entries.push(file('manifest.json', utf8.encode(`${JSON.stringify(manifestJson)}\n`), 0));
  entries.push(file('oci-layout', utf8.encode('{"imageLayoutVersion": "1.0.0"}'), 0));
  if (Object.keys(repositories).length > 0) entries.push(file('repositories', utf8.encode(`${JSON.stringify(repositories)}\n`), 0));
  return new Uint8Array(await packTar(entries));
}
