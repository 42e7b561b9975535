/**
 * The simulated Docker Hub's base images: every recipe builds and answers to
 * all its tags, derived images share their base's layer, and the trees hold
 * what the userspace and lessons rely on (BusyBox as the userspace execs it,
 * /hello, os-release, package databases).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../../src/engine/content/store.ts';
import { testDeps } from '../../src/engine/deps.ts';
import { createEngine } from '../../src/engine/index.ts';
import { USERSPACE_ROOTFS_TOOLS } from '../../src/engine/image-module.ts';
import { BASE_IMAGE_RECIPES, findBaseImage } from '../../src/engine/images/base/catalogue.ts';
import { HELLO_GREETING } from '../../src/engine/images/base/hello-greeting.ts';
import { ImageService } from '../../src/engine/images/service.ts';
import { ImageStore } from '../../src/engine/images/store.ts';
import { parseDockerRef } from '../../src/engine/oci/reference.ts';
import type { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';
import { appletBinary, busyboxBinary } from '../../src/engine/userspace/process/binfmt.ts';
import { docker } from '../helpers/run-docker.ts';

const text = (b: Uint8Array) => new TextDecoder().decode(b);
let svc: ImageService;
let snapshotter: Snapshotter;
let views = 0;

async function rootfs(ref: string): Promise<UnionMount> {
  const top = await svc.store.unpack(svc.store.resolve(ref).id);
  return snapshotter.view(`view-${views++}`, top);
}

beforeAll(async () => {
  const deps = testDeps();
  const content = new ContentStore();
  snapshotter = new Snapshotter({ clock: deps.clock, content });
  svc = new ImageService(new ImageStore({ content, snapshotter, clock: deps.clock }), USERSPACE_ROOTFS_TOOLS);
  for (const r of BASE_IMAGE_RECIPES) for (const tag of r.tags) await svc.ensureBaseImage(`${r.repository}:${tag}`);
});

describe('catalogue', () => {
  it('every tag of a recipe names one image; unknown names are not in the catalogue', () => {
    for (const r of BASE_IMAGE_RECIPES) {
      const ids = new Set(r.tags.map((t) => svc.inspect(`${r.repository}:${t}`).Id));
      expect(ids.size, r.repository).toBe(1);
    }
    expect(findBaseImage(parseDockerRef('busybox:0.1'))).toBeUndefined();
    expect(findBaseImage(parseDockerRef('example.com/busybox'))).toBeUndefined();
  });

  it('derived images are built on their base: the first layer is shared', () => {
    const first = (ref: string) => svc.inspect(ref).RootFS.Layers[0];
    for (const ref of ['nginx', 'httpd', 'python:3.13-slim']) expect(first(ref), ref).toBe(first('debian'));
    for (const ref of ['node:22-alpine', 'registry']) expect(first(ref), ref).toBe(first('alpine'));
    expect(svc.inspect('nginx').RootFS.Layers.length).toBeGreaterThan(3);
  });

  it('scratch is reserved, not an image', async () => {
    await expect(svc.ensureBaseImage('scratch')).rejects.toMatchObject({ code: 'InvalidParameter', message: "'scratch' is a reserved name" });
  });

  it('a fresh engine lists no images, like Docker', async () => {
    const r = await docker(['images'], createEngine(testDeps()));
    expect(r.stdout).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
  });
});

describe('file trees', () => {
  it('busybox: /bin/busybox in the userspace binary format, applet links, CMD ["sh"], the official PATH', async () => {
    const fs = await rootfs('busybox');
    expect(fs.readFile('/bin/busybox')).toEqual(busyboxBinary());
    expect(fs.readlink('/bin/sh')).toBe('/bin/busybox');
    expect(fs.readlink('/bin/ls')).toBe('/bin/busybox');
    expect(text(fs.readFile('/etc/passwd'))).toMatch(/^root:x:0:0:root:\/root:\/bin\/sh\n/);
    const c = svc.inspect('busybox').Config;
    expect(c.Cmd).toEqual(['sh']);
    expect(c.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('hello-world: /hello is an applet binary carrying the greeting', async () => {
    const fs = await rootfs('hello-world');
    const hello = fs.readFile('/hello');
    const header = appletBinary('hello');
    expect(hello.subarray(0, header.length)).toEqual(header);
    expect(text(hello.subarray(header.length))).toBe(HELLO_GREETING);
    expect(HELLO_GREETING).toContain('Hello from Docker!');
    expect(svc.inspect('hello-world').Config.Cmd).toEqual(['/hello']);
  });

  it('alpine: release files, apk database, musl loader', async () => {
    const fs = await rootfs('alpine');
    expect(text(fs.readFile('/etc/os-release'))).toContain('ID=alpine\n');
    expect(text(fs.readFile('/etc/alpine-release'))).toMatch(/^3\.22\.\d+\n$/);
    expect(text(fs.readFile('/lib/apk/db/installed'))).toContain('P:musl\n');
    expect(fs.stat('/lib/ld-musl-x86_64.so.1').type).toBe('file');
    expect(fs.readlink('/bin/sh')).toBe('/bin/busybox');
  });

  it('debian and ubuntu: merged /usr, os-release through its symlink, dpkg status', async () => {
    for (const [ref, id] of [['debian', 'debian'], ['ubuntu', 'ubuntu']] as const) {
      const fs = await rootfs(ref);
      expect(fs.readlink('/bin')).toBe('usr/bin');
      expect(text(fs.readFile('/etc/os-release'))).toContain(`ID=${id}\n`);
      expect(text(fs.readFile('/var/lib/dpkg/status'))).toContain('Package: bash\nStatus: install ok installed\n');
      expect(fs.stat('/bin/bash').type).toBe('file');
    }
    expect(svc.inspect('ubuntu').Config.Cmd).toEqual(['/bin/bash']);
  });

  it('centos: RPM-based tree, label-schema labels', async () => {
    const fs = await rootfs('centos');
    expect(text(fs.readFile('/etc/os-release'))).toContain('ID="centos"\n');
    expect(fs.readlink('/etc/redhat-release')).toBe('centos-release');
    expect(text(fs.readFile('/var/lib/rpm/Packages'))).toContain('bash-');
    expect(svc.inspect('centos').Config.Labels?.['org.label-schema.name']).toBe('CentOS Base Image');
  });

  it('nginx: package layer files and the official config', async () => {
    const fs = await rootfs('nginx');
    expect(text(fs.readFile('/usr/share/nginx/html/index.html'))).toContain('Welcome to nginx!');
    expect(text(fs.readFile('/etc/passwd'))).toContain('\nnginx:x:101:101:');
    const c = svc.inspect('nginx').Config;
    expect(c.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(c.StopSignal).toBe('SIGQUIT');
    expect(c.ExposedPorts).toEqual({ '80/tcp': {} });
  });
});
