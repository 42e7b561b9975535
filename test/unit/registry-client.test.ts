import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../src/engine/deps.ts';
import { sha256Digest } from '../../src/engine/oci/digest.ts';
import {
  MediaType,
  MemoryImageStore,
  RegistryClient,
  RegistryHosts,
  RegistryServer,
  inEngineTransport,
  pullOutput,
  pushOutput,
  shortId,
} from '../../src/engine/registry/index.ts';
import type { HostRequest, ProgressMessage, RegistryRequest, RegistryResponse, Transport } from '../../src/engine/registry/index.ts';
import { makeImage, storeWith } from './registry-fixture.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function setup(options: { chunkSize?: number } = {}) {
  const hosts = new RegistryHosts(new SeededRng(3));
  hosts.start('localhost:5000', { deleteEnabled: true });
  const client = new RegistryClient({ transport: hosts.transport(), ...options });
  return { hosts, client };
}

function collect(): { messages: ProgressMessage[]; progress: (m: ProgressMessage) => void } {
  const messages: ProgressMessage[] = [];
  return { messages, progress: (m) => messages.push(m) };
}

/** Wraps a transport: `fail(request, n)` true makes the n-th request (0-based) fail like a dropped connection. */
function flaky(inner: Transport, fail: (r: HostRequest, n: number) => boolean): Transport & { count: number } {
  const t = {
    count: 0,
    roundTrip(r: HostRequest): Promise<RegistryResponse> {
      const n = t.count++;
      if (fail(r, n)) return Promise.reject(new Error('connection reset by peer'));
      return inner.roundTrip(r);
    },
  };
  return t;
}

