/**
 * The image store and Docker's rmi rules: ids are config digests and repeat
 * across engines, references move and disappear as dockerd's do, conflicts
 * carry Docker's wording, deleting releases layer chains, and state and
 * save/load round-trip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { EngineError } from '../../src/api/index.ts';
import { ContentStore } from '../../src/engine/content/store.ts';
import { testDeps } from '../../src/engine/deps.ts';
import { USERSPACE_ROOTFS_TOOLS } from '../../src/engine/image-module.ts';
import { configJson } from '../../src/engine/images/config.ts';
import { appendHistory, appendLayer, emptyImage, withConfig } from '../../src/engine/images/mutate.ts';
import { ImageService } from '../../src/engine/images/service.ts';
import type { ContainerUsage } from '../../src/engine/images/store.ts';
import { ImageStore } from '../../src/engine/images/store.ts';
import { chainIds } from '../../src/engine/oci/chain-id.ts';
import { sha256Digest } from '../../src/engine/oci/digest.ts';
import { parseDockerRef } from '../../src/engine/oci/reference.ts';
import { createLayer, layerFromTar } from '../../src/engine/snapshots/layer.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';
import { repoRoot } from '../helpers/shared.ts';

const M = { uid: 0, gid: 0, mtimeMs: Date.UTC(2025, 0, 1) };
const enc = (s: string) => new TextEncoder().encode(s);

function makeService(usage?: ContainerUsage): ImageService {
  const deps = testDeps();
  const content = new ContentStore();
  const snapshotter = new Snapshotter({ clock: deps.clock, content });
  return new ImageService(new ImageStore({ content, snapshotter, clock: deps.clock, ...(usage ? { usage } : {}) }), USERSPACE_ROOTFS_TOOLS);
}

/** A one-file image on top of `base` (or scratch), as a build step would make it. */
async function childImage(svc: ImageService, baseRef: string | null, file: string) {
  let image = emptyImage();
  if (baseRef !== null) {
    const base = svc.store.resolve(baseRef);
    const layers = await Promise.all(base.layers.map(async (l) => ({ layer: await layerFromTar(svc.store.content.get(l.digest)) })));
    image = { config: svc.store.config(base.id), layers };
  }
  const layer = await createLayer([{ ...M, kind: 'file', path: file, mode: 0o644, data: enc(file) }]);
  image = appendLayer(image, layer, { created: '2025-01-01T00:00:00Z', created_by: `COPY ${file} /` });
  return withConfig(appendHistory(image, { created: '2025-01-01T00:00:00Z', created_by: 'CMD ["x"]' }), { Cmd: ['x'] });
}

function code(fn: () => unknown): [string, string] {
  try {
    fn();
  } catch (e) {
    return [(e as EngineError).code, (e as EngineError).message];
  }
  return ['', ''];
}

