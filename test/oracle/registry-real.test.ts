/**
 * The registry oracle: Debian's `docker-registry` (Distribution 2.8, what
 * `registry:2` runs) on 127.0.0.1.
 *
 * 1. Layerlab's client pushes a Layerlab-made image (config + two
 *    deterministic createLayer layers) over real HTTP (Node's fetch);
 *    `skopeo inspect` must see our manifest digest, layer digests and bytes.
 * 2. The client pulls it back into a fresh store: same digests, same image id.
 * 3. The same image goes to our in-engine registry, and one request script
 *    (uploads, mounts, bad digests, unknown blobs/manifests, deletes, tags,
 *    catalog, unrouted paths) runs against both: status codes, the headers
 *    that carry meaning and the error bodies must agree, live.
 *
 * 4. A chunked push interrupted mid-blob resumes against Distribution
 *    (status GET → Range → the remaining chunks) without re-sending bytes.
 *
 * Known, deliberate differences are normalised before comparing and listed in
 * KNOWN_DIFFERENCES (each one asserted, so the list cannot go stale).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRng } from '../../src/engine/deps.ts';
import { sha256Digest } from '../../src/engine/oci/digest.ts';
import {
  MediaType,
  MemoryImageStore,
  RegistryClient,
  RegistryServer,
  httpTransport,
  inEngineTransport,
  splitTarget,
} from '../../src/engine/registry/index.ts';
import type { RegistryResponse, Transport } from '../../src/engine/registry/index.ts';
import { requireOracle } from '../helpers/shared.ts';
import { makeImage, storeWith } from '../unit/registry-fixture.ts';
import type { FixtureImage } from '../unit/registry-fixture.ts';
import { distributionAvailable, skopeoInspect, startDistribution } from './registry-distribution.ts';
import type { RunningRegistry } from './registry-distribution.ts';

const avail = distributionAvailable({ install: true, skopeo: true });
const run = requireOracle('docker-registry (Distribution) + skopeo', avail.ok, avail.why);

const REPO = 'layerlab/oracle';
const ZERO = `sha256:${'0'.repeat(64)}`;
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * Where our registry deliberately answers differently from Distribution 2.8.
 * `Location` is absolute there (built from the Host header) and relative
 * here; the `_state` token is HMAC-signed there and plain here; upload UUIDs
 * are random in both. The comparison drops the origin, `_state` and UUIDs.
 */
const KNOWN_DIFFERENCES = ['Location: absolute in Distribution, relative in Layerlab', '_state: signed in Distribution, unsigned in Layerlab'];

type Send = (method: string, target: string, opts?: { headers?: Record<string, string>; body?: Uint8Array }) => Promise<RegistryResponse>;

function realSend(host: string): Send {
  const t = httpTransport(fetch);
  return (method, target, opts = {}) => {
    const { path, query } = splitTarget(target);
    return t.roundTrip({ host, method, path, query, headers: opts.headers ?? {}, body: opts.body ?? null });
  };
}

function engineSend(server: RegistryServer): Send {
  return async (method, target, opts = {}) => {
    const { path, query } = splitTarget(target);
    return server.handle({ method, path, query, headers: opts.headers ?? {}, body: opts.body ?? null });
  };
}

/** What is compared of one answer: the status, meaningful headers, and the body (parsed when JSON). */
function observe(label: string, res: RegistryResponse): Record<string, unknown> {
  const h = res.headers;
  const location = h['location'] === undefined ? undefined : splitTarget(h['location']).path.replace(/uploads\/[0-9a-f-]{36}$/, 'uploads/<uuid>');
  const type = h['content-type'] ?? '';
  let body: unknown = res.body.length === 0 ? '' : `bytes ${sha256Digest(res.body)}`;
  if (type.startsWith('application/json') && res.body.length > 0) body = JSON.parse(dec(res.body));
  else if (type.startsWith('text/plain')) body = dec(res.body);
  return {
    label,
    status: res.status,
    'content-type': h['content-type'],
    'content-length': h['content-length'],
    'docker-content-digest': h['docker-content-digest'],
    etag: h['etag'],
    range: h['range'],
    allow: h['allow'],
    link: h['link'],
    'docker-distribution-api-version': h['docker-distribution-api-version'],
    location,
    uuid: h['docker-upload-uuid'] === undefined ? undefined : '<uuid>',
    body,
  };
}

