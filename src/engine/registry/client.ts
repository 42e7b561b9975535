/**
 * The registry client: `docker pull` and `docker push` over the distribution
 * API, through any Transport. It verifies every digest it receives, never
 * stores a byte that failed verification, skips blobs the local store already
 * holds, mounts blobs across repositories when it knows a source, and reports
 * progress as dockerd's message stream.
 *
 * An interrupted push resumes: upload sessions that were open when a request
 * failed are remembered per (host, repository, digest); the next push asks the
 * registry how far the session got (`GET` → `Range`) and sends the rest. A
 * session the registry no longer knows is abandoned and a new one started.
 *
 * Authentication: Basic credentials from `docker login` on every request
 * (what the simulated registries read), and the bearer-token flow when a
 * registry answers with a `Bearer` challenge (real registries).
 */
import { EngineError } from '../../api/errors.ts';
import { isDigest, sha256Digest } from '../oci/digest.ts';
import type { Digest } from '../oci/digest.ts';
import { familiarString, parseDockerRef, referenceString } from '../oci/reference.ts';
import type { ImageReference } from '../oci/reference.ts';
import { base64Encode, decodeUtf8, encodeUtf8 } from './bytes.ts';
import { engineErrorFromResponse, parseErrorBody } from './errors.ts';
import { header, splitTarget } from './http.ts';
import type { RegistryResponse, Transport } from './http.ts';
import type { LocalImageStore, ManifestBlob, MountSources } from './local-store.ts';
import { MANIFEST_ACCEPT, ManifestParseError, parseManifest, selectPlatform } from './manifest.ts';
import type { Descriptor, ImageManifest, Platform } from './manifest.ts';
import { shortId } from './progress.ts';
import { parseChallenge, tokenOf, tokenRequest } from './token-auth.ts';
import type { ProgressMessage } from './progress.ts';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface RegistryClientOptions {
  readonly transport: Transport;
  /** Credentials for a registry host (from `docker login`), if any. */
  readonly credentials?: (host: string) => Credentials | undefined;
  /** Platform picked from image indexes; docker's default here is linux/amd64. */
  readonly platform?: Platform;
  /** Upload in PATCH chunks of this many bytes; 0 (default) sends each blob in the closing PUT. */
  readonly chunkSize?: number;
  /** How many bytes a `Downloading`/`Pushing` message stands for (progress granularity). */
  readonly progressStep?: number;
}

export type Progress = (message: ProgressMessage) => void;

export interface PullResult {
  /** Normalised reference pulled, `docker.io/library/busybox:latest`. */
  readonly reference: string;
  /** What the reference resolved to (the index digest for multi-platform images): docker's `Digest:` line. */
  readonly digest: Digest;
  readonly manifest: ManifestBlob;
  /** The image id. */
  readonly configDigest: Digest;
  readonly layers: readonly Descriptor[];
  /** Blobs transferred (config and layers not already present locally). */
  readonly downloaded: readonly Digest[];
  readonly status: 'downloaded' | 'up-to-date';
}

export type LayerPushOutcome = 'pushed' | 'exists' | 'mounted';

export interface PushResult {
  readonly reference: string;
  /** Manifest digest and size, as in `latest: digest: sha256:… size: 527`. */
  readonly digest: Digest;
  readonly size: number;
  readonly layers: readonly { readonly digest: Digest; readonly outcome: LayerPushOutcome; readonly from?: string }[];
}

const EMPTY = new Uint8Array(0);
/** dockerd's defaults (`--max-concurrent-downloads`, `--max-concurrent-uploads`). */
const MAX_CONCURRENT_DOWNLOADS = 3;
const MAX_CONCURRENT_UPLOADS = 5;

export class RegistryClient {
  private readonly transport: Transport;
  private readonly options: RegistryClientOptions;
  /** Upload sessions left open by an interrupted push: `host name digest` → Location. */
  private readonly openUploads = new Map<string, string>();
  /** Bearer tokens from registries' token servers: `host repository` → token. */
  private readonly tokens = new Map<string, string>();

  constructor(options: RegistryClientOptions) {
    this.transport = options.transport;
    this.options = options;
  }

  /** Upload sessions remembered for resumption (an interrupted push leaves some). */
  get pendingUploads(): number {
    return this.openUploads.size;
  }

  // ---------------------------------------------------------------- pull