describe('identity', () => {
  it('image id = sha256 of the stored config bytes; layers match rootfs.diff_ids; same recipe → same ids in another engine', async () => {
    const a = makeService();
    const b = makeService();
    const ra = await a.ensureBaseImage('busybox');
    const rb = await b.ensureBaseImage('busybox:latest');
    expect(ra.id).toBe(rb.id);
    expect(ra.manifestDigest).toBe(rb.manifestDigest);
    const bytes = a.store.content.get(ra.id);
    expect(sha256Digest(bytes)).toBe(ra.id);
    expect(new TextDecoder().decode(bytes)).toBe(configJson(a.store.config(ra.id)));
    expect(a.store.config(ra.id).rootfs.diff_ids).toEqual(ra.layers.map((l) => l.diffId));
    const top = chainIds(ra.layers.map((l) => l.diffId)).at(-1)!;
    expect(a.store.snapshotter.stat(top).kind).toBe('committed');
  });

  it('history has one non-empty entry per layer, and the base images report realistic sizes', async () => {
    const svc = makeService();
    const sizes: Record<string, number> = {};
    for (const name of ['hello-world', 'busybox', 'alpine', 'debian', 'ubuntu']) {
      const r = await svc.ensureBaseImage(name);
      const c = svc.store.config(r.id);
      expect(c.history!.filter((h) => !h.empty_layer)).toHaveLength(c.rootfs.diff_ids.length);
      sizes[name] = svc.inspect(name).Size;
    }
    expect(sizes.busybox).toBeGreaterThan(4.2e6);
    expect(sizes.busybox).toBeLessThan(4.4e6);
    expect(sizes.alpine).toBeGreaterThan(7.5e6);
    expect(sizes.alpine).toBeLessThan(8.5e6);
    expect(sizes.ubuntu).toBeGreaterThan(77e6);
    expect(sizes.ubuntu).toBeLessThan(79e6);
  });

  it('map fields marshal with sorted keys, as Go does: label order does not change the id', () => {
    const a = withConfig(emptyImage(), { Labels: { b: '2', a: '1' }, ExposedPorts: { '8080/tcp': {}, '80/tcp': {} } });
    const b = withConfig(emptyImage(), { Labels: { a: '1', b: '2' }, ExposedPorts: { '80/tcp': {}, '8080/tcp': {} } });
    expect(configJson(a.config)).toBe(configJson(b.config));
    expect(configJson(a.config)).toContain('"Labels":{"a":"1","b":"2"}');
  });

  it('mutate verbs never change their input', async () => {
    const base = emptyImage();
    const layer = await createLayer([{ ...M, kind: 'file', path: 'a', mode: 0o644, data: enc('a') }]);
    const next = appendLayer(base, layer, { created_by: 'COPY a /' });
    expect(base.layers).toHaveLength(0);
    expect(base.config.rootfs.diff_ids).toHaveLength(0);
    expect(next.config.rootfs.diff_ids).toEqual([layer.diffId]);
    expect(withConfig(next, { Cmd: undefined }).config.config.Cmd).toBeUndefined();
  });
});

describe('references', () => {
  it('a fresh store lists nothing; ensureBaseImage tags and pins a digest like a pull', async () => {
    const svc = makeService();
    expect(svc.list()).toEqual([]);
    await svc.ensureBaseImage('alpine');
    const [s] = svc.list();
    expect(s!.RepoTags).toEqual(['alpine:latest']);
    expect(s!.RepoDigests[0]).toMatch(/^alpine@sha256:[a-f0-9]{64}$/);
    expect(code(() => svc.store.resolve('nope'))).toEqual(['NotFound', 'No such image: nope:latest']);
    expect(svc.store.resolve(s!.Id.slice(7, 19)).id).toBe(s!.Id);
  });

  it('tag moves a name; the old image becomes dangling', async () => {
    const svc = makeService();
    await svc.ensureBaseImage('busybox');
    await svc.ensureBaseImage('alpine');
    svc.tag('busybox', 'app:1');
    svc.tag('alpine', 'app:1');
    expect(svc.list({ filters: { reference: ['app'] } }).map((s) => s.RepoTags)).toEqual([['app:1']]);
    expect(svc.inspect('app:1').Id).toBe(svc.inspect('alpine').Id);
    expect(svc.inspect('app:1').Metadata.LastTagTime).not.toBe('0001-01-01T00:00:00Z');
    expect(code(() => svc.tag('busybox', 'x@sha256:' + 'a'.repeat(64)))).toEqual(['InvalidParameter', 'refusing to create a tag with a digest reference']);
  });
});