describe('registry client: push and pull in-engine', () => {
  it('pushes an image and pulls it back into a fresh store with identical digests, printing docker’s lines', async () => {
    const { client, hosts } = setup();
    const image = await makeImage();
    const local = storeWith(image, 'localhost:5000/app:latest');
    const push = collect();
    const pushed = await client.push('localhost:5000/app', local, push.progress);
    expect(pushed.digest).toBe(image.manifest.digest);
    expect(pushed.size).toBe(image.manifest.bytes.length);
    const [l0, l1] = image.layers.map((l) => shortId(l.diffId));
    expect(pushOutput('localhost:5000/app', push.messages)).toEqual([
      'Using default tag: latest',
      'The push refers to repository [localhost:5000/app]',
      `${l1}: Preparing`,
      `${l0}: Preparing`,
      `${l1}: Pushed`,
      `${l0}: Pushed`,
      `latest: digest: ${image.manifest.digest} size: ${image.manifest.bytes.length}`,
    ]);
    expect(hosts.get('localhost:5000')!.storage.tags('app')).toEqual(['latest']);

    const fresh = new MemoryImageStore();
    const pull = collect();
    const pulled = await client.pull('localhost:5000/app', fresh, pull.progress);
    expect([pulled.digest, pulled.configDigest, pulled.status]).toEqual([image.manifest.digest, image.config.digest, 'downloaded']);
    expect(fresh.imageIdFor('localhost:5000/app:latest')).toBe(image.config.digest);
    for (const l of image.layers) expect(fresh.getBlob(l.digest)).toEqual(l.blob);
    const [b0, b1] = image.layers.map((l) => shortId(l.digest));
    expect(pullOutput('localhost:5000/app', pull.messages)).toEqual([
      'Using default tag: latest',
      'latest: Pulling from app',
      `${b0}: Pulling fs layer`,
      `${b1}: Pulling fs layer`,
      `${b0}: Verifying Checksum`,
      `${b0}: Download complete`,
      `${b1}: Verifying Checksum`,
      `${b1}: Download complete`,
      `${b0}: Pull complete`,
      `${b1}: Pull complete`,
      `Digest: ${image.manifest.digest}`,
      'Status: Downloaded newer image for localhost:5000/app:latest',
      'localhost:5000/app:latest',
    ]);
    expect(pullOutput('localhost:5000/app', pull.messages, { tty: true })).toContain(`${b0}: Pull complete`);
  });

  it('skips what is already there: Layer already exists on push, Already exists / up to date on pull', async () => {
    const { client } = setup();
    const image = await makeImage();
    const local = storeWith(image, 'localhost:5000/app:v1');
    await client.push('localhost:5000/app:v1', local);
    const again = collect();
    const r = await client.push('localhost:5000/app:v1', local, again.progress);
    expect(r.layers.map((l) => l.outcome)).toEqual(['exists', 'exists']);
    expect(again.messages.filter((m) => m.status === 'Layer already exists')).toHaveLength(2);

    const pull = collect();
    const pulled = await client.pull('localhost:5000/app:v1', local, pull.progress);
    expect(pulled.status).toBe('up-to-date');
    expect(pulled.downloaded).toEqual([]);
    expect(pull.messages.map((m) => m.status)).toEqual([
      'Pulling from app',
      'Already exists',
      'Already exists',
      `Digest: ${image.manifest.digest}`,
      'Status: Image is up to date for localhost:5000/app:v1',
    ]);
  });

  it('mounts a layer from another repository instead of uploading it', async () => {
    const { client, hosts } = setup();
    const base = await makeImage({ seed: 'x', layerCount: 1, shareBase: true });
    const derived = await makeImage({ seed: 'y', layerCount: 2, shareBase: true });
    const local = storeWith(base, 'localhost:5000/base:latest');
    storeWith(derived, 'localhost:5000/app:latest', local);
    await client.push('localhost:5000/base', local);
    local.noteOrigin('localhost:5000/base', base.layers[0]!.digest);
    const r = await client.push('localhost:5000/app', local);
    expect(r.layers).toEqual([
      { digest: derived.layers[1]!.digest, outcome: 'pushed' },
      { digest: derived.layers[0]!.digest, outcome: 'mounted', from: 'base' },
    ]);
    const reg = hosts.get('localhost:5000')!;
    expect(reg.storage.blobs.list().filter((d) => d === base.layers[0]!.digest)).toHaveLength(1);
  });

  it('queues like dockerd: layers beyond 3 downloads or 5 uploads at a time are Waiting', async () => {
    const { client } = setup();
    const image = await makeImage({ seed: 'many', layerCount: 7, fileSize: 100 });
    const push = collect();
    await client.push('localhost:5000/many', storeWith(image, 'localhost:5000/many:latest'), push.progress);
    const topFirst = [...image.layers].reverse().map((l) => shortId(l.diffId));
    expect(push.messages.filter((m) => m.status === 'Waiting').map((m) => m.id)).toEqual(topFirst.slice(5));
    const pull = collect();
    await client.pull('localhost:5000/many', new MemoryImageStore(), pull.progress);
    expect(pull.messages.filter((m) => m.status === 'Waiting').map((m) => m.id)).toEqual(image.layers.slice(3).map((l) => shortId(l.digest)));
  });

  it('pulls a multi-platform index by choosing linux/amd64, and reports the index digest', async () => {
    const { client, hosts } = setup();
    const amd = await makeImage({ seed: 'amd' });
    const arm = await makeImage({ seed: 'arm' });
    const local = storeWith(amd, 'localhost:5000/multi:amd');
    storeWith(arm, 'localhost:5000/multi:arm', local);
    await client.push('localhost:5000/multi:amd', local);
    await client.push('localhost:5000/multi:arm', local);
    const index = enc(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          { mediaType: MediaType.ociManifest, digest: arm.manifest.digest, size: arm.manifest.bytes.length, platform: { architecture: 'arm64', os: 'linux' } },
          { mediaType: MediaType.ociManifest, digest: amd.manifest.digest, size: amd.manifest.bytes.length, platform: { architecture: 'amd64', os: 'linux' } },
        ],
      }),
    );
    const put = hosts.get('localhost:5000')!.handle({ method: 'PUT', path: '/v2/multi/manifests/latest', query: {}, headers: { 'content-type': MediaType.ociIndex }, body: index });
    expect(put.status).toBe(201);
    const fresh = new MemoryImageStore();
    const pulled = await client.pull('localhost:5000/multi', fresh);
    expect(pulled.digest).toBe(sha256Digest(index));
    expect(pulled.configDigest).toBe(amd.config.digest);
    expect(fresh.hasBlob(arm.layers[0]!.digest)).toBe(false);
  });
});

