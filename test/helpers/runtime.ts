import { EventBus } from '../../src/engine/events/bus.ts';
import { testDeps } from '../../src/engine/deps.ts';
import { createLayer } from '../../src/engine/snapshots/layer.ts';
import { EMPTY_VIEW } from '../../src/engine/snapshots/lower-view.ts';
import { Snapshotter } from '../../src/engine/snapshots/snapshotter.ts';
import { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import { EngineError } from '../../src/api/errors.ts';
import { appletNames } from '../../src/engine/userspace/applets/index.ts';
import { installBusybox } from '../../src/engine/userspace/rootfs.ts';
import { ContainerRuntime } from '../../src/engine/runtime/runtime.ts';
import type { ContainerImage, ImageRunConfig, ImageSource } from '../../src/engine/runtime/image-source.ts';
import type { OutputChunk } from '../../src/api/engine-api.ts';

/**
 * A runtime over a one-image store: `busybox` (a BusyBox root file system,
 * `CMD ["sh"]`), with test deps (manual clock and timers).
 */
export async function bootRuntime(extra: Record<string, ImageRunConfig> = {}) {
  const deps = testDeps();
  const bus = new EventBus(deps.clock, deps.schedule);
  const snapshotter = new Snapshotter({ clock: deps.clock });
  const mount = new UnionMount({ lower: EMPTY_VIEW, clock: { now: () => 0 } });
  installBusybox(mount, appletNames());
  const layer = await createLayer(mount.changes());
  const chain = snapshotter.applyLayer(layer);
  const base: ContainerImage = { id: `sha256:${'b'.repeat(64)}`, config: { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] }, chainIds: [chain], size: 4_269_952 };
  const images: ImageSource = {
    async resolve(ref) {
      const name = ref.replace(/:latest$/, '');
      if (name === 'busybox' || ref === base.id) return base;
      const cfg = extra[name];
      if (cfg) return { ...base, id: `sha256:${name.padEnd(64, 'c').slice(0, 64).replace(/[^a-f0-9]/g, 'c')}`, config: cfg };
      throw new EngineError('NotFound', `No such image: ${ref.includes(':') ? ref : `${ref}:latest`}`, { ref });
    },
  };
  const runtime = new ContainerRuntime({ ...deps, timers: deps.timers, bus, snapshotter, images });
  return { runtime, deps, bus, snapshotter };
}

/** Collects listener output per stream. */
export function collector(): { listener: (chunks: readonly OutputChunk[]) => void; stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    listener: (chunks) => {
      for (const c of chunks) {
        if (c.fd === 1) out += c.data;
        else err += c.data;
      }
    },
    stdout: () => out,
    stderr: () => err,
  };
}
