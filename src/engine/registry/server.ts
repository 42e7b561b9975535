/**
 * The OCI distribution API as a pure request handler, answering as
 * Distribution 2.8 (the `registry:2` image) does: same routes, statuses,
 * headers and error bodies, checked against the real binary by
 * test/oracle/registry-real.test.ts. `docker.io` and any `localhost:5000` a
 * learner starts are instances of this class behind the in-engine transport.
 *
 * Deliberate differences from Distribution, each recorded by the oracle test:
 * `Location` headers are relative (Distribution makes them absolute from the
 * Host header; clients accept both) and `_state` tokens are unsigned.
 */
import type { Rng } from '../deps.ts';
import { isDigest, sha256Digest } from '../oci/digest.ts';
import type { Digest } from '../oci/digest.ts';
import { decide, identify } from './auth.ts';
import type { Action, AuthPolicy } from './auth.ts';
import { encodeUtf8 } from './bytes.ts';
import { RegistryError, errorBody, registryError } from './errors.ts';
import type { RegistryErrorEntry } from './errors.ts';
import { header } from './http.ts';
import type { RegistryRequest, RegistryResponse } from './http.ts';
import { ManifestParseError, MediaType, parseManifest } from './manifest.ts';
import { matchRoute } from './routes.ts';
import type { Route } from './routes.ts';
import { RegistryStorage } from './storage.ts';
import { UploadSessions, decodeState, encodeState } from './uploads.ts';
import type { UploadSession } from './uploads.ts';

export interface RegistryServerOptions {
  /** Upload session ids come from here (the engine's injected randomness). */
  readonly rng: Rng;
  readonly storage?: RegistryStorage;
  /** Absent: everyone may pull, push and delete (an unauthenticated `registry:2`). */
  readonly auth?: AuthPolicy;
  /** `storage.delete.enabled` in Distribution's config; off by default there too. */
  readonly deleteEnabled?: boolean;
}

const API_VERSION = { 'docker-distribution-api-version': 'registry/2.0' } as const;
const JSON_TYPE = 'application/json; charset=utf-8';

export class RegistryServer {
  readonly storage: RegistryStorage;
  readonly uploads: UploadSessions;
  private readonly auth: AuthPolicy | undefined;
  private readonly deleteEnabled: boolean;

  constructor(options: RegistryServerOptions) {
    this.storage = options.storage ?? new RegistryStorage();
    this.uploads = new UploadSessions(options.rng);
    this.auth = options.auth;
    this.deleteEnabled = options.deleteEnabled ?? false;
  }

  /** Answers one request. Never throws: every failure is an HTTP answer. */
  handle(request: RegistryRequest): RegistryResponse {
    const route = matchRoute(request.method, request.path);
    let response: RegistryResponse;
    try {
      response = this.dispatch(route, request);
    } catch (err) {
      if (!(err instanceof RegistryError)) throw err;
      response = { status: err.status, headers: { ...API_VERSION, 'content-type': JSON_TYPE, ...err.headers }, body: errorBody(err.entries) };
    }
    // Go's server sends no Content-Length with 204 No Content.
    const headers = response.status === 204 ? response.headers : { ...response.headers, 'content-length': String(response.body.length) };
    return { status: response.status, headers, body: request.method === 'HEAD' ? new Uint8Array(0) : response.body };
  }

  private dispatch(route: Route, req: RegistryRequest): RegistryResponse {
    switch (route.kind) {
      case 'not-found':
        return plain(404, '404 page not found\n');
      case 'method-not-allowed':
        return { ...plain(405, 'Method not allowed\n'), headers: { ...plain(405, '').headers, allow: route.allow } };
      case 'base':
        this.authorizeBase(req);
        // The one JSON body Distribution writes by hand, without the encoder's newline.
        return { ...json(200, {}), body: encodeUtf8('{}') };
      case 'catalog':
        return this.catalog(req);
      case 'tags':
        this.authorize(req, route.name, 'pull', true);
        return this.tagsList(route.name);
      case 'manifest':
        return this.manifest(req, route.name, route.reference);
      case 'blob':
        return this.blob(req, route.name, route.digest);
      case 'upload-start':
        return this.uploadStart(req, route.name);
      case 'upload':
        return this.upload(req, route.name, route.uuid);
    }
  }

