/**
 * Union file system benchmarks:
 * - stat + read of a bottom-layer file through 1, 10, 50 and 125 layers (the
 *   merged index must make depth irrelevant: goal depth-125 ≤ 1.5× depth-1);
 * - heap growth of 1,000 container mounts over one image (goal ≤ 30 MB:
 *   lowers are shared, never copied);
 * - copy-up of a 1 MB file;
 * - the overlayfs oracle's operation sequences on Layerlab vs on the kernel's
 *   overlay mount (root only), as a time ratio.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ManualClock } from '../src/engine/deps.ts';
import type { LayerEntry } from '../src/engine/fs/changes.ts';
import { buildView } from '../src/engine/snapshots/lower-view.ts';
import { createLayer } from '../src/engine/snapshots/layer.ts';
import { Snapshotter } from '../src/engine/snapshots/snapshotter.ts';
import { UnionMount } from '../src/engine/snapshots/union-mount.ts';
import { applyOp } from '../test/oracle/overlayfs/apply.ts';
import { genCase } from '../test/oracle/overlayfs/gen.ts';
import { kernelDriver, kernelOracleAvailable, mountKernel, mountScratch, unmountScratch } from '../test/oracle/overlayfs/kernel.ts';
import { modelDriver } from '../test/oracle/overlayfs/model.ts';
import type { BenchResult } from './types.ts';
import { median, timeRuns } from './types.ts';

const m = { uid: 0, gid: 0, mtimeMs: Date.UTC(2026, 0, 1) };
const enc = (s: string) => new TextEncoder().encode(s);

/** A layer that adds 20 files in a few directories, like a typical RUN step. */
function fillerLayer(i: number): LayerEntry[] {
  const out: LayerEntry[] = [
    { ...m, kind: 'dir', path: 'usr', mode: 0o755 },
    { ...m, kind: 'dir', path: 'usr/lib', mode: 0o755 },
    { ...m, kind: 'dir', path: `usr/lib/pkg${i}`, mode: 0o755 },
  ];
  for (let k = 0; k < 20; k++) out.push({ ...m, kind: 'file', path: `usr/lib/pkg${i}/f${k}`, mode: 0o644, data: enc(`layer ${i} file ${k}`) });
  return out;
}

function image(depth: number): LayerEntry[][] {
  const bottom: LayerEntry[] = [
    { ...m, kind: 'dir', path: 'etc', mode: 0o755 },
    { ...m, kind: 'dir', path: 'etc/ssl', mode: 0o755 },
    { ...m, kind: 'file', path: 'etc/ssl/openssl.cnf', mode: 0o644, data: new Uint8Array(4096).fill(65) },
  ];
  return [bottom, ...Array.from({ length: depth - 1 }, (_, i) => fillerLayer(i))];
}

function getGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

async function lookupDepth(): Promise<BenchResult[]> {
  const depths = [1, 10, 50, 125];
  const buf = new Uint8Array(4096);
  const mounts = depths.map((d) => new UnionMount({ lower: buildView(image(d)), clock: new ManualClock() }));
  const N = 2000;
  const once = (u: UnionMount) => {
    for (let i = 0; i < N; i++) {
      u.stat('/etc/ssl/openssl.cnf');
      const fd = u.open('/etc/ssl/openssl.cnf', 0);
      u.read(fd, buf, 0, buf.length, 0);
      u.close(fd);
    }
  };
  for (const u of mounts) for (let w = 0; w < 5; w++) once(u);
  // Interleaved rounds, so GC and a busy machine hit every depth alike.
  const samples: number[][] = depths.map(() => []);
  for (let round = 0; round < 25; round++) {
    mounts.forEach((u, k) => {
      const t0 = performance.now();
      once(u);
      samples[k]!.push(((performance.now() - t0) / N) * 1000);
    });
  }
  const perOp = samples.map((xs) => median(xs));
  const out: BenchResult[] = depths.map((d, k) => ({ name: `fs: stat+read at layer depth ${d}`, value: round(perOp[k]!), unit: 'µs/op' }));
  out.push({ name: 'fs: stat+read depth 125 / depth 1', value: round(perOp[3]! / perOp[0]!), unit: 'ratio', note: 'goal ≤ 1.5' });
  return out;
}

