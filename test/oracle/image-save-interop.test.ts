/**
 * Interop with other image tools, both ways:
 * - a `docker save` tarball from Layerlab is read by `skopeo inspect` as a
 *   docker-archive and as an OCI archive (layers, config, created, env agree
 *   with `docker image inspect`), and `podman load` gives the same image id;
 * - a `podman save --format docker-archive` tarball of a files-only image
 *   (recorded by record-podman-archive.mjs) loads into Layerlab with podman's
 *   id, layers, config and file contents.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi, ImageInspect } from '../../src/api/index.ts';
import { ManualClock, testDeps } from '../../src/engine/deps.ts';
import { createEngine } from '../../src/engine/index.ts';
import { USERSPACE_ROOTFS_TOOLS } from '../../src/engine/image-module.ts';
import { ContentStore } from '../../src/engine/content/store.ts';
import { ImageService } from '../../src/engine/images/service.ts';
import { ImageStore } from '../../src/engine/images/store.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';
import { repoRoot, requireOracle } from '../helpers/shared.ts';

const has = (tool: string) => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const fixture = join(repoRoot, 'test/fixtures/images/podman-files-only.tar');
const expected = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/images/podman-files-only.expected.json'), 'utf8')) as {
  Id: string;
  RepoTags: string[];
  Layers: string[];
  Config: { Env: string[]; Cmd: string[]; WorkingDir: string; Labels: Record<string, string> };
  Files: Record<string, string>;
};

describe('podman save → Layerlab load (recorded fixture)', () => {
  it('docker load -i prints the tag; id, layers and config are podman’s', async () => {
    const api = createEngine(testDeps());
    const files = { readFile: () => new Uint8Array(readFileSync(fixture)), writeFile: () => {} };
    let stdout = '';
    const { runDocker } = await import('../../src/cli/index.ts');
    const code = await runDocker(['load', '-i', 'podman-files-only.tar'], { api, files, stdout: { write: (s) => void (stdout += s) }, stderr: { write: () => {} } });
    expect(code).toBe(0);
    expect(stdout).toBe(`Loaded image: ${expected.RepoTags[0]}\n`);
    const img = await api.imageInspect(expected.RepoTags[0]!);
    expect(img.Id).toBe(expected.Id);
    expect(img.RootFS.Layers).toEqual(expected.Layers);
    expect(img.Config).toMatchObject(expected.Config);
  });

  it('the layer unpacks to the files podman copied', async () => {
    const clock = new ManualClock();
    const content = new ContentStore();
    const snapshotter = new Snapshotter({ clock, content });
    const svc = new ImageService(new ImageStore({ content, snapshotter, clock }), USERSPACE_ROOTFS_TOOLS);
    await svc.load(new Uint8Array(readFileSync(fixture)));
    const top = await svc.store.unpack(expected.Id);
    const view = snapshotter.view('check', top);
    for (const [path, text] of Object.entries(expected.Files)) expect(new TextDecoder().decode(view.readFile(`/${path}`))).toBe(text);
  });
});

const skopeo = requireOracle('skopeo', has('skopeo'), 'apt-get install -y skopeo');
const podman = requireOracle('podman', has('podman'), 'apt-get install -y podman');

describe.runIf(skopeo || podman)('Layerlab docker save → skopeo / podman', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-interop-'));
  const tarPath = join(dir, 'images.tar');
  const names = ['busybox:latest', 'alpine:latest', 'hello-world:latest', 'ubuntu:latest', 'localhost:5000/team/app:v1'];
  let api: EngineApi;
  const inspected = new Map<string, ImageInspect>();

  beforeAll(async () => {
    api = createEngine({ ...testDeps(), preloadImages: ['busybox', 'alpine', 'hello-world', 'ubuntu'] });
    await api.imageTag('alpine', 'localhost:5000/team/app:v1');
    const files = { readFile: () => new Uint8Array(), writeFile: (_p: string, data: Uint8Array) => writeFileSync(tarPath, data) };
    const { runDocker } = await import('../../src/cli/index.ts');
    const code = await runDocker(['save', '-o', tarPath, ...names], { api, files, stdout: { write: () => {} }, stderr: { write: () => {} } });
    expect(code).toBe(0);
    for (const n of names) inspected.set(n, await api.imageInspect(n));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.runIf(skopeo)('skopeo inspect', () => {
    for (const name of names) {
      it(`docker-archive:…:${name}`, () => {
        const out = JSON.parse(execFileSync('skopeo', ['inspect', `docker-archive:${tarPath}:${name}`], { encoding: 'utf8' })) as Record<string, unknown>;
        const ours = inspected.get(name)!;
        expect(out.Layers).toEqual(ours.RootFS.Layers);
        expect(out.Created).toBe(ours.Created);
        expect(out.Env).toEqual(ours.Config.Env);
        expect(out.Architecture).toBe(ours.Architecture);
        expect(out.Os).toBe(ours.Os);
        const config = JSON.parse(execFileSync('skopeo', ['inspect', '--config', `docker-archive:${tarPath}:${name}`], { encoding: 'utf8' })) as { config: unknown };
        expect(config.config).toEqual(ours.Config);
      });
    }

    it('the same tar read as an OCI archive names the same layers', () => {
      const out = JSON.parse(execFileSync('skopeo', ['inspect', `oci-archive:${tarPath}:latest`], { encoding: 'utf8' })) as { Layers: string[] };
      const candidates = names.filter((n) => n.endsWith(':latest')).map((n) => inspected.get(n)!.RootFS.Layers);
      expect(candidates).toContainEqual(out.Layers);
    });
  });

  it.runIf(podman)('podman load gives Layerlab’s image ids', () => {
    const root = join(dir, 'podman');
    const storage = ['--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--storage-driver', 'vfs'];
    execFileSync('podman', [...storage, 'load', '-i', tarPath], { encoding: 'utf8' });
    for (const name of names) {
      // podman names short docker-archive tags under localhost/ (as it does for `docker save` output too).
      const podName = name.includes('/') && name.split('/')[0]!.includes(':') ? name : `localhost/${name}`;
      const [info] = JSON.parse(execFileSync('podman', [...storage, 'image', 'inspect', podName], { encoding: 'utf8' })) as { Id: string; RootFS: { Layers: string[] } }[];
      expect(`sha256:${info!.Id}`).toBe(inspected.get(name)!.Id);
      expect(info!.RootFS.Layers).toEqual(inspected.get(name)!.RootFS.Layers);
    }
  });
});
