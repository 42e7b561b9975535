#!/usr/bin/env node
// Records what buildah builds from each context in test/fixtures/build-contexts/
// into test/fixtures/buildah/<name>.json: the image config fields and the
// filesystem changes against the base image (tree-diff.mjs). The base is
// Layerlab's own busybox image with /bin/busybox replaced by Debian's real
// busybox-static, tagged docker.io/library/busybox:latest in a throwaway vfs
// store, so `FROM busybox` means the same tree on both sides.
//
// Run as root: node test/oracle/record-buildah-builds.mjs [name…]
// Needs: buildah, busybox-static (apt-get install -y buildah busybox-static).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeChanges } from './tree-diff.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../..');
const contexts = join(repo, 'test/fixtures/build-contexts');
const out = join(repo, 'test/fixtures/buildah');
const root = mkdtempSync(join(tmpdir(), 'layerlab-buildah-'));
const storage = ['--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--storage-driver', 'vfs'];
const buildah = (args, opts = {}) => execFileSync('buildah', [...storage, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }).trim();

/** Walks a directory into tree-diff nodes keyed by relative path. */
function walk(dir) {
  const tree = {};
  const visit = (rel) => {
    for (const name of readdirSync(join(dir, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const full = join(dir, path);
      const st = lstatSync(full);
      const base = { mode: (st.mode & 0o7777).toString(8), uid: st.uid, gid: st.gid };
      if (st.isSymbolicLink()) tree[path] = { type: 'symlink', ...base, mode: '777', target: readlinkSync(full) };
      else if (st.isDirectory()) {
        tree[path] = { type: 'dir', ...base };
        visit(path);
      } else if (st.isFile()) tree[path] = { type: 'file', ...base, sha256: createHash('sha256').update(readFileSync(full)).digest('hex') };
      else tree[path] = { type: 'other', ...base };
    }
  };
  visit('');
  return tree;
}

/** The image's filesystem, mounted read-only without a container (so ONBUILD triggers do not fire). */
function imageTree(ref) {
  const podman = (args) => execFileSync('podman', [...storage, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const dir = podman(['image', 'mount', ref]);
  try {
    return walk(dir);
  } finally {
    podman(['image', 'unmount', ref]);
  }
}

const CONFIG_FIELDS = ['User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'Healthcheck', 'OnBuild', 'Shell'];

try {
  // The base: Layerlab's busybox with the real binary.
  const home = join(root, 'layerlab');
  const baseTar = join(root, 'busybox.tar');
  execFileSync(join(repo, 'bin/layerlab'), ['docker', 'pull', '-q', 'busybox'], { env: { ...process.env, LAYERLAB_HOME: home }, stdio: 'ignore' });
  execFileSync(join(repo, 'bin/layerlab'), ['docker', 'save', '-o', baseTar, 'busybox'], { env: { ...process.env, LAYERLAB_HOME: home }, stdio: 'inherit' });
  const unpacked = join(root, 'unpacked');
  mkdirSync(unpacked);
  execFileSync('tar', ['xf', baseTar, '-C', unpacked]);
  const manifest = JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8'))[0];
  const rootfs = join(root, 'rootfs');
  mkdirSync(rootfs);
  for (const layer of manifest.Layers) execFileSync('tar', ['xpf', join(unpacked, layer), '-C', rootfs, '--numeric-owner']);
  copyFileSync('/bin/busybox', join(rootfs, 'bin/busybox'));
  const cfg = JSON.parse(readFileSync(join(unpacked, manifest.Config), 'utf8')).config;
  const b = buildah(['from', 'scratch']);
  buildah(['copy', b, `${rootfs}/`, '/']);
  buildah(['config', '--env', (cfg.Env ?? []).join(','), '--cmd', JSON.stringify(cfg.Cmd), b]);
  buildah(['commit', '--format', 'docker', b, 'docker.io/library/busybox:latest']);
  buildah(['rm', b]);
  const baseTree = imageTree('docker.io/library/busybox:latest');

  mkdirSync(out, { recursive: true });
  const wanted = process.argv.slice(2);
  const names = readdirSync(contexts).filter((n) => wanted.length === 0 || wanted.includes(n)).sort();
  const version = execFileSync('buildah', ['--version'], { encoding: 'utf8' }).trim();
  for (const name of names) {
    const dir = join(contexts, name);
    const opts = existsSync(join(dir, 'build.json')) ? JSON.parse(readFileSync(join(dir, 'build.json'), 'utf8')) : {};
    const args = ['bud', '--format', 'docker', '--layers', '--isolation', 'chroot', '--pull-never', '-t', `localhost/ll-${name}`];
    for (const [k, v] of Object.entries(opts.buildArgs ?? {})) args.push('--build-arg', `${k}=${v}`);
    if (opts.target) args.push('--target', opts.target);
    args.push(dir);
    buildah(args);
    const inspect = JSON.parse(buildah(['inspect', '--type', 'image', `localhost/ll-${name}`]));
    const config = {};
    for (const f of CONFIG_FIELDS) {
      const v = inspect.Docker.config?.[f];
      if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && Object.keys(v).length === 0)) config[f] = v;
    }
    const changes = treeChanges(baseTree, imageTree(`localhost/ll-${name}`));
    writeFileSync(join(out, `${name}.json`), `${JSON.stringify({ recordedWith: version, context: `test/fixtures/build-contexts/${name}`, ...opts, config, changes }, null, 2)}\n`);
    console.log(`${name}: ${changes.length} changes`);
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
