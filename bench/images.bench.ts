/**
 * Base images: time to materialise each one in a fresh image store (build
 * the tree, pack and hash the layers, store blobs, unpack the chain into the
 * snapshotter) and the heap it adds, plus docker save/load of all of them.
 * Report only: there is no goal, the figures show what a lesson's first
 * `docker run ubuntu` costs.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ContentStore } from '../src/engine/content/store.ts';
import { ManualClock } from '../src/engine/deps.ts';
import { USERSPACE_ROOTFS_TOOLS } from '../src/engine/image-module.ts';
import { BASE_IMAGE_RECIPES } from '../src/engine/images/base/catalogue.ts';
import { ImageService } from '../src/engine/images/service.ts';
import { ImageStore } from '../src/engine/images/store.ts';
import { Snapshotter } from '../src/engine/snapshots/snapshotter.ts';
import type { BaseImageRecipe } from '../src/engine/images/base/recipe.ts';
import type { BenchResult } from './types.ts';
import { median, timeRuns } from './types.ts';

/** Each recipe's first tag (node and python have no `latest`). */
const refOf = (r: BaseImageRecipe) => `${r.repository}:${r.tags[0]}`;

function freshService(): ImageService {
  const clock = new ManualClock();
  const content = new ContentStore();
  return new ImageService(new ImageStore({ content, snapshotter: new Snapshotter({ clock, content }), clock }), USERSPACE_ROOTFS_TOOLS);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** JS heap plus ArrayBuffer memory (layer tars and blobs live outside the JS heap). */
function heapUsed(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export default async function run(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const recipe of BASE_IMAGE_RECIPES) {
    const times = await timeRuns(7, () => freshService().ensureBaseImage(refOf(recipe)), 2);
    out.push({ name: `images: materialise ${recipe.repository}`, value: +median(times).toFixed(2), unit: 'ms', note: 'fresh store, median of 7' });
    const keep: ImageService[] = [];
    const before = heapUsed();
    for (let i = 0; i < 5; i++) {
      const svc = freshService();
      await svc.ensureBaseImage(refOf(recipe));
      keep.push(svc);
    }
    const per = (heapUsed() - before) / keep.length;
    const reported = keep[0]!.inspect(refOf(recipe)).Size;
    out.push({
      name: `images: memory per ${recipe.repository}`,
      value: +(per / 1e6).toFixed(3),
      unit: 'MB',
      note: `reports SIZE ${(reported / 1e6).toFixed(2)} MB`,
    });
  }
  const svc = freshService();
  const names = BASE_IMAGE_RECIPES.map(refOf);
  for (const n of names) await svc.ensureBaseImage(n);
  let tar: Uint8Array = new Uint8Array();
  const save = await timeRuns(5, async () => {
    tar = await svc.save(names);
  });
  out.push({ name: 'images: docker save (all base images)', value: +median(save).toFixed(2), unit: 'ms', note: `${(tar.length / 1024).toFixed(0)} KiB archive` });
  const load = await timeRuns(5, () => freshService().load(tar));
  out.push({ name: 'images: docker load (all base images)', value: +median(load).toFixed(2), unit: 'ms' });
  return out;
}