describe('rmi', () => {
  it('by name untags (with the repository digest) and deletes the image and its layer chain when nothing else names it', async () => {
    const svc = makeService();
    const r = await svc.ensureBaseImage('busybox');
    const chain = chainIds(r.layers.map((l) => l.diffId)).at(-1)!;
    svc.tag('busybox', 'mine:1');
    const first = svc.remove('busybox');
    expect(first.map((x) => Object.keys(x)[0])).toEqual(['Untagged', 'Untagged']);
    expect(svc.remove('mine:1')).toEqual([{ Untagged: 'mine:1' }, { Deleted: r.id }, { Deleted: chain }]);
    expect(code(() => svc.store.snapshotter.stat(chain))[0]).toBe('NotFound');
    expect(svc.store.content.has(r.id)).toBe(false);
  });

  it('by id with names in several repositories is a soft conflict; --force removes them all', async () => {
    const svc = makeService();
    const r = await svc.ensureBaseImage('busybox');
    svc.tag('busybox', 'other:1');
    const short = r.id.slice(7, 19);
    expect(code(() => svc.remove(short))).toEqual([
      'Conflict',
      `conflict: unable to delete ${short} (must be forced) - image is referenced in multiple repositories`,
    ]);
    const out = svc.remove(short, { force: true });
    expect(out.filter((x) => 'Untagged' in x)).toHaveLength(3);
    expect(out.at(-2)).toEqual({ Deleted: r.id });
  });

  it('an image with a child is a hard conflict, even forced; removing the child prunes the untagged parent', async () => {
    const svc = makeService();
    const parent = await svc.store.put(await childImage(svc, null, 'base'));
    const child = await svc.store.put(await childImage(svc, parent.id, 'app'), { parent: parent.id });
    svc.store.addReference(parseDockerRef('app:1'), child.id);
    const short = parent.id.slice(7, 19);
    expect(code(() => svc.remove(parent.id, { force: true }))).toEqual([
      'Conflict',
      `conflict: unable to delete ${short} (cannot be forced) - image has dependent child images`,
    ]);
    expect(svc.list().map((s) => s.Id)).toEqual([child.id]);
    expect(svc.list({ all: true })).toHaveLength(2);
    expect(svc.history('app:1').map((h) => h.Id)).toEqual([child.id, '<missing>', parent.id, '<missing>']);
    const out = svc.remove('app:1');
    expect(out.filter((x) => 'Deleted' in x).map((x) => (x as { Deleted: string }).Deleted)).toContain(parent.id);
    expect(svc.list({ all: true })).toEqual([]);
  });

  it('containers: a running one blocks even --force; a stopped one blocks untagging the only name', async () => {
    const users: { id: string; running: boolean }[] = [];
    const svc = makeService({ usersOf: () => users });
    const r = await svc.ensureBaseImage('busybox');
    const short = r.id.slice(7, 19);
    users.push({ id: 'c0ffee0000000000000000000000000000000000000000000000000000000000', running: true });
    expect(code(() => svc.remove(r.id, { force: true }))[1]).toBe(
      `conflict: unable to delete ${short} (cannot be forced) - image is being used by running container c0ffee000000`,
    );
    users[0]!.running = false;
    expect(code(() => svc.remove('busybox'))[1]).toBe(
      `conflict: unable to remove repository reference "busybox" (must force) - container c0ffee000000 is using its referenced image ${short}`,
    );
  });

  it('a chain still mounted by a container stays in the snapshotter when its image is forced out', async () => {
    const svc = makeService();
    const r = await svc.ensureBaseImage('busybox');
    const top = chainIds(r.layers.map((l) => l.diffId)).at(-1)!;
    svc.store.snapshotter.prepare('container-rw', top);
    const out = svc.remove(r.id, { force: true });
    expect(out.filter((x) => 'Deleted' in x)).toEqual([{ Deleted: r.id }]);
    expect(svc.store.snapshotter.stat(top).kind).toBe('committed');
  });

  it('dangling filter and prune', async () => {
    const svc = makeService();
    await svc.ensureBaseImage('busybox');
    const loose = await svc.store.put(await childImage(svc, null, 'loose'));
    expect(svc.list({ filters: { dangling: ['true'] } }).map((s) => s.Id)).toEqual([loose.id]);
    const report = svc.prune();
    expect(report.ImagesDeleted).toContainEqual({ Deleted: loose.id });
    expect(svc.list().map((s) => s.RepoTags)).toEqual([['busybox:latest']]);
    expect(svc.prune().ImagesDeleted).toBeNull();
  });
});

