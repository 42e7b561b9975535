/**
 * Verbs that make a new image from an old one (go-containerregistry's
 * mutate package in spirit). The builder applies one per Dockerfile step:
 * a step that changes files is `appendLayer`, one that only changes config
 * is `appendHistory` plus `withConfig`.
 */
import type { ImageContainerConfig } from '../../api/index.ts';
import type { Layer } from '../snapshots/layer.ts';
import type { HistoryEntry, ImageConfig } from './config.ts';
import type { Image } from './image.ts';

/** `FROM scratch`: no layers, no history, an empty config for the platform. */
export function emptyImage(platform: { architecture?: string; os?: string; variant?: string } = {}): Image {
  return {
    config: {
      architecture: platform.architecture ?? 'amd64',
      os: platform.os ?? 'linux',
      ...(platform.variant ? { variant: platform.variant } : {}),
      config: {},
      rootfs: { type: 'layers', diff_ids: [] },
      history: [],
    },
    layers: [],
  };
}

/** Adds a layer on top, with the history entry that made it (`empty_layer` is forced off). */
export function appendLayer(image: Image, layer: Layer, history: Omit<HistoryEntry, 'empty_layer'>, opts: { reportedSize?: number } = {}): Image {
  const { empty_layer: _ignored, ...entry } = history as HistoryEntry;
  return {
    config: {
      ...image.config,
      rootfs: { type: 'layers', diff_ids: [...image.config.rootfs.diff_ids, layer.diffId] },
      history: [...(image.config.history ?? []), entry],
    },
    layers: [...image.layers, { layer, ...(opts.reportedSize !== undefined ? { reportedSize: opts.reportedSize } : {}) }],
  };
}

/** Records a step that made no layer (ENV, CMD, LABEL, …) as `empty_layer: true`. */
export function appendHistory(image: Image, history: Omit<HistoryEntry, 'empty_layer'>): Image {
  return { ...image, config: { ...image.config, history: [...(image.config.history ?? []), { ...history, empty_layer: true }] } };
}

/** Replaces fields of the runtime config (`Env`, `Cmd`, …); an `undefined` value removes the field. */
export function withConfig(image: Image, patch: Partial<ImageContainerConfig>): Image {
  const config: Record<string, unknown> = { ...image.config.config };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete config[k];
    else config[k] = v;
  }
  return { ...image, config: { ...image.config, config: config as ImageContainerConfig } };
}

/** Sets top-level config fields (`created`, `author`, platform). */
export function withMeta(image: Image, meta: Partial<Pick<ImageConfig, 'created' | 'author' | 'architecture' | 'os' | 'variant'>>): Image {
  return { ...image, config: { ...image.config, ...meta } };
}
