/**
 * The registry wired to the real image store (src/engine/registry-module.ts):
 * `docker pull busybox` from the simulated Hub gives the image the same id and
 * RepoDigest as the catalogue's base image; tag + push to a `registry:2`
 * started inside the engine, then a pull into another engine's store, gives
 * the same image id back.
 */
import { describe, expect, it } from 'vitest';
import { ContentStore } from '../../src/engine/content/store.ts';
import { SeededRng, testDeps } from '../../src/engine/deps.ts';
import { USERSPACE_ROOTFS_TOOLS } from '../../src/engine/image-module.ts';
import { ImageService } from '../../src/engine/images/service.ts';
import { ImageStore } from '../../src/engine/images/store.ts';
import { ImageStoreSeam, createRegistryModule } from '../../src/engine/registry-module.ts';
import { RegistryClient, pullOutput, pushOutput, searchHub, shortId } from '../../src/engine/registry/index.ts';
import type { ProgressMessage } from '../../src/engine/registry/index.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';

function makeService(): ImageService {
  const deps = testDeps();
  const content = new ContentStore();
  const snapshotter = new Snapshotter({ clock: deps.clock, content });
  return new ImageService(new ImageStore({ content, snapshotter, clock: deps.clock }), USERSPACE_ROOTFS_TOOLS);
}

