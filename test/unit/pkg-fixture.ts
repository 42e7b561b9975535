/**
 * A container-like userspace over a base image for the package-manager,
 * WASI and Python tests: the image's layers as lowers, a writable upper, a
 * kernel with the full applet table.
 */
import { ContentStore } from '../../src/engine/content/store.ts';
import { testDeps } from '../../src/engine/deps.ts';
import { USERSPACE_ROOTFS_TOOLS } from '../../src/engine/image-module.ts';
import { ImageService } from '../../src/engine/images/service.ts';
import { ImageStore } from '../../src/engine/images/store.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';
import type { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import type { Kernel } from '../../src/engine/userspace/process/kernel.ts';
import { createKernel, runCommand } from '../../src/engine/userspace/run.ts';
import type { ScriptResult } from '../../src/engine/userspace/run.ts';
import { nodeScheduler } from '../helpers/userspace.ts';

let svc: ImageService | undefined;
let snapshotter: Snapshotter;
let n = 0;

/** A fresh writable container file system over `ref` and a kernel running in it. */
export async function container(ref: string): Promise<{ mount: UnionMount; kernel: Kernel; sh: (script: string, stdin?: string) => Promise<ScriptResult> }> {
  if (!svc) {
    const deps = testDeps();
    const content = new ContentStore();
    snapshotter = new Snapshotter({ clock: deps.clock, content });
    svc = new ImageService(new ImageStore({ content, snapshotter, clock: deps.clock }), USERSPACE_ROOTFS_TOOLS);
  }
  await svc.ensureBaseImage(ref);
  const top = await svc.store.unpack(svc.store.resolve(ref).id);
  const mount = snapshotter.prepare(`c-${n++}`, top);
  const scheduler = { ...nodeScheduler, now: () => Date.UTC(2025, 10, 22, 18, 19, 1) };
  const kernel = createKernel(mount, scheduler);
  const env = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root'];
  return { mount, kernel, sh: (script, stdin) => runCommand(kernel, ['/bin/sh', '-c', script], { env, ...(stdin !== undefined ? { stdin } : {}) }) };
}
