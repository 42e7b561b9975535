/**
 * The overlayfs oracle: random lower layers and random operation sequences,
 * applied both to a real kernel overlay mount and to Layerlab's UnionMount.
 * After each sequence the merged trees, the upper dirs (whiteouts, opaque
 * dirs) and the errno of every operation must agree; and the upper, committed
 * as a layer and stacked on the lowers, must show the kernel's merged tree.
 * Every layer on Layerlab's side goes through tar export and import first.
 *
 * ORACLE_SEED picks the first case (default fixed), ORACLE_SEQUENCES how many
 * (default 200), ORACLE_OPS the minimum ops per sequence (default 30). A
 * failing case prints the seed that reproduces it alone.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/deps.ts';
import type { LayerEntry } from '../../src/engine/fs/changes.ts';
import { createLayer, layerFromTar, layerTar } from '../../src/engine/snapshots/layer.ts';
import { buildView } from '../../src/engine/snapshots/lower-view.ts';
import { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import { requireOracle } from '../helpers/shared.ts';
import { applyOp, describeOp } from './overlayfs/apply.ts';
import { genCase } from './overlayfs/gen.ts';
import type { Case } from './overlayfs/gen.ts';
import { kernelDriver, kernelOracleAvailable, kernelReader, materialize, mountKernel, mountScratch, unmountScratch } from './overlayfs/kernel.ts';
import { memFsOf, modelDriver, modelReader, mountModel } from './overlayfs/model.ts';
import { listTree } from './overlayfs/tree.ts';

const SEED = Number(process.env.ORACLE_SEED ?? 0x0ea1f5);
const SEQUENCES = Number(process.env.ORACLE_SEQUENCES ?? 200);
const MIN_OPS = Number(process.env.ORACLE_OPS ?? 30);

const avail = kernelOracleAvailable();
const run = requireOracle('overlayfs (kernel mount -t overlay)', avail.ok, avail.why);

interface Outcome {
  readonly results: string[];
  readonly merged: string[];
  readonly upper: string[];
}

function runKernel(root: string, c: Case): Outcome {
  fs.mkdirSync(root);
  const m = mountKernel(root, c.layers);
  try {
    const d = kernelDriver(m.merged);
    const results = c.ops.map((op) => applyOp(d, op));
    const merged = listTree(kernelReader(m.merged, false), false);
    m.unmount();
    return { results, merged, upper: listTree(kernelReader(m.upper, true), true) };
  } catch (err) {
    try {
      m.unmount();
    } catch {
      // already unmounted
    }
    throw err;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** A layer after a trip through its tar form (export, then import), as images travel. */
async function viaTar(entries: readonly LayerEntry[]): Promise<LayerEntry[]> {
  return [...(await layerFromTar(await layerTar(await createLayer(entries)))).entries];
}

/**
 * Layerlab's side, with every lower layer round-tripped through tar first.
 * `committed` is the merged tree of the lowers plus the upper committed as a
 * layer (and round-tripped too): committing must not change what is seen.
 */
async function runModel(c: Case): Promise<Outcome & { committed: string[] }> {
  const layers = await Promise.all(c.layers.map(viaTar));
  const u = mountModel(layers);
  const d = modelDriver(u);
  const results = c.ops.map((op) => applyOp(d, op));
  const top = await viaTar(u.changes());
  const frozen = new UnionMount({ lower: buildView([...layers, top]), clock: new ManualClock(), readOnly: true });
  return {
    results,
    merged: listTree(modelReader(u), false),
    upper: listTree(modelReader(u.upper, u.upper), true),
    committed: listTree(modelReader(frozen), false),
  };
}

describe.runIf(run)('overlayfs oracle: UnionMount vs the kernel', () => {
  let base = '';
  beforeAll(() => {
    base = fs.mkdtempSync(join(tmpdir(), 'layerlab-ovl-'));
    mountScratch(base);
    fs.chmodSync(base, 0o755); // unprivileged ops must reach the mount point
    process.umask(0o022);
  });
  afterAll(() => {
    unmountScratch(base);
    fs.rmdirSync(base);
  });

  it('generates cases of the promised size', () => {
    const c = genCase(SEED, MIN_OPS);
    expect(c.ops.length).toBeGreaterThanOrEqual(MIN_OPS);
    expect(c.layers.length).toBeGreaterThanOrEqual(1);
    expect(c.layers.length).toBeLessThanOrEqual(4);
  });

  for (let i = 0; i < SEQUENCES; i++) {
    const seed = SEED + i;
    it(`sequence ${i} (ORACLE_SEED=${seed} ORACLE_SEQUENCES=1)`, async () => {
      const c = genCase(seed, MIN_OPS);
      const kernel = runKernel(join(base, String(i)), c);
      const model = await runModel(c);
      const ops = c.ops.map((op, k) => `${describeOp(op)} => ${kernel.results[k]}`);
      expect(model.results.map((r, k) => `${describeOp(c.ops[k]!)} => ${r}`), 'errno per op').toEqual(ops);
      expect(model.merged, `merged tree after:\n${ops.join('\n')}`).toEqual(kernel.merged);
      expect(model.upper, `upper dir after:\n${ops.join('\n')}`).toEqual(kernel.upper);
      // Layer tars carry no entry for `/` (as Docker's and BuildKit's differs write them), so a chmod or
      // chown of the root itself does not survive a commit; every other entry must.
      expect(model.committed.slice(1), `lowers + committed upper after:\n${ops.join('\n')}`).toEqual(kernel.merged.slice(1));
    });
  }
});

describe.runIf(run)('plain-fs oracle: MemFs vs a kernel directory', () => {
  let base = '';
  beforeAll(() => {
    base = fs.mkdtempSync(join(tmpdir(), 'layerlab-plain-'));
    mountScratch(base);
    fs.chmodSync(base, 0o755);
    process.umask(0o022);
  });
  afterAll(() => {
    unmountScratch(base);
    fs.rmdirSync(base);
  });

  // The same op sequences over the bottom layer alone, extracted into a tmpfs directory and into a MemFs.
  const count = Math.max(1, Math.floor(SEQUENCES / 2));
  for (let i = 0; i < count; i++) {
    const seed = SEED + i;
    it(`sequence ${i} (ORACLE_SEED=${seed} ORACLE_SEQUENCES=1)`, () => {
      const c = genCase(seed, MIN_OPS);
      const entries = c.layers[0]!;
      const dir = join(base, String(i));
      fs.mkdirSync(dir);
      materialize(join(dir, 'root'), entries, []);
      const root = join(dir, 'root');
      const kd = kernelDriver(root);
      const kernel = c.ops.map((op) => applyOp(kd, op));
      const kernelTree = listTree(kernelReader(root, false), false);
      fs.rmSync(dir, { recursive: true, force: true });
      const mem = memFsOf(entries);
      const md = modelDriver(mem);
      const model = c.ops.map((op) => applyOp(md, op));
      const ops = c.ops.map((op, k) => `${describeOp(op)} => ${kernel[k]}`);
      expect(model.map((r, k) => `${describeOp(c.ops[k]!)} => ${r}`), 'errno per op').toEqual(ops);
      expect(listTree(modelReader(mem), false), `tree after:\n${ops.join('\n')}`).toEqual(kernelTree);
    });
  }
});
