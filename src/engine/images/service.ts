/**
 * The image half of the Engine API (`/images/…` endpoints) over one image
 * store: what engine.ts exposes as EngineApi methods, and what the builder,
 * runtime and registry get from the composition root.
 */
import type {
  HistoryResponseItem,
  ImageContainerConfig,
  ImageDeleteResponseItem,
  ImageInspect,
  ImageListOptions,
  ImageLoadResult,
  ImagePruneOptions,
  ImagePruneReport,
  ImageSummary,
} from '../../api/index.ts';
import { EngineError } from '../../api/index.ts';
import { parseNormalizedNamed, tagNameOnly } from '../oci/reference.ts';
import { loadImages } from './archive-load.ts';
import { saveImages } from './archive-save.ts';
import { ensureBaseImage } from './base/ensure.ts';
import type { BaseImageRecipe } from './base/recipe.ts';
import type { RootfsTools } from './base/tools.ts';
import { removeImage } from './delete.ts';
import { listImages, pruneImages } from './list.ts';
import type { ImageRecord } from './record.ts';
import type { ImageStore } from './store.ts';
import { imageHistory, imageInspect, imageSize } from './views.ts';
import { chainIds } from '../oci/chain-id.ts';

function parseArgument(text: string, argument: 'source' | 'target'): ReturnType<typeof parseNormalizedNamed> {
  try {
    return parseNormalizedNamed(text);
  } catch (e) {
    const err = e as EngineError;
    throw new EngineError(err.code, err.message, { ...err.data, argument });
  }
}

export class ImageService {
  /** Which image each base recipe made here (see ensureBaseImage). */
  private readonly baseImages = new Map<BaseImageRecipe, string>();

  constructor(
    readonly store: ImageStore,
    private readonly tools: RootfsTools,
  ) {}

  list(options?: ImageListOptions): ImageSummary[] {
    return listImages(this.store, options);
  }

  inspect(ref: string): ImageInspect {
    return imageInspect(this.store, this.store.resolve(ref));
  }

  history(ref: string): HistoryResponseItem[] {
    return imageHistory(this.store, this.store.resolve(ref));
  }

  /** `POST /images/{name}/tag` (moby TagImage): moves `target` to the source image, stamping LastTagTime. */
  tag(source: string, target: string): void {
    // The docker client validates both names before calling (client.ImageTag); `data.argument` says which failed.
    if (!/^(?:sha256:)?[a-f0-9]{64}$/.test(source)) parseArgument(source, 'source');
    const ref = parseArgument(target, 'target');
    const record = this.store.resolve(source);
    if (ref.digest !== undefined) throw new EngineError('InvalidParameter', 'refusing to create a tag with a digest reference', { target });
    this.store.addReference(tagNameOnly(ref), record.id, { tagTime: true });
  }

  remove(ref: string, options: { force?: boolean; noPrune?: boolean } = {}): ImageDeleteResponseItem[] {
    return removeImage(this.store, ref, options);
  }

  prune(options?: ImagePruneOptions): ImagePruneReport {
    return pruneImages(this.store, options);
  }

  save(refs: readonly string[]): Promise<Uint8Array> {
    return saveImages(this.store, refs);
  }

  async load(tar: Uint8Array): Promise<ImageLoadResult> {
    return loadImages(this.store, tar);
  }

  /**
   * What a container needs from an image (the runtime's ImageSource port):
   * its id, runtime config, the chain ids to mount (unpacked on demand, top
   * last) and the size of its layers. `NotFound` "No such image: …" when absent.
   */
  async runImage(ref: string): Promise<{ id: string; config: ImageContainerConfig; chainIds: string[]; size: number }> {
    const record = this.store.resolve(ref);
    await this.store.unpack(record.id);
    return {
      id: record.id,
      config: this.store.config(record.id).config,
      chainIds: chainIds(record.layers.map((l) => l.diffId)),
      size: imageSize(record),
    };
  }

  /**
   * Makes a base image from the catalogue present under `name` (as a pull
   * would). Engine-internal: the registry's real pull replaces it.
   */
  ensureBaseImage(name: string): Promise<ImageRecord> {
    return ensureBaseImage(this.store, this.tools, name, this.baseImages);
  }
}
