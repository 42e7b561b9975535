/**
 * `GET /system/df` (moby daemon/disk_usage.go): the image list with
 * container counts and shared sizes, every container with its sizes, the
 * volumes (when the runtime keeps any) and the build cache. Each layer
 * counts once in `LayersSize`, however many images share it.
 */
import type { DfVolume, SystemDfResponse } from '../api/system.ts';
import type { ImageService } from './images/service.ts';
import type { ContainerRuntime } from './runtime/runtime.ts';
import { chainIds } from './oci/chain-id.ts';

export function systemDf(service: ImageService, runtime: ContainerRuntime): SystemDfResponse {
  const store = service.store;
  const containers = runtime.list({ all: true, size: true });
  const volumes: DfVolume[] = runtime.volumes.list().map((v) => ({
    ...v,
    UsageData: { Size: runtime.volumes.sizeOf(v.Name), RefCount: runtime.volumeUsers(v.Name).length },
  }));
  const listed = service.list({});
  const layerUse = new Map<string, { size: number; images: number }>();
  // A layer is its chain id: the same diff on another parent is another layer on disk.
  const chainsOf = (id: string) => chainIds(store.get(id).layers.map((l) => l.diffId));
  for (const r of store.list()) {
    chainsOf(r.id).forEach((chain, i) => {
      const u = layerUse.get(chain);
      if (u) u.images++;
      else layerUse.set(chain, { size: r.layers[i]!.size, images: 1 });
    });
  }
  let layersSize = 0;
  for (const u of layerUse.values()) layersSize += u.size;
  const images = listed.map((img) => {
    const r = store.get(img.Id);
    const shared = chainsOf(r.id).reduce((n, chain, i) => n + ((layerUse.get(chain)?.images ?? 0) > 1 ? r.layers[i]!.size : 0), 0);
    const users = containers.filter((c) => c.ImageID === img.Id).length;
    return { ...img, Containers: users, SharedSize: shared };
  });
  return { LayersSize: layersSize, Images: images, Containers: containers, Volumes: volumes, BuildCache: [] };
}
