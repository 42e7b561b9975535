import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../src/engine/deps.ts';
import { sha256Digest } from '../../src/engine/oci/digest.ts';
import { DOCKER_HUB_POLICY, MediaType, RegistryServer, splitTarget } from '../../src/engine/registry/index.ts';
import type { RegistryResponse } from '../../src/engine/registry/index.ts';
import { makeImage } from './registry-fixture.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const ZERO = `sha256:${'0'.repeat(64)}`;
const ACCEPT_OCI = { accept: `${MediaType.ociManifest}, ${MediaType.ociIndex}` };

function server(options: Partial<ConstructorParameters<typeof RegistryServer>[0]> = {}): RegistryServer {
  return new RegistryServer({ rng: new SeededRng(7), deleteEnabled: true, ...options });
}

function call(s: RegistryServer, method: string, target: string, opts: { headers?: Record<string, string>; body?: Uint8Array | string } = {}): RegistryResponse {
  const { path, query } = splitTarget(target);
  const body = typeof opts.body === 'string' ? enc(opts.body) : (opts.body ?? null);
  return s.handle({ method, path, query, headers: opts.headers ?? {}, body });
}

const errors = (r: RegistryResponse) => (JSON.parse(dec(r.body)) as { errors: { code: string; message: string; detail?: unknown }[] }).errors;

function uploadBlob(s: RegistryServer, name: string, data: Uint8Array, headers: Record<string, string> = {}): RegistryResponse {
  const start = call(s, 'POST', `/v2/${name}/blobs/uploads/`, { headers });
  expect(start.status).toBe(202);
  return call(s, 'PUT', `${start.headers['location']}&digest=${sha256Digest(data)}`, { body: data, headers });
}