describe('registry ⇄ image store', () => {
  it('pulls busybox from the simulated Hub: docker’s lines, and the catalogue image’s id and RepoDigest', async () => {
    const svc = makeService();
    const facts: { topic: string; data: unknown }[] = [];
    const bus = { publish: (topic: string, data: unknown) => facts.push({ topic, data }) };
    const registry = createRegistryModule({ rng: new SeededRng(1), store: svc.store, tools: USERSPACE_ROOTFS_TOOLS, bus });
    const messages: ProgressMessage[] = [];
    const pulled = await registry.pull('busybox', (m) => messages.push(m));
    // The daemon → registry calls, for the architecture view.
    expect(facts.filter((f) => f.topic === '/registry/request/handled').map((f) => (f.data as { path: string }).path)).toContain('/v2/library/busybox/manifests/latest');
    expect(facts.filter((f) => f.topic.startsWith('/image/'))).toEqual([
      {
        topic: '/image/pulled',
        data: { ref: 'docker.io/library/busybox:latest', digest: pulled.digest, id: pulled.configDigest, downloaded: pulled.layers.map((l) => l.digest), present: [], status: 'downloaded' },
      },
    ]);

    const reference = makeService();
    const expected = await reference.ensureBaseImage('busybox');
    expect(pulled.configDigest).toBe(expected.id);
    expect(pulled.digest).toBe(expected.manifestDigest);
    const summary = svc.list().find((i) => i.Id === expected.id)!;
    expect(summary.RepoTags).toEqual(['busybox:latest']);
    expect(summary.RepoDigests).toEqual([`busybox@${expected.manifestDigest}`]);
    expect(summary.Size).toBe(reference.list()[0]!.Size);

    const ids = expected.layers.map((l) => shortId(l.digest));
    expect(pullOutput('busybox', messages)).toEqual([
      'Using default tag: latest',
      'latest: Pulling from library/busybox',
      ...ids.map((id) => `${id}: Pulling fs layer`),
      ...ids.flatMap((id) => [`${id}: Verifying Checksum`, `${id}: Download complete`]),
      ...ids.map((id) => `${id}: Pull complete`),
      `Digest: ${expected.manifestDigest}`,
      'Status: Downloaded newer image for busybox:latest',
      'docker.io/library/busybox:latest',
    ]);
    const again: ProgressMessage[] = [];
    await registry.pull('busybox:latest', (m) => again.push(m));
    expect(again.at(-1)!.status).toBe('Status: Image is up to date for busybox:latest');
    await expect(registry.pull('nosuchimage')).rejects.toThrow("pull access denied for nosuchimage, repository does not exist or may require 'docker login'");
  });

  it('tags and pushes to a registry:2 started in the engine; another store pulls the same image id back', async () => {
    const svc = makeService();
    const registry = createRegistryModule({ rng: new SeededRng(2), store: svc.store, tools: USERSPACE_ROOTFS_TOOLS });
    await registry.pull('busybox');
    registry.hosts.start('localhost:5000');
    svc.tag('busybox', 'localhost:5000/tools/busybox:v1');
    const messages: ProgressMessage[] = [];
    const pushed = await registry.push('localhost:5000/tools/busybox:v1', (m) => messages.push(m));
    const record = svc.store.resolve('busybox');
    expect(pushed.digest).toBe(record.manifestDigest);
    const lines = pushOutput('localhost:5000/tools/busybox:v1', messages);
    expect(lines[0]).toBe('The push refers to repository [localhost:5000/tools/busybox]');
    expect(lines.at(-1)).toBe(`v1: digest: ${record.manifestDigest} size: ${svc.store.content.get(record.manifestDigest).length}`);
    expect(lines.filter((l) => l.endsWith(': Pushed'))).toHaveLength(record.layers.length);

    const other = makeService();
    const client = new RegistryClient({ transport: registry.hosts.transport() });
    const pulled = await client.pull('localhost:5000/tools/busybox:v1', new ImageStoreSeam(other.store));
    expect(pulled.configDigest).toBe(record.id);
    expect(other.store.resolve('localhost:5000/tools/busybox:v1').id).toBe(record.id);
    expect(await other.store.unpack(record.id)).toBeDefined();
  });

  it('searches the official images by their recipes’ descriptions', () => {
    const registry = createRegistryModule({ rng: new SeededRng(3), store: makeService().store, tools: USERSPACE_ROOTFS_TOOLS });
    const hits = searchHub(registry.searchIndex(), 'busybox');
    expect(hits[0]).toMatchObject({ name: 'busybox', official: true });
  });

  it('keeps pushed repositories across a save and restore (official Hub images are rebuilt, not saved)', async () => {
    const svc = makeService();
    const registry = createRegistryModule({ rng: new SeededRng(4), store: svc.store, tools: USERSPACE_ROOTFS_TOOLS });
    await registry.pull('busybox');
    registry.hosts.start('localhost:5000', { deleteEnabled: true });
    svc.tag('busybox', 'localhost:5000/kept:v1');
    const pushed = await registry.push('localhost:5000/kept:v1');
    const saved = registry.persist({ other: 1 }, { 'sha256:x': 'eA==' });
    expect(saved.records['other']).toBe(1);
    expect(saved.blobs['sha256:x']).toBe('eA==');
    const state = saved.records['registries'] as { hosts: Record<string, { storage: { repositories: Record<string, unknown> } }> };
    expect(Object.keys(state.hosts['docker.io']!.storage.repositories)).toEqual([]);
    expect(Object.keys(state.hosts['localhost:5000']!.storage.repositories)).toEqual(['kept']);

    const later = makeService();
    const restored = createRegistryModule({ rng: new SeededRng(5), store: later.store, tools: USERSPACE_ROOTFS_TOOLS });
    restored.restore(JSON.parse(JSON.stringify(saved.records)) as Record<string, unknown>, saved.blobs);
    const pulled = await restored.pull('localhost:5000/kept:v1');
    expect(pulled.digest).toBe(pushed.digest);
    expect((await restored.pull('busybox')).configDigest).toBe(pulled.configDigest);
  });

  it('logs in, pushes to the user’s Hub namespace mounting the official layers, and finds the repository in search', async () => {
    const svc = makeService();
    const registry = createRegistryModule({ rng: new SeededRng(6), store: svc.store, tools: USERSPACE_ROOTFS_TOOLS });
    await registry.pull('busybox');
    expect(await registry.login('', 'alice', 'pw')).toEqual({ Status: 'Login Succeeded' });
    await expect(registry.login('docker.io', 'alice', '')).rejects.toThrow(
      'Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
    );
    svc.tag('busybox', 'alice/tools');
    await expect(registry.push('alice/tools')).rejects.toThrow('unauthorized: authentication required');
    const messages: ProgressMessage[] = [];
    const creds = (host: string) => (host === 'docker.io' ? { username: 'alice', password: 'pw' } : undefined);
    const pushed = await registry.push('alice/tools', (m) => messages.push(m), creds);
    expect(pushed.layers.every((l) => l.outcome === 'mounted' && l.from === 'library/busybox')).toBe(true);
    expect(pushOutput('alice/tools', messages)[1]).toBe('The push refers to repository [docker.io/alice/tools]');
    expect(messages.filter((m) => m.status === 'Mounted from library/busybox')).toHaveLength(pushed.layers.length);
    svc.tag('busybox', 'bob/tools');
    await expect(registry.push('bob/tools', undefined, creds)).rejects.toThrow('denied: requested access to the resource is denied');
    expect(searchHub(registry.searchIndex(), 'alice')).toEqual([{ name: 'alice/tools', description: '', stars: 0, official: false }]);
  });
});