  // ---- auth

  private authorizeBase(req: RegistryRequest): void {
    if (!this.auth) return;
    if (identify(this.auth, req.headers).kind === 'invalid') throw this.unauthorized('', 'pull', 'incorrect username or password');
  }

  /**
   * Applies the policy. `entry` marks the requests a pull starts with
   * (manifests, tags): those are where a hidden unknown repository answers
   * `denied`; a push's first blob HEAD gets a plain 404 so that the upload
   * that follows can say what is missing (a login, or rights).
   */
  private authorize(req: RegistryRequest, name: string, action: Action, entry = false): void {
    if (!this.auth) return;
    const decision = decide(this.auth, identify(this.auth, req.headers), name, action);
    if (decision === 'unauthorized') throw this.unauthorized(name, action);
    if (decision === 'denied') throw registryError('DENIED', [{ Type: 'repository', Name: name, Action: action }]);
    if (entry && action === 'pull' && this.auth.hideUnknownRepositories && !this.storage.hasRepository(name)) {
      throw registryError('DENIED', [{ Type: 'repository', Name: name, Action: action }]);
    }
  }

  private unauthorized(name: string, action: Action, message?: string): RegistryError {
    const detail = name === '' ? undefined : [{ Type: 'repository', Name: name, Action: action }];
    return registryError('UNAUTHORIZED', detail, {
      ...(message !== undefined ? { message } : {}),
      headers: { 'www-authenticate': `Basic realm="${this.auth?.realm ?? 'registry'}"` },
    });
  }

  private mayPull(req: RegistryRequest, name: string): boolean {
    if (!this.auth) return true;
    return decide(this.auth, identify(this.auth, req.headers), name, 'pull') === 'allow';
  }

  // ---- catalog and tags

  private catalog(req: RegistryRequest): RegistryResponse {
    let names = this.storage.repositories();
    const last = req.query['last'];
    if (last !== undefined && last !== '') names = names.filter((n) => n > last);
    const n = Number(req.query['n']);
    if (req.query['n'] !== undefined && Number.isInteger(n) && n > 0 && names.length > n) {
      const page = names.slice(0, n);
      const link = `</v2/_catalog?last=${encodeURIComponent(page[page.length - 1]!)}&n=${n}>; rel="next"`;
      return { ...json(200, { repositories: page }), headers: { ...json(200, {}).headers, link } };
    }
    return json(200, { repositories: names });
  }

  private tagsList(name: string): RegistryResponse {
    const tags = this.storage.tags(name);
    if (tags === undefined) throw registryError('NAME_UNKNOWN', { name });
    return json(200, { name, tags: tags.length > 0 ? tags : null });
  }

  // ---- manifests

  private manifest(req: RegistryRequest, name: string, reference: string): RegistryResponse {
    if (req.method === 'PUT') {
      this.authorize(req, name, 'push');
      return this.putManifest(req, name, reference);
    }
    if (req.method === 'DELETE') {
      this.authorize(req, name, 'delete');
      return this.deleteManifest(name, reference);
    }
    this.authorize(req, name, 'pull', true);
    const digest = isDigest(reference) ? reference : this.storage.resolveTag(name, reference);
    if (digest === undefined) throw registryError('MANIFEST_UNKNOWN', { Tag: reference });
    const stored = this.storage.getManifest(name, digest);
    if (!stored) throw registryError('MANIFEST_UNKNOWN', { Name: name, Revision: digest });
    const accept = acceptList(req);
    if (stored.mediaType === MediaType.ociManifest && !accept.includes(MediaType.ociManifest)) {
      throw registryError('MANIFEST_UNKNOWN', undefined, { message: 'OCI manifest found, but accept header does not support OCI manifests' });
    }
    if (stored.mediaType === MediaType.dockerManifest && !accept.includes(MediaType.dockerManifest)) {
      // Distribution 2.8 tries to rewrite the manifest as schema 1 for such clients, and fails so
      // (with `{"Offset":n}` instead of `{}` when the config blob is not JSON, which image configs are).
      throw registryError('MANIFEST_INVALID', {});
    }
    if (stored.mediaType === MediaType.ociIndex && !accept.includes(MediaType.ociIndex)) {
      throw registryError('MANIFEST_UNKNOWN', undefined, { message: 'OCI index found, but accept header does not support OCI indexes' });
    }
    return {
      status: 200,
      headers: { ...API_VERSION, 'content-type': stored.mediaType, 'docker-content-digest': digest, etag: `"${digest}"` },
      body: stored.bytes,
    };
  }

