/**
 * `docker push` over the distribution API: every layer the registry lacks is
 * mounted from another repository (when the local store knows a source) or
 * uploaded, then the config and the manifest. Uploads resume: sessions an
 * interrupted push left open are remembered in the client context, and the
 * next push asks the registry how far they got (`GET` → `Range`).
 */
import { EngineError } from '../../api/errors.ts';
import type { Digest } from '../oci/digest.ts';
import { familiarString, parseDockerRef, referenceString } from '../oci/reference.ts';
import type { ImageReference } from '../oci/reference.ts';
import { decodeUtf8 } from './bytes.ts';
import type { ClientContext, LayerPushOutcome, Progress, PushResult } from './client.ts';
import { engineErrorFromResponse } from './errors.ts';
import { header, splitTarget } from './http.ts';
import type { RegistryResponse } from './http.ts';
import type { LocalImageStore, MountSources } from './local-store.ts';
import { parseManifest } from './manifest.ts';
import type { Descriptor } from './manifest.ts';
import { shortId } from './progress.ts';

/** dockerd's default `--max-concurrent-uploads`. */
const MAX_CONCURRENT_UPLOADS = 5;

/** `docker push`: every blob the registry lacks is mounted or uploaded, then the manifest is put. */
export async function pushImage(ctx: ClientContext, reference: string | ImageReference, store: LocalImageStore & Partial<MountSources>, progress: Progress = () => {}): Promise<PushResult> {
  const ref = typeof reference === 'string' ? parseDockerRef(reference) : reference;
  const full = referenceString(ref);
  const host = ref.domain;
  const name = ref.path;
  const manifestBlob = store.manifestFor(full);
  if (!manifestBlob) {
    throw new EngineError('NotFound', `An image does not exist locally with the tag: ${familiarString({ domain: ref.domain, path: ref.path })}`, {
      reference: full,
    });
  }
  progress({ status: `The push refers to repository [${host}/${name}]` });
  const parsed = parseManifest(manifestBlob.bytes, manifestBlob.mediaType);
  if (parsed.kind !== 'manifest') throw new EngineError('NotImplemented', 'pushing an image index is not supported', { reference: full });
  const { config, layers } = parsed.manifest;
  const ids = layerIds(store, config.digest, layers);
  // dockerd lists layers from the top down.
  const order = layers.map((l, i) => ({ layer: l, id: ids[i]! })).reverse();
  for (const { id } of order) progress({ id, status: 'Preparing' });
  // dockerd uploads five layers at a time; the rest are queued and say so.
  for (const { id } of order.slice(MAX_CONCURRENT_UPLOADS)) progress({ id, status: 'Waiting' });

  const results: { digest: Digest; outcome: LayerPushOutcome; from?: string }[] = [];
  const done = new Set<Digest>();
  for (const { layer, id } of order) {
    if (done.has(layer.digest)) continue;
    done.add(layer.digest);
    const r = await pushBlob(ctx, host, name, layer.digest, store, (current) =>
      progress({ id, status: 'Pushing', progressDetail: { current, total: layer.size } }),
    );
    progress({ id, status: r.outcome === 'exists' ? 'Layer already exists' : r.outcome === 'mounted' ? `Mounted from ${r.from}` : 'Pushed' });
    results.push({ digest: layer.digest, ...r });
  }
  await pushBlob(ctx, host, name, config.digest, store, () => {});

  const tag = ref.tag ?? (ref.digest === undefined ? 'latest' : undefined);
  const target = tag ?? manifestBlob.digest;
  const res = await ctx.session.send(host, 'PUT', `/v2/${name}/manifests/${target}`, {
    headers: { 'content-type': manifestBlob.mediaType },
    body: manifestBlob.bytes,
  });
  if (res.status !== 201) throw engineErrorFromResponse(res, { reference: full });
  const answered = header(res.headers, 'docker-content-digest');
  if (answered !== undefined && answered !== manifestBlob.digest) {
    throw new EngineError('DataLoss', `registry stored manifest ${answered}, expected ${manifestBlob.digest}`, { reference: full });
  }
  progress({ status: `${tag ?? manifestBlob.digest}: digest: ${manifestBlob.digest} size: ${manifestBlob.bytes.length}` });
  return { reference: full, digest: manifestBlob.digest, size: manifestBlob.bytes.length, layers: results };
}

