/**
 * An image as a value: its config plus the layers its `rootfs.diff_ids`
 * name, bottom first. This is what the builder grows step by step
 * (`mutate.appendLayer`, `mutate.appendHistory`) and what the image store
 * stores; nothing here is ever changed in place.
 */
import type { Layer } from '../snapshots/layer.ts';
import type { ImageConfig } from './config.ts';

export interface ImageLayer {
  readonly layer: Layer;
  /**
   * Simplification: the size Docker would report for this layer when the
   * tar we hold is a small stand-in for a big one (padded base images keep
   * memory small but show real-looking sizes). Absent = the layer's own size.
   */
  readonly reportedSize?: number;
}

export interface Image {
  readonly config: ImageConfig;
  readonly layers: readonly ImageLayer[];
}

/** What Docker counts as a layer's size (overlay2 DiffSize): bytes of regular files plus symlink targets, hardlinks once. */
export function diffSize(layer: Layer): number {
  let n = 0;
  for (const e of layer.entries) {
    if (e.kind === 'file') n += e.data?.length ?? 0;
    else if (e.kind === 'symlink') n += e.target?.length ?? 0;
  }
  return n;
}

/** The size an image layer reports (see `reportedSize`). */
export function layerSize(l: ImageLayer): number {
  return l.reportedSize ?? diffSize(l.layer);
}