describe('round trips', () => {
  it('save → load keeps ids, tags and the layer content', async () => {
    const a = makeService();
    const r = await a.ensureBaseImage('alpine');
    a.tag('alpine', 'registry.local:5000/team/alp:3');
    const tar = await a.save(['alpine', 'registry.local:5000/team/alp:3']);
    const b = makeService();
    const loaded = await b.load(tar);
    expect(loaded.messages).toEqual(['Loaded image: alpine:latest', 'Loaded image: registry.local:5000/team/alp:3']);
    expect(loaded.images).toEqual(['alpine:latest', 'registry.local:5000/team/alp:3']);
    expect(b.inspect('registry.local:5000/team/alp:3').Id).toBe(r.id);
    expect(b.inspect('alpine').RootFS.Layers).toEqual(a.inspect('alpine').RootFS.Layers);
    expect(b.inspect('alpine').Size).toBe(b.store.get(r.id).layers.reduce((n, l) => n + l.size, 0));
  });

  it('load takes a gzip-compressed archive too', async () => {
    const a = makeService();
    const r = await a.ensureBaseImage('busybox');
    const b = makeService();
    expect((await b.load(gzipSync(await a.save(['busybox'])))).messages).toEqual(['Loaded image: busybox:latest']);
    expect(b.inspect('busybox').Id).toBe(r.id);
  });

  it('saving an image by id writes it untagged; load reports its id', async () => {
    const a = makeService();
    const r = await a.ensureBaseImage('hello-world');
    const b = makeService();
    expect((await b.load(await a.save([r.id]))).messages).toEqual([`Loaded image ID: ${r.id}`]);
  });

  it('engine state: export → import restores images and references', async () => {
    const a = makeService();
    await a.ensureBaseImage('busybox');
    a.tag('busybox', 'kept:1');
    const state = a.store.exportState();
    const b = makeService();
    for (const d of a.store.blobDigests()) b.store.content.put(a.store.content.get(d));
    b.store.importState(JSON.parse(JSON.stringify(state)));
    expect(b.list().map((s) => s.RepoTags)).toEqual(a.list().map((s) => s.RepoTags));
    const top = await b.store.unpack(b.store.resolve('kept:1').id);
    expect(top).toBe(chainIds(b.store.resolve('kept:1').layers.map((l) => l.diffId)).at(-1));
  });
});

describe('inspect', () => {
  it('Config keys come in the spec struct order however the config was built', async () => {
    const svc = makeService();
    let image = emptyImage();
    image = withConfig(image, { Cmd: ['x'], Labels: { a: 'b' }, Entrypoint: ['/e'], User: 'u', Env: ['A=1'] });
    const r = await svc.store.put(image);
    expect(Object.keys(svc.inspect(r.id).Config)).toEqual(['User', 'Env', 'Entrypoint', 'Cmd', 'Labels']);
  });
});

describe('after a restart', () => {
  it('docker save of a loaded foreign image writes its original layer tar (from the persisted gzip blob)', async () => {
    const a = makeService();
    const podmanTar = new Uint8Array(readFileSync(join(repoRoot, 'test/fixtures/images/podman-files-only.tar')));
    await a.load(podmanTar);
    // A restart keeps only configs, manifests and gzip layer blobs.
    const b = makeService();
    for (const d of a.store.blobDigests()) b.store.content.put(a.store.content.get(d));
    b.store.importState(JSON.parse(JSON.stringify(a.store.exportState())));
    const c = makeService();
    expect((await c.load(await b.save(['localhost/files-only:1']))).messages).toEqual(['Loaded image: localhost/files-only:1']);
    expect(c.inspect('localhost/files-only:1').Id).toBe(a.inspect('localhost/files-only:1').Id);
  });
});