async function pushBlob(
  ctx: ClientContext,
  host: string,
  name: string,
  digest: Digest,
  store: LocalImageStore & Partial<MountSources>,
  onBytes: (n: number) => void,
): Promise<{ outcome: LayerPushOutcome; from?: string }> {
  const head = await ctx.session.send(host, 'HEAD', `/v2/${name}/blobs/${digest}`);
  if (head.status === 200) return { outcome: 'exists' };
  if (head.status !== 404) throw engineErrorFromResponse(head, { digest });

  for (const from of store.mountSources?.(host, digest) ?? []) {
    if (from === name) continue;
    const res = await ctx.session.send(host, 'POST', `/v2/${name}/blobs/uploads/`, { query: { mount: digest, from } });
    if (res.status === 201) return { outcome: 'mounted', from };
    if (res.status !== 202) throw engineErrorFromResponse(res, { digest });
    // 202: the registry opened an upload instead; keep it for the upload below.
    ctx.openUploads.set(uploadKey(host, name, digest), locationOf(res));
    break;
  }
  await upload(ctx, host, name, digest, store.getBlob(digest), onBytes);
  return { outcome: 'pushed' };
}

/** Uploads one blob, resuming a session an earlier, interrupted push left open. */
async function upload(ctx: ClientContext, host: string, name: string, digest: Digest, data: Uint8Array, onBytes: (n: number) => void): Promise<void> {
  const key = uploadKey(host, name, digest);
  let location: string | undefined = ctx.openUploads.get(key);
  let offset = 0;
  if (location !== undefined) {
    const status = await ctx.session.send(host, 'GET', ...target(location));
    const received = rangeEnd(header(status.headers, 'range'));
    if (status.status === 204 && received !== undefined) {
      location = locationOf(status, location);
      offset = received;
    } else {
      // Abandon the session politely; the registry may already have forgotten it.
      await ctx.session.send(host, 'DELETE', ...target(location)).catch(() => undefined);
      location = undefined;
    }
  }
  if (location === undefined) {
    const res = await ctx.session.send(host, 'POST', `/v2/${name}/blobs/uploads/`);
    if (res.status !== 202) throw engineErrorFromResponse(res, { digest });
    location = locationOf(res);
    offset = 0;
  }
  ctx.openUploads.set(key, location);

  const chunk = ctx.options.chunkSize ?? 0;
  if (chunk > 0) {
    while (offset < data.length) {
      const end = Math.min(data.length, offset + chunk);
      const [path, opts] = target(location);
      const res = await ctx.session.send(host, 'PATCH', path, {
        ...opts,
        headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}` },
        body: data.subarray(offset, end),
      });
      if (res.status !== 202) throw engineErrorFromResponse(res, { digest });
      location = locationOf(res, location);
      ctx.openUploads.set(key, location);
      offset = end;
      onBytes(offset);
    }
  }
  const [path, opts] = target(location);
  const rest = data.subarray(offset);
  const res = await ctx.session.send(host, 'PUT', path, {
    query: { ...opts.query, digest },
    headers: { 'content-type': 'application/octet-stream' },
    body: rest,
  });
  if (res.status !== 201) throw engineErrorFromResponse(res, { digest });
  ctx.openUploads.delete(key);
  onBytes(data.length);
}

/** Push progress ids: dockerd names layers by diff id (from the config's rootfs), else by blob digest. */
function layerIds(store: LocalImageStore, configDigest: Digest, layers: readonly Descriptor[]): string[] {
  let diffIds: unknown[] = [];
  try {
    const config = JSON.parse(decodeUtf8(store.getBlob(configDigest))) as { rootfs?: { diff_ids?: unknown[] } };
    diffIds = config.rootfs?.diff_ids ?? [];
  } catch {
    diffIds = [];
  }
  return layers.map((l, i) => shortId(typeof diffIds[i] === 'string' && diffIds.length === layers.length ? diffIds[i] : l.digest));
}

function uploadKey(host: string, name: string, digest: Digest): string {
  return `${host} ${name} ${digest}`;
}

function locationOf(res: RegistryResponse, fallback?: string): string {
  const loc = header(res.headers, 'location') ?? fallback;
  if (loc === undefined) throw new EngineError('System', 'registry answered an upload request without a Location', { status: res.status });
  return loc;
}

/** A Location as path plus query for `send`. */
function target(location: string): [string, { query: Record<string, string> }] {
  const { path, query } = splitTarget(location);
  return [path, { query }];
}

/**
 * `Range: 0-41` → 42 bytes received. Distribution answers `0-0` both for an
 * empty session and for one holding one byte, so that answer is not trusted
 * (undefined): the client starts a new session instead.
 */
function rangeEnd(range: string | undefined): number | undefined {
  const m = /^(?:bytes=)?0-(\d+)$/.exec(range ?? '');
  const end = m ? Number(m[1]) : 0;
  return end === 0 ? undefined : end + 1;
}