describe('registry server: base, blobs and uploads', () => {
  it('answers /v2/ with {} and the API version header', () => {
    const r = call(server(), 'GET', '/v2/');
    expect(r.status).toBe(200);
    expect(dec(r.body)).toBe('{}');
    expect(r.headers['docker-distribution-api-version']).toBe('registry/2.0');
  });

  it('uploads in chunks, reports the range, and serves the verified blob', () => {
    const s = server();
    const data = enc('hello world');
    const start = call(s, 'POST', '/v2/foo/blobs/uploads/');
    expect([start.status, start.headers['range']]).toEqual([202, '0-0']);
    const p1 = call(s, 'PATCH', start.headers['location']!, { body: data.subarray(0, 5) });
    expect([p1.status, p1.headers['range']]).toEqual([202, '0-4']);
    const status = call(s, 'GET', p1.headers['location']!);
    expect([status.status, status.headers['range']]).toEqual([204, '0-4']);
    const done = call(s, 'PUT', `${p1.headers['location']}&digest=${sha256Digest(data)}`, { body: data.subarray(5) });
    expect(done.status).toBe(201);
    expect(done.headers['docker-content-digest']).toBe(sha256Digest(data));
    const get = call(s, 'GET', `/v2/foo/blobs/${sha256Digest(data)}`);
    expect(dec(get.body)).toBe('hello world');
    expect(get.headers['etag']).toBe(`"${sha256Digest(data)}"`);
    const head = call(s, 'HEAD', `/v2/foo/blobs/${sha256Digest(data)}`);
    expect([head.status, head.body.length, head.headers['content-length']]).toEqual([200, 0, '11']);
  });

  it('refuses a digest mismatch with DIGEST_INVALID and stores nothing; the session stays usable', () => {
    const s = server();
    const data = enc('payload');
    const start = call(s, 'POST', '/v2/foo/blobs/uploads/');
    const bad = call(s, 'PUT', `${start.headers['location']}&digest=${ZERO}`, { body: data });
    expect(bad.status).toBe(400);
    expect(errors(bad)).toEqual([{ code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content', detail: { Digest: ZERO, Reason: {} } }]);
    expect(s.storage.blobs.list()).toEqual([]);
    expect(call(s, 'HEAD', `/v2/foo/blobs/${ZERO}`).status).toBe(404);
    const good = call(s, 'PUT', `${start.headers['location']}&digest=${sha256Digest(data)}`, { body: data });
    expect(good.status).toBe(201);
  });

  it('refuses a stale upload location (BLOB_UPLOAD_INVALID) and a cancelled one (BLOB_UPLOAD_UNKNOWN)', () => {
    const s = server();
    const start = call(s, 'POST', '/v2/foo/blobs/uploads/');
    const p1 = call(s, 'PATCH', start.headers['location']!, { body: enc('abc') });
    const stale = call(s, 'PATCH', start.headers['location']!, { body: enc('def') });
    expect([stale.status, errors(stale)[0]!.code]).toEqual([404, 'BLOB_UPLOAD_INVALID']);
    expect(call(s, 'DELETE', p1.headers['location']!).status).toBe(204);
    const gone = call(s, 'GET', p1.headers['location']!);
    expect([gone.status, errors(gone)[0]!.code]).toEqual([404, 'BLOB_UPLOAD_UNKNOWN']);
    const noState = call(s, 'GET', `/v2/foo/blobs/uploads/${start.headers['docker-upload-uuid']}`);
    expect(errors(noState)[0]!.code).toBe('BLOB_UPLOAD_INVALID');
  });

  it('requires and parses the digest on the closing PUT', () => {
    const s = server();
    const start = call(s, 'POST', '/v2/foo/blobs/uploads/');
    expect(errors(call(s, 'PUT', start.headers['location']!))[0]).toMatchObject({ code: 'DIGEST_INVALID', detail: 'digest missing' });
    expect(errors(call(s, 'PUT', `${start.headers['location']}&digest=bogus`))[0]).toMatchObject({ detail: 'digest parsing failed' });
  });

  it('links blobs per repository: a blob is visible only where linked, stored once, mountable across repositories', () => {
    const s = server();
    const data = enc('shared layer');
    const d = sha256Digest(data);
    uploadBlob(s, 'foo', data);
    const other = call(s, 'GET', `/v2/bar/blobs/${d}`);
    expect([other.status, errors(other)[0]]).toEqual([404, { code: 'BLOB_UNKNOWN', message: 'blob unknown to registry', detail: d }]);
    const mount = call(s, 'POST', `/v2/bar/blobs/uploads/?mount=${d}&from=foo`);
    expect([mount.status, mount.headers['location'], mount.headers['docker-content-digest']]).toEqual([201, `/v2/bar/blobs/${d}`, d]);
    expect(call(s, 'HEAD', `/v2/bar/blobs/${d}`).status).toBe(200);
    expect(s.storage.blobs.list()).toEqual([d]);
    const noSource = call(s, 'POST', `/v2/baz/blobs/uploads/?mount=${d}&from=nothere`);
    expect(noSource.status).toBe(202);
    expect(call(s, 'DELETE', `/v2/bar/blobs/${d}`).status).toBe(202);
    expect(call(s, 'HEAD', `/v2/bar/blobs/${d}`).status).toBe(404);
    expect(call(s, 'HEAD', `/v2/foo/blobs/${d}`).status).toBe(200);
    expect(errors(call(s, 'DELETE', `/v2/foo/blobs/${ZERO}`))).toEqual([{ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' }]);
  });

  it('answers unrouted paths and methods like Go’s router', () => {
    const s = server();
    const upper = call(s, 'POST', '/v2/Foo/blobs/uploads/');
    expect([upper.status, dec(upper.body), upper.headers['content-type']]).toEqual([404, '404 page not found\n', 'text/plain; charset=utf-8']);
    const put = call(s, 'PUT', `/v2/foo/blobs/${ZERO}`);
    expect([put.status, put.headers['allow']]).toEqual([405, 'DELETE, GET, HEAD']);
  });
});

describe('registry server: manifests, tags, catalog', () => {
  async function seeded() {
    const s = server();
    const image = await makeImage();
    uploadBlob(s, 'app', image.config.bytes);
    for (const l of image.layers) uploadBlob(s, 'app', l.blob);
    return { s, image };
  }

  it('validates that every referenced blob exists (MANIFEST_BLOB_UNKNOWN per missing blob)', async () => {
    const s = server();
    const image = await makeImage();
    uploadBlob(s, 'app', image.config.bytes);
    const r = call(s, 'PUT', '/v2/app/manifests/v1', { body: image.manifest.bytes, headers: { 'content-type': MediaType.ociManifest } });
    expect(r.status).toBe(400);
    expect(errors(r)).toEqual(image.layers.map((l) => ({ code: 'MANIFEST_BLOB_UNKNOWN', message: 'blob unknown to registry', detail: l.digest })));
    expect(call(s, 'GET', '/v2/app/manifests/v1', { headers: ACCEPT_OCI }).status).toBe(404);
  });

  it('rejects JSON that is not a manifest and a digest reference that does not match', async () => {
    const { s, image } = await seeded();
    expect(errors(call(s, 'PUT', '/v2/app/manifests/v1', { body: 'notjson' }))[0]).toMatchObject({ code: 'MANIFEST_INVALID' });
    const wrong = call(s, 'PUT', `/v2/app/manifests/${ZERO}`, { body: image.manifest.bytes });
    expect(errors(wrong)).toEqual([{ code: 'DIGEST_INVALID', message: 'provided digest did not match uploaded content' }]);
  });

  it('stores, tags and serves a manifest with its digest; OCI manifests need an Accept that names them', async () => {
    const { s, image } = await seeded();
    const put = call(s, 'PUT', '/v2/app/manifests/v1', { body: image.manifest.bytes, headers: { 'content-type': MediaType.ociManifest } });
    expect([put.status, put.headers['docker-content-digest'], put.headers['location']]).toEqual([201, image.manifest.digest, `/v2/app/manifests/${image.manifest.digest}`]);
    const get = call(s, 'GET', '/v2/app/manifests/v1', { headers: ACCEPT_OCI });
    expect([get.status, get.headers['content-type'], get.headers['docker-content-digest']]).toEqual([200, MediaType.ociManifest, image.manifest.digest]);
    expect(get.body).toEqual(image.manifest.bytes);
    const noAccept = call(s, 'GET', '/v2/app/manifests/v1');
    expect(errors(noAccept)).toEqual([{ code: 'MANIFEST_UNKNOWN', message: 'OCI manifest found, but accept header does not support OCI manifests' }]);
    expect(errors(call(s, 'GET', '/v2/app/manifests/nope', { headers: ACCEPT_OCI }))[0]!.detail).toEqual({ Tag: 'nope' });
    expect(errors(call(s, 'GET', `/v2/app/manifests/${ZERO}`, { headers: ACCEPT_OCI }))[0]!.detail).toEqual({ Name: 'app', Revision: ZERO });
  });

  it('lists tags and the catalog (paginated with a Link header); NAME_UNKNOWN for unknown repositories', async () => {
    const { s, image } = await seeded();
    for (const tag of ['v2', 'v1', 'latest']) call(s, 'PUT', `/v2/app/manifests/${tag}`, { body: image.manifest.bytes });
    uploadBlob(s, 'zoo', enc('x'));
    expect(JSON.parse(dec(call(s, 'GET', '/v2/app/tags/list').body))).toEqual({ name: 'app', tags: ['latest', 'v1', 'v2'] });
    const unknown = call(s, 'GET', '/v2/nope/tags/list');
    expect(errors(unknown)).toEqual([{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry', detail: { name: 'nope' } }]);
    expect(JSON.parse(dec(call(s, 'GET', '/v2/_catalog').body))).toEqual({ repositories: ['app', 'zoo'] });
    const page = call(s, 'GET', '/v2/_catalog?n=1');
    expect(JSON.parse(dec(page.body))).toEqual({ repositories: ['app'] });
    expect(page.headers['link']).toBe('</v2/_catalog?last=app&n=1>; rel="next"');
    expect(JSON.parse(dec(call(s, 'GET', '/v2/_catalog?n=1&last=app').body))).toEqual({ repositories: ['zoo'] });
    expect(call(s, 'POST', '/v2/Layerlab/app/blobs/uploads/').status).toBe(202);
  });

  it('deletes manifests by digest only, untagging them; refuses deletes when disabled', async () => {
    const { s, image } = await seeded();
    call(s, 'PUT', '/v2/app/manifests/v1', { body: image.manifest.bytes });
    expect(errors(call(s, 'DELETE', '/v2/app/manifests/v1'))[0]!.code).toBe('DIGEST_INVALID');
    expect(call(s, 'DELETE', `/v2/app/manifests/${image.manifest.digest}`).status).toBe(202);
    expect(JSON.parse(dec(call(s, 'GET', '/v2/app/tags/list').body))).toEqual({ name: 'app', tags: null });
    const readOnly = server({ deleteEnabled: false });
    const r = call(readOnly, 'DELETE', `/v2/app/manifests/${image.manifest.digest}`);
    expect([r.status, errors(r)[0]!.code]).toEqual([405, 'UNSUPPORTED']);
  });
});

describe('registry server: auth policy (simulated Docker Hub)', () => {
  const basic = (user: string, pass: string) => ({ authorization: `Basic ${btoa(`${user}:${pass}`)}` });

  it('pulls anonymously but wants a login to push: unauthorized with a challenge', () => {
    const hub = server({ auth: DOCKER_HUB_POLICY });
    const r = call(hub, 'POST', '/v2/alice/app/blobs/uploads/');
    expect([r.status, errors(r)[0]!.code, r.headers['www-authenticate']]).toEqual([401, 'UNAUTHORIZED', 'Basic realm="Docker Hub"']);
    expect(call(hub, 'GET', '/v2/').status).toBe(200);
  });

  it('lets a user push to their own namespace only; official images are read-only', () => {
    const hub = server({ auth: DOCKER_HUB_POLICY });
    expect(uploadBlob(hub, 'alice/app', enc('mine'), basic('alice', 'pw')).status).toBe(201);
    const other = call(hub, 'POST', '/v2/bob/app/blobs/uploads/', { headers: basic('alice', 'pw') });
    expect([other.status, errors(other)[0]!.message]).toEqual([403, 'requested access to the resource is denied']);
    expect(call(hub, 'POST', '/v2/library/busybox/blobs/uploads/', { headers: basic('alice', 'pw') }).status).toBe(403);
    expect(call(hub, 'HEAD', `/v2/alice/app/blobs/${sha256Digest(enc('mine'))}`).status).toBe(200);
  });

  it('hides unknown repositories from pulls (denied), and rejects bad credentials', () => {
    const hub = server({ auth: { ...DOCKER_HUB_POLICY, users: { alice: 'secret' } } });
    expect(errors(call(hub, 'GET', '/v2/nobody/nothing/manifests/latest'))[0]!.code).toBe('DENIED');
    const bad = call(hub, 'GET', '/v2/', { headers: basic('alice', 'wrong') });
    expect([bad.status, errors(bad)[0]!.message]).toEqual([401, 'incorrect username or password']);
    expect(call(hub, 'GET', '/v2/', { headers: basic('alice', 'secret') }).status).toBe(200);
  });
});
