#!/usr/bin/env node
// Records a `podman save --format docker-archive` tarball of a files-only image
// (buildah from scratch + copy + config + commit, vfs storage in a temporary
// root, as root) into test/fixtures/images/, with what podman itself reports
// about the image. Run: node test/oracle/record-podman-archive.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../fixtures/images');
const root = mkdtempSync(join(tmpdir(), 'layerlab-podman-'));
const storage = ['--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--storage-driver', 'vfs'];
const run = (cmd, args) => execFileSync(cmd, [...storage, ...args], { encoding: 'utf8' }).trim();
try {
  const ctx = join(root, 'ctx');
  mkdirSync(join(ctx, 'etc/app'), { recursive: true });
  writeFileSync(join(ctx, 'hello.txt'), 'hello from podman\n');
  writeFileSync(join(ctx, 'etc/app/app.conf'), 'greeting=hello\n');
  const c = run('buildah', ['from', 'scratch']);
  run('buildah', ['copy', c, join(ctx, 'hello.txt'), '/hello.txt']);
  run('buildah', ['copy', c, join(ctx, 'etc'), '/etc']);
  run('buildah', ['config', '--cmd', '["/hello.txt"]', '--env', 'GREETING=hello', '--label', 'layerlab.fixture=files-only', '--workingdir', '/etc/app', c]);
  run('buildah', ['commit', '--format', 'docker', c, 'localhost/files-only:1']);
  mkdirSync(out, { recursive: true });
  const tar = join(out, 'podman-files-only.tar');
  rmSync(tar, { force: true });
  run('podman', ['save', '--format', 'docker-archive', '-o', tar, 'localhost/files-only:1']);
  const inspect = JSON.parse(run('podman', ['image', 'inspect', 'localhost/files-only:1']))[0];
  const expected = {
    recordedWith: execFileSync('podman', ['--version'], { encoding: 'utf8' }).trim(),
    Id: `sha256:${inspect.Id}`,
    RepoTags: inspect.RepoTags,
    Layers: inspect.RootFS.Layers,
    Config: { Env: inspect.Config.Env, Cmd: inspect.Config.Cmd, WorkingDir: inspect.Config.WorkingDir, Labels: inspect.Config.Labels },
    Files: { 'hello.txt': 'hello from podman\n', 'etc/app/app.conf': 'greeting=hello\n' },
  };
  writeFileSync(join(out, 'podman-files-only.expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  console.log(`recorded ${tar} (${expected.Id})`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