/** The request script: the same steps against either registry, which already holds the fixture under REPO:v1. */
async function script(send: Send, image: FixtureImage): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const step = async (label: string, method: string, target: string, opts?: { headers?: Record<string, string>; body?: Uint8Array }) => {
    const res = await send(method, target, opts);
    out.push(observe(label, res));
    return res;
  };
  const oci = { accept: `${MediaType.ociManifest}, ${MediaType.ociIndex}` };
  const layer = image.layers[0]!;
  const blob = enc('oracle blob: hello');
  const blobDigest = sha256Digest(blob);

  await step('base', 'GET', '/v2/');
  await step('manifest by tag', 'GET', `/v2/${REPO}/manifests/v1`, { headers: oci });
  await step('manifest HEAD', 'HEAD', `/v2/${REPO}/manifests/v1`, { headers: oci });
  await step('manifest by digest', 'GET', `/v2/${REPO}/manifests/${image.manifest.digest}`, { headers: oci });
  await step('manifest without Accept', 'GET', `/v2/${REPO}/manifests/v1`);
  await step('unknown tag', 'GET', `/v2/${REPO}/manifests/nope`, { headers: oci });
  await step('unknown manifest digest', 'GET', `/v2/${REPO}/manifests/${ZERO}`, { headers: oci });
  await step('blob', 'GET', `/v2/${REPO}/blobs/${layer.digest}`);
  await step('blob HEAD', 'HEAD', `/v2/${REPO}/blobs/${layer.digest}`);
  await step('unknown blob', 'GET', `/v2/${REPO}/blobs/${ZERO}`);
  await step('unknown blob HEAD', 'HEAD', `/v2/${REPO}/blobs/${ZERO}`);
  await step('blob of another repository', 'GET', `/v2/layerlab/other/blobs/${layer.digest}`);
  await step('tags', 'GET', `/v2/${REPO}/tags/list`);
  await step('tags of unknown repository', 'GET', '/v2/layerlab/nothing/tags/list');

  const start = await step('upload start', 'POST', `/v2/${REPO}/blobs/uploads/`);
  const octet = { 'content-type': 'application/octet-stream' };
  const p1 = await step('upload chunk', 'PATCH', start.headers['location']!, { headers: octet, body: blob.subarray(0, 6) });
  await step('upload status', 'GET', p1.headers['location']!);
  await step('upload with stale location', 'PATCH', start.headers['location']!, { headers: octet, body: blob.subarray(6) });
  await step('close without digest', 'PUT', p1.headers['location']!);
  await step('close with malformed digest', 'PUT', `${p1.headers['location']}&digest=bogus`);
  await step('close with wrong digest', 'PUT', `${p1.headers['location']}&digest=${ZERO}`);
  await step('wrong digest stored nothing', 'HEAD', `/v2/${REPO}/blobs/${ZERO}`);
  await step('close with right digest', 'PUT', `${p1.headers['location']}&digest=${blobDigest}`, { headers: octet, body: blob.subarray(6) });
  await step('uploaded blob', 'GET', `/v2/${REPO}/blobs/${blobDigest}`);

  const s2 = await step('second upload', 'POST', `/v2/${REPO}/blobs/uploads/`);
  await step('cancel upload', 'DELETE', s2.headers['location']!);
  await step('cancelled upload', 'GET', s2.headers['location']!);
  await step('upload without state', 'GET', `/v2/${REPO}/blobs/uploads/${s2.headers['docker-upload-uuid']}`);
  const s3 = await step('monolithic POST is not supported', 'POST', `/v2/${REPO}/blobs/uploads/?digest=${blobDigest}`, { headers: octet, body: blob });
  await step('cancel it', 'DELETE', s3.headers['location']!);

  await step('mount across repositories', 'POST', `/v2/layerlab/other/blobs/uploads/?mount=${layer.digest}&from=${REPO}`);
  await step('mounted blob', 'HEAD', `/v2/layerlab/other/blobs/${layer.digest}`);
  const s4 = await step('mount from unknown repository', 'POST', `/v2/layerlab/third/blobs/uploads/?mount=${layer.digest}&from=layerlab/nothing`);
  await step('cancel it', 'DELETE', s4.headers['location']!);

  const missing = enc(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, digest: image.config.digest, size: image.config.bytes.length },
      layers: [
        { mediaType: MediaType.ociLayerGzip, digest: `sha256:${'1'.repeat(64)}`, size: 1 },
        { mediaType: MediaType.ociLayerGzip, digest: `sha256:${'2'.repeat(64)}`, size: 2 },
      ],
    }),
  );
  const mtype = { 'content-type': MediaType.ociManifest };
  await step('manifest with unknown blobs', 'PUT', `/v2/${REPO}/manifests/bad`, { headers: mtype, body: missing });
  await step('manifest under the wrong digest', 'PUT', `/v2/${REPO}/manifests/${ZERO}`, { headers: mtype, body: image.manifest.bytes });
  await step('second tag', 'PUT', `/v2/${REPO}/manifests/v2`, { headers: mtype, body: image.manifest.bytes });
  await step('tags after second tag', 'GET', `/v2/${REPO}/tags/list`);
  await step('catalog', 'GET', '/v2/_catalog');
  await step('catalog page', 'GET', '/v2/_catalog?n=1');

  const docker = enc(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.dockerManifest,
      config: { mediaType: MediaType.dockerConfig, digest: image.config.digest, size: image.config.bytes.length },
      layers: image.layers.map((l) => ({ mediaType: MediaType.dockerLayerGzip, digest: l.digest, size: l.blob.length })),
    }),
  );
  const dtype = { 'content-type': MediaType.dockerManifest };
  await step('docker schema2 manifest', 'PUT', `/v2/${REPO}/manifests/docker`, { headers: dtype, body: docker });
  await step('docker manifest, docker Accept', 'GET', `/v2/${REPO}/manifests/docker`, { headers: { accept: MediaType.dockerManifest } });
  await step('docker manifest, OCI Accept only', 'GET', `/v2/${REPO}/manifests/docker`, { headers: oci });
  await step('Content-Type disagrees with mediaType', 'PUT', `/v2/${REPO}/manifests/mixed`, { headers: mtype, body: docker });
  await step('unknown manifest media type', 'PUT', `/v2/${REPO}/manifests/odd`, {
    headers: { 'content-type': 'application/x-layerlab' },
    body: enc('{"schemaVersion":2,"mediaType":"application/x-layerlab"}'),
  });
  for (const [label, text] of [
    ['not JSON', 'notjson'],
    ['JSON cut short', '{"schemaVersion":2,"config":{'],
    ['bad escape', '{"schemaVersion":2,"mediaType":"\\x"}'],
    ['trailing garbage', '{"schemaVersion":2} x'],
    ['bad number', '{"schemaVersion":-}'],
  ] as const) {
    await step(`manifest: ${label}`, 'PUT', `/v2/${REPO}/manifests/broken`, { headers: mtype, body: enc(text) });
  }
  const index = (digest: string, size: number) =>
    enc(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests: [{ mediaType: MediaType.dockerManifest, digest, size, platform: { architecture: 'amd64', os: 'linux' } }] }));
  const itype = { 'content-type': MediaType.ociIndex };
  await step('index naming an unknown manifest', 'PUT', `/v2/${REPO}/manifests/idx0`, { headers: itype, body: index(`sha256:${'3'.repeat(64)}`, 7) });
  await step('index', 'PUT', `/v2/${REPO}/manifests/idx`, { headers: itype, body: index(sha256Digest(docker), docker.length) });
  await step('index without index Accept', 'GET', `/v2/${REPO}/manifests/idx`, { headers: { accept: MediaType.ociManifest } });
  await step('index with index Accept', 'GET', `/v2/${REPO}/manifests/idx`, { headers: oci });
  await step('delete unknown manifest', 'DELETE', `/v2/${REPO}/manifests/sha256:${'4'.repeat(64)}`);
  await step('delete manifest by tag', 'DELETE', `/v2/${REPO}/manifests/v1`);
  await step('delete blob link', 'DELETE', `/v2/layerlab/other/blobs/${layer.digest}`);
  await step('deleted link', 'HEAD', `/v2/layerlab/other/blobs/${layer.digest}`);
  await step('blob still in its first repository', 'HEAD', `/v2/${REPO}/blobs/${layer.digest}`);
  await step('delete unknown blob', 'DELETE', `/v2/${REPO}/blobs/${ZERO}`);
  await step('delete manifest by digest', 'DELETE', `/v2/${REPO}/manifests/${image.manifest.digest}`);
  await step('deleted manifest', 'GET', `/v2/${REPO}/manifests/${image.manifest.digest}`, { headers: oci });
  await step('deleted tag', 'GET', `/v2/${REPO}/manifests/v1`, { headers: oci });
  await step('tags after delete', 'GET', `/v2/${REPO}/tags/list`);

  await step('method not allowed', 'PUT', `/v2/${REPO}/blobs/${ZERO}`);
  await step('uppercase repository', 'POST', '/v2/Layerlab/oracle/blobs/uploads/');
  return out;
}

