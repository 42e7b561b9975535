/**
 * The images module's public surface, for the composition root and the
 * modules that build on it (builder: mutate verbs and `ImageStore.put` with a
 * parent; runtime: `ImageService.runImage`; registry: the base-image
 * catalogue and the store's blobs).
 */
export type { HistoryEntry, ImageConfig } from './config.ts';
export { configJson, parseConfig } from './config.ts';
export type { Image, ImageLayer } from './image.ts';
export { diffSize, layerSize } from './image.ts';
export { appendHistory, appendLayer, emptyImage, withConfig, withMeta } from './mutate.ts';
export { manifestJson } from './manifest.ts';
export { MEDIA_TYPE } from './media-types.ts';
export type { ImageRecord, LayerRecord } from './record.ts';
export { ImageStore } from './store.ts';
export type { ContainerUsage, ImageStoreOptions, ImageStoreState } from './store.ts';
export { ImageService } from './service.ts';
export { BASE_IMAGES, BASE_IMAGE_RECIPES, SCRATCH, findBaseImage, isScratch } from './base/catalogue.ts';
export type { BaseImageRecipe } from './base/recipe.ts';
export type { BaseImageContext, RootfsTools } from './base/tools.ts';
