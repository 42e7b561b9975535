/**
 * `docker pull` over the distribution API: resolve the reference (an image
 * index → the platform's manifest), verify every digest, download only what
 * the local store lacks, and record the image, reporting dockerd's progress
 * messages. Nothing is written until everything is verified.
 */
import { EngineError } from '../../api/errors.ts';
import { isDigest, sha256Digest } from '../oci/digest.ts';
import type { Digest } from '../oci/digest.ts';
import { familiarString, parseDockerRef, referenceString } from '../oci/reference.ts';
import type { ImageReference } from '../oci/reference.ts';
import type { ClientContext, Progress, PullResult } from './client.ts';
import { engineErrorFromResponse, parseErrorBody } from './errors.ts';
import { header } from './http.ts';
import type { RegistryResponse } from './http.ts';
import type { LocalImageStore, ManifestBlob } from './local-store.ts';
import { MANIFEST_ACCEPT, ManifestParseError, parseManifest, selectPlatform } from './manifest.ts';
import type { Descriptor, ImageManifest } from './manifest.ts';
import { shortId } from './progress.ts';

/** dockerd's default `--max-concurrent-downloads`. */
const MAX_CONCURRENT_DOWNLOADS = 3;

/** `docker pull`: resolve, verify, download what is missing, then record the image. */
export async function pullImage(ctx: ClientContext, reference: string | ImageReference, store: LocalImageStore, progress: Progress): Promise<PullResult> {
  const ref = typeof reference === 'string' ? parseDockerRef(reference) : reference;
  const full = referenceString(ref);
  const host = ref.domain;
  const name = ref.path;
  const wanted = ref.digest ?? ref.tag ?? 'latest';
  const top = await fetchManifest(ctx, ref, wanted);
  // Like dockerd, only once the reference resolved: a failed pull prints no "Pulling from".
  progress({ id: wanted, status: `Pulling from ${name}` });
  let manifestBlob = top;
  let parsed = parseManifest(top.bytes, top.mediaType);
  if (parsed.kind === 'index') {
    const platform = ctx.options.platform ?? { os: 'linux', architecture: 'amd64' };
    const chosen = selectPlatform(parsed.index, platform);
    if (!chosen) {
      throw new EngineError('NotFound', `no matching manifest for ${platform.os}/${platform.architecture} in the manifest list entries`, {
        reference: full,
      });
    }
    manifestBlob = await fetchManifest(ctx, ref, chosen.digest);
    parsed = parseManifest(manifestBlob.bytes, manifestBlob.mediaType);
    if (parsed.kind !== 'manifest') throw new EngineError('InvalidParameter', `nested image index in ${full} is not supported`, { reference: full });
  }
  const manifest: ImageManifest = parsed.manifest;
  for (const d of [manifest.config, ...manifest.layers]) {
    if (!isDigest(d.digest)) throw new EngineError('InvalidParameter', `invalid digest ${d.digest} in manifest for ${full}`, { reference: full });
  }

  // Nothing is written until everything is verified: a bad blob leaves the local store as it was.
  const fetched = new Map<Digest, Uint8Array>();
  if (!store.hasBlob(manifest.config.digest)) {
    fetched.set(manifest.config.digest, await fetchBlob(ctx, host, name, manifest.config, () => {}));
  }
  const missing = manifest.layers.filter((l, i) => !store.hasBlob(l.digest) && manifest.layers.findIndex((o) => o.digest === l.digest) === i);
  for (const layer of manifest.layers) {
    progress({ id: shortId(layer.digest), status: store.hasBlob(layer.digest) ? 'Already exists' : 'Pulling fs layer' });
  }
  // dockerd downloads three layers at a time; the rest are queued and say so.
  for (const layer of missing.slice(MAX_CONCURRENT_DOWNLOADS)) progress({ id: shortId(layer.digest), status: 'Waiting' });
  for (const layer of missing) {
    const id = shortId(layer.digest);
    fetched.set(layer.digest, await fetchBlob(ctx, host, name, layer, (current) => progress({ id, status: 'Downloading', progressDetail: { current, total: layer.size } })));
    progress({ id, status: 'Verifying Checksum' });
    progress({ id, status: 'Download complete' });
  }
  for (const [digest, data] of fetched) store.putBlob(data, digest);
  for (const layer of missing) progress({ id: shortId(layer.digest), status: 'Pull complete' });

  const upToDate = fetched.size === 0 && store.imageIdFor(full) === manifest.config.digest;
  await store.putImage({
    reference: full,
    repoDigest: top.digest,
    manifest: manifestBlob,
    configDigest: manifest.config.digest,
    layers: manifest.layers.map((l) => l.digest),
  });
  progress({ status: `Digest: ${top.digest}` });
  progress({ status: `Status: ${upToDate ? 'Image is up to date' : 'Downloaded newer image'} for ${familiarString(ref)}` });
  return {
    reference: full,
    digest: top.digest,
    manifest: manifestBlob,
    configDigest: manifest.config.digest,
    layers: manifest.layers,
    downloaded: [...fetched.keys()],
    status: upToDate ? 'up-to-date' : 'downloaded',
  };
}