describe('registry client: failures', () => {
  it('rejects a blob whose bytes do not match its digest and stores nothing', async () => {
    const { client, hosts } = setup();
    const image = await makeImage();
    await client.push('localhost:5000/app', storeWith(image, 'localhost:5000/app:latest'));
    const corrupt: Transport = {
      async roundTrip(r) {
        const res = await hosts.transport().roundTrip(r);
        if (!r.path.includes('/blobs/') || res.body.length === 0) return res;
        const body = res.body.slice();
        body[body.length - 1] ^= 0xff;
        return { ...res, body };
      },
    };
    const fresh = new MemoryImageStore();
    const err = await new RegistryClient({ transport: corrupt }).pull('localhost:5000/app', fresh).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DataLoss' });
    expect((err as Error).message).toMatch(/verification failed for digest sha256:/);
    expect(fresh.content.list()).toEqual([]);
    expect(fresh.references()).toEqual([]);
  });

  it('resumes an interrupted chunked push from where the registry got to, without corrupting either side', async () => {
    const { hosts } = setup();
    const image = await makeImage({ layerCount: 2, fileSize: 40_000 });
    const local = storeWith(image, 'localhost:5000/big:latest');
    const patched: number[] = [];
    let patches = 0;
    const t = flaky(hosts.transport(), (r) => {
      if (r.method !== 'PATCH') return false;
      if (++patches === 3) return true;
      patched.push(r.body!.length);
      return false;
    });
    const client = new RegistryClient({ transport: t, chunkSize: 4096 });
    await expect(client.push('localhost:5000/big', local)).rejects.toThrow(/connection reset/);
    const reg = hosts.get('localhost:5000')!;
    expect(reg.storage.tags('big') ?? []).toEqual([]);
    expect([client.pendingUploads, reg.uploads.size]).toEqual([1, 1]);
    expect(patched).toEqual([4096, 4096]);

    await client.push('localhost:5000/big', local);
    expect([client.pendingUploads, reg.uploads.size]).toEqual([0, 0]);
    // Every byte crossed exactly once: the two chunks before the failure were not sent again.
    const sizes = [...image.layers.map((l) => l.blob.length), image.config.bytes.length];
    expect(patched.reduce((a, b) => a + b, 0)).toBe(sizes.reduce((a, b) => a + b, 0));
    for (const l of image.layers) expect(reg.storage.getBlob('big', l.digest)).toEqual(l.blob);
    expect(reg.storage.resolveTag('big', 'latest')).toBe(image.manifest.digest);
    const fresh = new MemoryImageStore();
    await new RegistryClient({ transport: hosts.transport() }).pull('localhost:5000/big', fresh);
    expect(fresh.imageIdFor('localhost:5000/big:latest')).toBe(image.config.digest);
  });

  it('resends the whole blob when the registry no longer knows the interrupted session', async () => {
    const { hosts } = setup();
    const image = await makeImage({ layerCount: 1, fileSize: 20_000 });
    const local = storeWith(image, 'localhost:5000/gone:latest');
    let patches = 0;
    const client = new RegistryClient({ transport: flaky(hosts.transport(), (r) => r.method === 'PATCH' && ++patches === 2), chunkSize: 4096 });
    await expect(client.push('localhost:5000/gone', local)).rejects.toThrow();
    hosts.stop('localhost:5000');
    hosts.start('localhost:5000');
    await client.push('localhost:5000/gone', local);
    expect(hosts.get('localhost:5000')!.storage.resolveTag('gone', 'latest')).toBe(image.manifest.digest);
  });

  it('reports missing tags and repositories as docker does', async () => {
    const { client, hosts } = setup();
    const image = await makeImage();
    await client.push('localhost:5000/app', storeWith(image, 'localhost:5000/app:latest'));
    const seen: ProgressMessage[] = [];
    await expect(client.pull('localhost:5000/app:nope', new MemoryImageStore(), (m) => seen.push(m))).rejects.toThrow(
      'manifest for localhost:5000/app:nope not found: manifest unknown: manifest unknown',
    );
    expect(seen).toEqual([]);
    const hubClient = new RegistryClient({ transport: hosts.transport() });
    await expect(hubClient.pull('nosuchimage', new MemoryImageStore())).rejects.toThrow(
      "pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    await expect(client.push('localhost:5000/absent', new MemoryImageStore())).rejects.toThrow('An image does not exist locally with the tag: localhost:5000/absent');
    await expect(client.pull('localhost:6000/app', new MemoryImageStore())).rejects.toMatchObject({ code: 'Unavailable' });
  });

  it('needs a login to push to the simulated Hub, and only into the user’s namespace', async () => {
    const { hosts } = setup();
    const image = await makeImage();
    const local = storeWith(image, 'docker.io/alice/app:latest');
    storeWith(image, 'docker.io/bob/app:latest', local);
    const anonymous = new RegistryClient({ transport: hosts.transport() });
    await expect(anonymous.push('alice/app', local)).rejects.toThrow('unauthorized: authentication required');
    const alice = new RegistryClient({ transport: hosts.transport(), credentials: (h) => (h === 'docker.io' ? { username: 'alice', password: 'pw' } : undefined) });
    await expect(alice.push('bob/app', local)).rejects.toThrow('denied: requested access to the resource is denied');
    const r = await alice.push('alice/app', local);
    expect(r.digest).toBe(image.manifest.digest);
    const pulled = await anonymous.pull('alice/app', new MemoryImageStore());
    expect(pulled.configDigest).toBe(image.config.digest);
  });

  it('follows a Bearer challenge to the token server, with the login’s credentials, and reuses the token', async () => {
    const registry = new RegistryServer({ rng: new SeededRng(9) });
    const challenge = 'Bearer realm="https://auth.example.test/token",service="registry.example.test",scope="repository:team/app:pull,push"';
    const guarded = {
      handle(r: RegistryRequest): RegistryResponse {
        if (r.headers['authorization'] === 'Bearer t0k3n') return registry.handle(r);
        const body = new TextEncoder().encode('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}\n');
        return { status: 401, headers: { 'www-authenticate': challenge, 'content-type': 'application/json' }, body };
      },
    };
    const asked: RegistryRequest[] = [];
    const tokenServer = {
      handle(r: RegistryRequest): RegistryResponse {
        asked.push(r);
        const ok = r.headers['authorization'] === `Basic ${btoa('alice:pw')}`;
        return { status: ok ? 200 : 401, headers: {}, body: new TextEncoder().encode(ok ? '{"token":"t0k3n"}' : '{}') };
      },
    };
    const transport = inEngineTransport(new Map([['registry.example.test', guarded], ['auth.example.test', tokenServer]]));
    const image = await makeImage();
    const local = storeWith(image, 'registry.example.test/team/app:latest');
    const alice = new RegistryClient({ transport, credentials: () => ({ username: 'alice', password: 'pw' }) });
    const pushed = await alice.push('registry.example.test/team/app', local);
    expect(pushed.digest).toBe(image.manifest.digest);
    expect(asked).toHaveLength(1);
    expect([asked[0]!.path, asked[0]!.query]).toEqual(['/token', { service: 'registry.example.test', scope: 'repository:team/app:pull,push' }]);
    const pulled = await alice.pull('registry.example.test/team/app', new MemoryImageStore());
    expect(pulled.configDigest).toBe(image.config.digest);
    const anonymous = new RegistryClient({ transport });
    await expect(anonymous.push('registry.example.test/team/app', local)).rejects.toThrow('unauthorized: authentication required');
  });
});