describe.runIf(run)('registry oracle: Distribution 2.8 (docker-registry) on 127.0.0.1', () => {
  let real: RunningRegistry;
  let image: FixtureImage;
  const ref = () => `${real.host}/${REPO}:v1`;

  beforeAll(async () => {
    real = await startDistribution();
    image = await makeImage({ seed: 'oracle', layerCount: 2, fileSize: 3000 });
  });
  afterAll(async () => {
    await real?.stop();
  });

  it('our client pushes over HTTP; skopeo sees our manifest, config and layer digests', async () => {
    const client = new RegistryClient({ transport: httpTransport(fetch), chunkSize: 2048 });
    const local = storeWith(image, ref());
    const pushed = await client.push(ref(), local);
    expect(pushed.digest).toBe(image.manifest.digest);

    const inspected = JSON.parse(skopeoInspect(ref())) as { Digest: string; Layers: string[]; Architecture: string; Os: string };
    expect(inspected.Digest).toBe(image.manifest.digest);
    expect(inspected.Layers).toEqual(image.layers.map((l) => l.digest));
    expect([inspected.Os, inspected.Architecture]).toEqual(['linux', 'amd64']);
    const raw = skopeoInspect(ref(), ['--raw']);
    expect(sha256Digest(enc(raw))).toBe(image.manifest.digest);
    const config = skopeoInspect(ref(), ['--config', '--raw']);
    expect(sha256Digest(enc(config))).toBe(image.config.digest);
  });

  it('pulls it back into a fresh store: same digests, same image id', async () => {
    const client = new RegistryClient({ transport: httpTransport(fetch) });
    const fresh = new MemoryImageStore();
    const pulled = await client.pull(ref(), fresh);
    expect(pulled.digest).toBe(image.manifest.digest);
    expect(pulled.configDigest).toBe(image.config.digest);
    expect(fresh.imageIdFor(ref())).toBe(image.config.digest);
    for (const l of image.layers) expect(sha256Digest(fresh.getBlob(l.digest))).toBe(l.digest);
    const again = await client.pull(ref(), fresh);
    expect(again.status).toBe('up-to-date');
  });

  it('answers a request script exactly as Distribution does (statuses, headers, error bodies)', async () => {
    // Independent of the tests above: (re)push to the real registry first (blobs already there are skipped).
    await new RegistryClient({ transport: httpTransport(fetch) }).push(ref(), storeWith(image, ref()));
    const ours = new RegistryServer({ rng: new SeededRng(11), deleteEnabled: true });
    const local = storeWith(image, `localhost:5000/${REPO}:v1`);
    await new RegistryClient({ transport: inEngineTransport(new Map([['localhost:5000', ours]])) }).push(`localhost:5000/${REPO}:v1`, local);

    const theirs = await script(realSend(real.host), image);
    const mine = await script(engineSend(ours), image);
    expect(mine.map((o) => o['label'])).toEqual(theirs.map((o) => o['label']));
    if (process.env.ORACLE_DEBUG) for (let i = 0; i < theirs.length; i++) if (JSON.stringify(mine[i]) !== JSON.stringify(theirs[i])) console.log(JSON.stringify(theirs[i]), '\n', JSON.stringify(mine[i]));
    const differing = theirs.filter((t, i) => JSON.stringify(mine[i]) !== JSON.stringify(t)).map((t) => t['label']);
    for (let i = 0; i < theirs.length; i++) if (differing.includes(theirs[i]!['label'])) expect({ differing, ...mine[i] }).toEqual({ differing, ...theirs[i] });
  });

  it('resumes an interrupted chunked push against Distribution without re-sending what it already has', async () => {
    const big = await makeImage({ seed: 'resume', layerCount: 2, fileSize: 20_000 });
    const target = `${real.host}/layerlab/resume:v1`;
    const http = httpTransport(fetch);
    let patches = 0;
    const sent: number[] = [];
    const flaky: Transport = {
      roundTrip(r) {
        if (r.method === 'PATCH') {
          if (++patches === 4) return Promise.reject(new Error('connection reset by peer'));
          sent.push(r.body?.length ?? 0);
        }
        return http.roundTrip(r);
      },
    };
    const client = new RegistryClient({ transport: flaky, chunkSize: 4096 });
    const local = storeWith(big, target);
    await expect(client.push(target, local)).rejects.toThrow(/connection reset/);
    expect(client.pendingUploads).toBe(1);
    const pushed = await client.push(target, local);
    expect(pushed.digest).toBe(big.manifest.digest);
    expect(client.pendingUploads).toBe(0);
    const total = big.layers.reduce((n, l) => n + l.blob.length, 0) + big.config.bytes.length;
    expect(sent.reduce((a, b) => a + b, 0)).toBe(total);
    const inspected = JSON.parse(skopeoInspect(target)) as { Digest: string; Layers: string[] };
    expect([inspected.Digest, inspected.Layers]).toEqual([big.manifest.digest, big.layers.map((l) => l.digest)]);
  });

  it('differs only where recorded: Location is absolute there and relative here', async () => {
    expect(KNOWN_DIFFERENCES).toHaveLength(2);
    const send = realSend(real.host);
    const start = await send('POST', `/v2/${REPO}/blobs/uploads/`);
    expect(start.headers['location']).toMatch(new RegExp(`^http://${real.host.replace(/\./g, '\\.')}/v2/${REPO}/blobs/uploads/[0-9a-f-]{36}\\?_state=`));
    await send('DELETE', start.headers['location']!);
    const ours = new RegistryServer({ rng: new SeededRng(1) });
    const mine = ours.handle({ method: 'POST', path: `/v2/${REPO}/blobs/uploads/`, query: {}, headers: {}, body: null });
    expect(mine.headers['location']).toMatch(new RegExp(`^/v2/${REPO}/blobs/uploads/[0-9a-f-]{36}\\?_state=`));
  });
});