  private putManifest(req: RegistryRequest, name: string, reference: string): RegistryResponse {
    const bytes = req.body ?? new Uint8Array(0);
    const contentType = (header(req.headers, 'content-type') ?? '').split(';')[0]!.trim();
    let parsed;
    try {
      parsed = parseManifest(bytes, contentType);
    } catch (err) {
      if (!(err instanceof ManifestParseError)) throw err;
      throw registryError('MANIFEST_INVALID', err.offset !== undefined ? { Offset: err.offset } : {});
    }
    // Distribution unmarshals by Content-Type: a known type must agree with the document's own mediaType.
    if (contentType !== '' && contentType !== 'application/json' && parsed.mediaType !== contentType) {
      throw registryError('MANIFEST_INVALID', {});
    }
    const digest = sha256Digest(bytes);
    if (isDigest(reference) && reference !== digest) throw registryError('DIGEST_INVALID');
    const errors: RegistryErrorEntry[] = [];
    for (const ref of parsed.references) {
      if (!isDigest(ref)) {
        errors.push({ code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' });
        errors.push({ code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: ref });
      } else if (parsed.kind === 'index' ? !this.storage.hasManifest(name, ref) : !this.storage.hasBlob(name, ref)) {
        errors.push({ code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: ref });
      }
    }
    if (errors.length > 0) throw new RegistryError(errors, 400);
    this.storage.putManifest(name, bytes, parsed.mediaType, digest);
    if (!isDigest(reference)) this.storage.tag(name, reference, digest);
    return {
      status: 201,
      headers: { ...API_VERSION, 'docker-content-digest': digest, location: `/v2/${name}/manifests/${digest}` },
      body: new Uint8Array(0),
    };
  }

  private deleteManifest(name: string, reference: string): RegistryResponse {
    if (!this.deleteEnabled) throw registryError('UNSUPPORTED');
    if (!isDigest(reference)) throw registryError('DIGEST_INVALID');
    if (!this.storage.deleteManifest(name, reference)) throw registryError('MANIFEST_UNKNOWN');
    return { status: 202, headers: { ...API_VERSION }, body: new Uint8Array(0) };
  }

  // ---- blobs

  private blob(req: RegistryRequest, name: string, digest: Digest): RegistryResponse {
    if (req.method === 'DELETE') {
      this.authorize(req, name, 'delete');
      if (!this.deleteEnabled) throw registryError('UNSUPPORTED');
      if (!this.storage.unlinkBlob(name, digest)) throw registryError('BLOB_UNKNOWN');
      return { status: 202, headers: { ...API_VERSION }, body: new Uint8Array(0) };
    }
    this.authorize(req, name, 'pull');
    const data = this.storage.getBlob(name, digest);
    if (!data) throw registryError('BLOB_UNKNOWN', digest);
    return {
      status: 200,
      headers: {
        ...API_VERSION,
        'accept-ranges': 'bytes',
        'cache-control': 'max-age=31536000',
        'content-type': 'application/octet-stream',
        'docker-content-digest': digest,
        etag: `"${digest}"`,
      },
      body: data,
    };
  }

  // ---- uploads

  private uploadStart(req: RegistryRequest, name: string): RegistryResponse {
    if (req.method !== 'POST') throw registryError('BLOB_UPLOAD_UNKNOWN');
    this.authorize(req, name, 'push');
    const mount = req.query['mount'];
    const from = req.query['from'];
    if (mount !== undefined && from !== undefined && isDigest(mount) && this.mayPull(req, from) && this.storage.hasBlob(from, mount)) {
      this.storage.linkBlob(name, mount);
      return created(name, mount);
    }
    // Distribution 2.8 ignores `?digest=` here (no monolithic POST): it always opens a session.
    return this.sessionAnswer(202, this.uploads.start(name));
  }

  private upload(req: RegistryRequest, name: string, uuid: string): RegistryResponse {
    this.authorize(req, name, req.method === 'GET' || req.method === 'HEAD' ? 'pull' : 'push');
    const state = decodeState(req.query['_state']);
    if (!state || state.Name !== name || state.UUID !== uuid) throw registryError('BLOB_UPLOAD_INVALID', {});
    const session = this.uploads.get(uuid);
    if (!session || session.name !== name) throw registryError('BLOB_UPLOAD_UNKNOWN', {});
    if (state.Offset !== session.offset) throw registryError('BLOB_UPLOAD_INVALID');
    switch (req.method) {
      case 'GET':
      case 'HEAD':
        return this.sessionAnswer(204, session);
      case 'PATCH':
        // Like Distribution 2.8, Content-Range is not consulted: chunks append at the session offset.
        this.uploads.append(session, req.body ?? new Uint8Array(0));
        return this.sessionAnswer(202, session);
      case 'DELETE':
        this.uploads.end(uuid);
        return { status: 204, headers: { ...API_VERSION, 'docker-upload-uuid': uuid }, body: new Uint8Array(0) };
      default:
        return this.finishUpload(req, session);
    }
  }

  /** The closing PUT: verify the digest, then store; a mismatch stores nothing and leaves the session open. */
  private finishUpload(req: RegistryRequest, session: UploadSession): RegistryResponse {
    const expected = req.query['digest'];
    if (expected === undefined || expected === '') throw registryError('DIGEST_INVALID', 'digest missing');
    if (!isDigest(expected)) throw registryError('DIGEST_INVALID', 'digest parsing failed');
    const data = this.uploads.contents(session, req.body);
    if (sha256Digest(data) !== expected) throw registryError('DIGEST_INVALID', { Digest: expected, Reason: {} });
    this.storage.putBlob(session.name, data, expected);
    this.uploads.end(session.uuid);
    return created(session.name, expected);
  }

  private sessionAnswer(status: number, session: UploadSession): RegistryResponse {
    return {
      status,
      headers: {
        ...API_VERSION,
        'docker-upload-uuid': session.uuid,
        location: `/v2/${session.name}/blobs/uploads/${session.uuid}?_state=${encodeURIComponent(encodeState(session))}`,
        range: `0-${Math.max(0, session.offset - 1)}`,
      },
      body: new Uint8Array(0),
    };
  }
}

function created(name: string, digest: Digest): RegistryResponse {
  return {
    status: 201,
    headers: { ...API_VERSION, 'docker-content-digest': digest, location: `/v2/${name}/blobs/${digest}` },
    body: new Uint8Array(0),
  };
}

/** A JSON answer as Go's `json.Encoder` writes it: compact, with a trailing newline. */
function json(status: number, value: unknown): RegistryResponse {
  return { status, headers: { ...API_VERSION, 'content-type': JSON_TYPE }, body: encodeUtf8(`${JSON.stringify(value)}\n`) };
}

/** Go's http.Error: what Distribution's router answers for paths and methods it does not route. */
function plain(status: number, text: string): RegistryResponse {
  return {
    status,
    headers: { ...API_VERSION, 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: encodeUtf8(text),
  };
}

function acceptList(req: RegistryRequest): string[] {
  return (header(req.headers, 'accept') ?? '')
    .split(',')
    .map((t) => t.split(';')[0]!.trim())
    .filter((t) => t !== '');
}