/** GETs a manifest by tag or digest and checks its bytes against the digest it must have. */
async function fetchManifest(ctx: ClientContext, ref: ImageReference, tagOrDigest: string): Promise<ManifestBlob> {
  const res = await ctx.session.send(ref.domain, 'GET', `/v2/${ref.path}/manifests/${tagOrDigest}`, {
    headers: { accept: MANIFEST_ACCEPT.join(', ') },
  });
  if (res.status !== 200) throw pullError(ref, tagOrDigest, res);
  const digest = sha256Digest(res.body);
  const claimed = header(res.headers, 'docker-content-digest');
  const expected = isDigest(tagOrDigest) ? tagOrDigest : claimed;
  if (expected !== undefined && expected !== digest) {
    throw new EngineError('DataLoss', `manifest verification failed for digest ${expected}`, { expected, actual: digest });
  }
  let mediaType: string;
  try {
    mediaType = parseManifest(res.body, header(res.headers, 'content-type') ?? '').mediaType;
  } catch (err) {
    if (!(err instanceof ManifestParseError)) throw err;
    throw new EngineError('InvalidParameter', `invalid manifest for ${familiarString(ref)}: ${err.message}`, { reference: referenceString(ref), digest });
  }
  return { digest, mediaType, bytes: res.body };
}

/** GETs a blob and verifies its size and digest. */
async function fetchBlob(ctx: ClientContext, host: string, name: string, d: Descriptor, onBytes: (n: number) => void): Promise<Uint8Array> {
  const res = await ctx.session.send(host, 'GET', `/v2/${name}/blobs/${d.digest}`);
  if (res.status !== 200) throw engineErrorFromResponse(res, { digest: d.digest });
  const step = ctx.options.progressStep ?? 512 * 1024;
  for (let at = Math.min(step, res.body.length); at < res.body.length; at += step) onBytes(at);
  onBytes(res.body.length);
  if (sha256Digest(res.body) !== d.digest || (d.size > 0 && res.body.length !== d.size)) {
    throw new EngineError('DataLoss', `filesystem layer verification failed for digest ${d.digest}`, {
      digest: d.digest,
      actual: sha256Digest(res.body),
    });
  }
  return res.body;
}

/** The error docker reports when a manifest cannot be fetched. */
function pullError(ref: ImageReference, tagOrDigest: string, res: RegistryResponse): EngineError {
  const codes = parseErrorBody(res.body).map((e) => e.code);
  const repo = familiarString({ domain: ref.domain, path: ref.path });
  if (res.status === 401 || res.status === 403 || codes.includes('NAME_UNKNOWN')) {
    const base = engineErrorFromResponse(res, { reference: referenceString(ref) });
    return new EngineError(base.code, `pull access denied for ${repo}, repository does not exist or may require 'docker login': ${base.message}`, base.data);
  }
  if (codes.includes('MANIFEST_UNKNOWN')) {
    const base = engineErrorFromResponse(res, { reference: referenceString(ref) });
    const sep = isDigest(tagOrDigest) ? '@' : ':';
    return new EngineError('NotFound', `manifest for ${repo}${sep}${tagOrDigest} not found: ${base.message}`, base.data);
  }
  return engineErrorFromResponse(res, { reference: referenceString(ref) });
}
