/**
 * docker build: a cold build of a 10-instruction Dockerfile (goal ≤ 30 ms)
 * and a fully cached rebuild (goal ≤ 3 ms) in Node, against buildah building
 * the same context on this machine in the same run (vfs storage, chroot
 * isolation, a busybox base made from Debian's busybox-static).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildContextEntry, EngineApi } from '../src/api/index.ts';
import { createEngine, testDeps } from '../src/engine/index.ts';
import type { BenchResult } from './types.ts';
import { median } from './types.ts';

const DOCKERFILE = [
  'FROM busybox',
  'ENV APP_HOME=/app',
  'WORKDIR $APP_HOME',
  'COPY app.sh config.txt ./',
  'RUN chmod +x app.sh && mkdir -p data',
  'RUN echo built > data/stamp',
  'LABEL org.example.bench=build',
  'EXPOSE 8080',
  'USER nobody',
  'CMD ["./app.sh"]',
  '',
].join('\n');
const FILES: Record<string, string> = { Dockerfile: DOCKERFILE, 'app.sh': '#!/bin/sh\necho app\n', 'config.txt': 'answer=42\n' };
const CONTEXT: BuildContextEntry[] = Object.entries(FILES).map(([path, data]) => ({ path, type: 'file', data }));

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function freshEngine(): Promise<EngineApi> {
  const api = createEngine({ ...testDeps(), preloadImages: ['busybox'] });
  await api.imageList(); // the base image is made here, not in the timed build
  return api;
}

/** buildah's cold and cached times for the same context, or undefined without buildah (or as non-root). */
function buildahTimes(): { cold: number; cached: number } | undefined {
  if (!existsSync('/usr/bin/buildah') || !existsSync('/bin/busybox') || process.getuid?.() !== 0) return undefined;
  const root = mkdtempSync(join(tmpdir(), 'layerlab-bench-buildah-'));
  const storage = ['--root', join(root, 'storage'), '--runroot', join(root, 'run'), '--storage-driver', 'vfs'];
  const buildah = (args: string[]) => execFileSync('buildah', [...storage, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  try {
    const rootfs = join(root, 'rootfs');
    mkdirSync(join(rootfs, 'bin'), { recursive: true });
    mkdirSync(join(rootfs, 'etc'));
    copyFileSync('/bin/busybox', join(rootfs, 'bin/busybox'));
    for (const a of ['sh', 'chmod', 'mkdir', 'echo']) symlinkSync('busybox', join(rootfs, 'bin', a));
    writeFileSync(join(rootfs, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n');
    writeFileSync(join(rootfs, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
    const c = buildah(['from', 'scratch']);
    buildah(['copy', c, `${rootfs}/`, '/']);
    buildah(['config', '--env', 'PATH=/bin', c]);
    buildah(['commit', '--format', 'docker', c, 'docker.io/library/busybox:latest']);
    const ctx = join(root, 'ctx');
    mkdirSync(ctx);
    for (const [p, d] of Object.entries(FILES)) writeFileSync(join(ctx, p), d);
    const bud = () => buildah(['bud', '--format', 'docker', '--layers', '--isolation', 'chroot', '--pull-never', '-t', 'bench', ctx]);
    const t0 = performance.now();
    bud();
    const cold = performance.now() - t0;
    const t1 = performance.now();
    bud();
    return { cold, cached: performance.now() - t1 };
  } catch {
    return undefined;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export default async function run(): Promise<BenchResult[]> {
  // A fresh engine's very first build (cold JIT, empty cache): what a learner's first `docker build` costs.
  const first: number[] = [];
  for (let i = 0; i < 5; i++) {
    const api = await freshEngine();
    first.push(await time(() => api.imageBuild({ context: CONTEXT, tags: ['bench'] })));
  }
  // Then, in one warm engine: every step executed (--no-cache), and a fully cached rebuild.
  const api = await freshEngine();
  await api.imageBuild({ context: CONTEXT, tags: ['bench'] });
  const cold: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < 25; i++) {
    cold.push(await time(() => api.imageBuild({ context: CONTEXT, tags: ['bench'], noCache: true })));
    cached.push(await time(() => api.imageBuild({ context: CONTEXT, tags: ['bench'] })));
  }
  const coldMs = median(cold.slice(5));
  const cachedMs = median(cached.slice(5));
  const out: BenchResult[] = [
    { name: 'build: cold 10-instruction Dockerfile', value: +coldMs.toFixed(2), unit: 'ms', note: 'goal ≤ 30 ms; every step executed (--no-cache), warm engine, median of 20' },
    { name: 'build: fully cached rebuild', value: +cachedMs.toFixed(2), unit: 'ms', note: 'goal ≤ 3 ms; median of 20' },
    { name: 'build: first build in a fresh engine', value: +median(first).toFixed(2), unit: 'ms', note: 'cold JIT and empty cache, median of 5' },
  ];
  const oracle = buildahTimes();
  if (oracle) {
    out.push({ name: 'build: buildah cold build (same context)', value: +oracle.cold.toFixed(0), unit: 'ms', note: 'vfs, chroot, this machine, same run' });
    out.push({ name: 'build: cold build vs buildah', value: +(coldMs / oracle.cold).toFixed(4), unit: 'ratio', note: 'Layerlab time / buildah time' });
    out.push({ name: 'build: cached rebuild vs buildah', value: +(cachedMs / oracle.cached).toFixed(4), unit: 'ratio', note: 'Layerlab time / buildah time' });
  }
  return out;
}