  /** `docker pull`: resolve, verify, download what is missing, then record the image. */
  async pull(reference: string | ImageReference, store: LocalImageStore, progress: Progress = () => {}): Promise<PullResult> {
    const ref = typeof reference === 'string' ? parseDockerRef(reference) : reference;
    const full = referenceString(ref);
    const host = ref.domain;
    const name = ref.path;
    const wanted = ref.digest ?? ref.tag ?? 'latest';
    const top = await this.fetchManifest(ref, wanted);
    // Like dockerd, only once the reference resolved: a failed pull prints no "Pulling from".
    progress({ id: wanted, status: `Pulling from ${name}` });
    let manifestBlob = top;
    let parsed = parseManifest(top.bytes, top.mediaType);
    if (parsed.kind === 'index') {
      const platform = this.options.platform ?? { os: 'linux', architecture: 'amd64' };
      const chosen = selectPlatform(parsed.index, platform);
      if (!chosen) {
        throw new EngineError('NotFound', `no matching manifest for ${platform.os}/${platform.architecture} in the manifest list entries`, {
          reference: full,
        });
      }
      manifestBlob = await this.fetchManifest(ref, chosen.digest);
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
      fetched.set(manifest.config.digest, await this.fetchBlob(host, name, manifest.config, () => {}));
    }
    const missing = manifest.layers.filter((l, i) => !store.hasBlob(l.digest) && manifest.layers.findIndex((o) => o.digest === l.digest) === i);
    for (const layer of manifest.layers) {
      progress({ id: shortId(layer.digest), status: store.hasBlob(layer.digest) ? 'Already exists' : 'Pulling fs layer' });
    }
    // dockerd downloads three layers at a time; the rest are queued and say so.
    for (const layer of missing.slice(MAX_CONCURRENT_DOWNLOADS)) progress({ id: shortId(layer.digest), status: 'Waiting' });
    for (const layer of missing) {
      const id = shortId(layer.digest);
      fetched.set(layer.digest, await this.fetchBlob(host, name, layer, (current) => progress({ id, status: 'Downloading', progressDetail: { current, total: layer.size } })));
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
  private async fetchManifest(ref: ImageReference, tagOrDigest: string): Promise<ManifestBlob> {
    const res = await this.send(ref.domain, 'GET', `/v2/${ref.path}/manifests/${tagOrDigest}`, {
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
  private async fetchBlob(host: string, name: string, d: Descriptor, onBytes: (n: number) => void): Promise<Uint8Array> {
    const res = await this.send(host, 'GET', `/v2/${name}/blobs/${d.digest}`);
    if (res.status !== 200) throw engineErrorFromResponse(res, { digest: d.digest });
    const step = this.options.progressStep ?? 512 * 1024;
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

  // ---------------------------------------------------------------- push

  /** `docker push`: every blob the registry lacks is mounted or uploaded, then the manifest is put. */
  async push(reference: string | ImageReference, store: LocalImageStore & Partial<MountSources>, progress: Progress = () => {}): Promise<PushResult> {
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
      const r = await this.pushBlob(host, name, layer.digest, store, (current) =>
        progress({ id, status: 'Pushing', progressDetail: { current, total: layer.size } }),
      );
      progress({ id, status: r.outcome === 'exists' ? 'Layer already exists' : r.outcome === 'mounted' ? `Mounted from ${r.from}` : 'Pushed' });
      results.push({ digest: layer.digest, ...r });
    }
    await this.pushBlob(host, name, config.digest, store, () => {});

    const tag = ref.tag ?? (ref.digest === undefined ? 'latest' : undefined);
    const target = tag ?? manifestBlob.digest;
    const res = await this.send(host, 'PUT', `/v2/${name}/manifests/${target}`, {
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

  private async pushBlob(
    host: string,
    name: string,
    digest: Digest,
    store: LocalImageStore & Partial<MountSources>,
    onBytes: (n: number) => void,
  ): Promise<{ outcome: LayerPushOutcome; from?: string }> {
    const head = await this.send(host, 'HEAD', `/v2/${name}/blobs/${digest}`);
    if (head.status === 200) return { outcome: 'exists' };
    if (head.status !== 404) throw engineErrorFromResponse(head, { digest });

    for (const from of store.mountSources?.(host, digest) ?? []) {
      if (from === name) continue;
      const res = await this.send(host, 'POST', `/v2/${name}/blobs/uploads/`, { query: { mount: digest, from } });
      if (res.status === 201) return { outcome: 'mounted', from };
      if (res.status !== 202) throw engineErrorFromResponse(res, { digest });
      // 202: the registry opened an upload instead; keep it for the upload below.
      this.openUploads.set(uploadKey(host, name, digest), locationOf(res));
      break;
    }
    await this.upload(host, name, digest, store.getBlob(digest), onBytes);
    return { outcome: 'pushed' };
  }

  /** Uploads one blob, resuming a session an earlier, interrupted push left open. */
  private async upload(host: string, name: string, digest: Digest, data: Uint8Array, onBytes: (n: number) => void): Promise<void> {
    const key = uploadKey(host, name, digest);
    let location: string | undefined = this.openUploads.get(key);
    let offset = 0;
    if (location !== undefined) {
      const status = await this.send(host, 'GET', ...target(location));
      const received = rangeEnd(header(status.headers, 'range'));
      if (status.status === 204 && received !== undefined) {
        location = locationOf(status, location);
        offset = received;
      } else {
        // Abandon the session politely; the registry may already have forgotten it.
        await this.send(host, 'DELETE', ...target(location)).catch(() => undefined);
        location = undefined;
      }
    }
    if (location === undefined) {
      const res = await this.send(host, 'POST', `/v2/${name}/blobs/uploads/`);
      if (res.status !== 202) throw engineErrorFromResponse(res, { digest });
      location = locationOf(res);
      offset = 0;
    }
    this.openUploads.set(key, location);

    const chunk = this.options.chunkSize ?? 0;
    if (chunk > 0) {
      while (offset < data.length) {
        const end = Math.min(data.length, offset + chunk);
        const [path, opts] = target(location);
        const res = await this.send(host, 'PATCH', path, {
          ...opts,
          headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${end - 1}` },
          body: data.subarray(offset, end),
        });
        if (res.status !== 202) throw engineErrorFromResponse(res, { digest });
        location = locationOf(res, location);
        this.openUploads.set(key, location);
        offset = end;
        onBytes(offset);
      }
    }
    const [path, opts] = target(location);
    const rest = data.subarray(offset);
    const res = await this.send(host, 'PUT', path, {
      query: { ...opts.query, digest },
      headers: { 'content-type': 'application/octet-stream' },
      body: rest,
    });
    if (res.status !== 201) throw engineErrorFromResponse(res, { digest });
    this.openUploads.delete(key);
    onBytes(data.length);
  }

  // ---------------------------------------------------------------- HTTP

  /** `GET /v2/`: whether the registry answers and accepts our credentials (what `docker login` checks). */
  async ping(host: string): Promise<void> {
    const res = await this.send(host, 'GET', '/v2/');
    if (res.status !== 200) throw engineErrorFromResponse(res, { host });
  }

  /**
   * One request, with credentials: Basic when the client has some, and the
   * bearer-token flow when the registry challenges for it (the token is kept
   * per host and repository for the following requests).
   */
  private async send(
    host: string,
    method: string,
    path: string,
    opts: { query?: Record<string, string>; headers?: Record<string, string>; body?: Uint8Array } = {},
  ): Promise<RegistryResponse> {
    const creds = this.options.credentials?.(host);
    const basic = creds ? `Basic ${base64Encode(encodeUtf8(`${creds.username}:${creds.password}`))}` : undefined;
    const scopeKey = `${host} ${/^\/v2\/(.+?)\/(?:manifests|blobs|tags)\//.exec(path)?.[1] ?? ''}`;
    const request = (authorization: string | undefined) =>
      this.transport.roundTrip({
        host,
        method,
        path,
        query: opts.query ?? {},
        headers: { ...opts.headers, ...(authorization ? { authorization } : {}) },
        body: opts.body ?? (method === 'PUT' || method === 'PATCH' || method === 'POST' ? EMPTY : null),
      });
    const cached = this.tokens.get(scopeKey);
    const res = await request(cached ? `Bearer ${cached}` : basic);
    if (res.status !== 401) return res;
    const challenge = parseChallenge(header(res.headers, 'www-authenticate') ?? '');
    if (challenge?.scheme !== 'bearer') return res;
    const where = tokenRequest(challenge);
    if (!where) return res;
    const answer = await this.transport.roundTrip({ ...where, method: 'GET', headers: basic ? { authorization: basic } : {}, body: null });
    if (answer.status !== 200) return answer.status === 401 ? answer : res;
    let token: string | undefined;
    try {
      token = tokenOf(JSON.parse(decodeUtf8(answer.body)));
    } catch {
      token = undefined;
    }
    if (token === undefined) return res;
    this.tokens.set(scopeKey, token);
    return request(`Bearer ${token}`);
  }
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