async function heapPerMounts(): Promise<BenchResult[]> {
  const gc = getGc();
  const sn = new Snapshotter({ clock: new ManualClock() });
  let parent: string | undefined;
  for (const entries of image(10)) parent = sn.applyLayer(await createLayer(entries), parent);
  const mounts: UnionMount[] = [];
  gc?.();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 1000; i++) {
    const mt = sn.prepare(`c${i}`, parent);
    mt.writeFile('/etc/hostname', enc(`c${i}\n`));
    mounts.push(mt);
  }
  gc?.();
  const after = process.memoryUsage().heapUsed;
  if (mounts.length !== 1000) throw new Error('mounts lost');
  return [
    {
      name: 'fs: heap growth for 1,000 container mounts over one 10-layer image',
      value: round((after - before) / 2 ** 20),
      unit: 'MB',
      note: gc ? 'goal ≤ 30 MB; after gc' : 'goal ≤ 30 MB; gc unavailable, includes garbage',
    },
  ];
}

async function copyUp(): Promise<BenchResult[]> {
  const big: LayerEntry[] = [{ ...m, kind: 'file', path: 'big.bin', mode: 0o644, data: new Uint8Array(1 << 20).fill(7) }];
  const view = buildView([big]);
  const runs = await timeRuns(30, () => {
    const u = new UnionMount({ lower: view, clock: new ManualClock() });
    u.chmod('/big.bin', 0o600);
  });
  return [{ name: 'fs: copy-up of a 1 MB file', value: round(median(runs)), unit: 'ms' }];
}

async function versusKernel(): Promise<BenchResult[]> {
  const avail = kernelOracleAvailable();
  if (!avail.ok) return [{ name: 'fs: oracle op sequences, Layerlab / kernel overlay time', value: 0, unit: 'ratio', note: `skipped: ${avail.why}` }];
  const cases = Array.from({ length: 40 }, (_, i) => genCase(0x0ea1f5 + i, 30));
  const base = fs.mkdtempSync(join(tmpdir(), 'layerlab-bench-'));
  mountScratch(base);
  let kernelMs = 0;
  let modelMs = 0;
  let ops = 0;
  try {
    cases.forEach((c, i) => {
      const root = join(base, String(i));
      fs.mkdirSync(root);
      const km = mountKernel(root, c.layers);
      const d = kernelDriver(km.merged);
      let t0 = performance.now();
      for (const op of c.ops) applyOp(d, op);
      kernelMs += performance.now() - t0;
      km.unmount();
      const u = new UnionMount({ lower: buildView(c.layers), clock: new ManualClock() });
      const md = modelDriver(u);
      t0 = performance.now();
      for (const op of c.ops) applyOp(md, op);
      modelMs += performance.now() - t0;
      ops += c.ops.length;
    });
  } finally {
    unmountScratch(base);
    fs.rmdirSync(base);
  }
  return [
    { name: 'fs: oracle op sequences on Layerlab', value: round((modelMs / ops) * 1000), unit: 'µs/op' },
    { name: 'fs: oracle op sequences on the kernel overlay (node:fs, tmpfs layers)', value: round((kernelMs / ops) * 1000), unit: 'µs/op' },
    { name: 'fs: oracle op sequences, Layerlab / kernel overlay time', value: round(modelMs / kernelMs), unit: 'ratio', note: `${ops} ops in ${cases.length} sequences` },
  ];
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export default async function (): Promise<BenchResult[]> {
  return [...(await lookupDepth()), ...(await heapPerMounts()), ...(await copyUp()), ...(await versusKernel())];
}
