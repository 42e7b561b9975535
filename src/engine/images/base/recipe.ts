/**
 * A base image recipe: how to make one image of the simulated Docker Hub,
 * deterministically and offline. Recipes run only when an image is first
 * asked for (ensureBaseImage, or the registry's pull), so an engine that
 * never uses ubuntu never pays for it.
 */
import type { Image } from '../image.ts';
import type { BaseImageContext } from './tools.ts';

export interface BaseImageRecipe {
  /** Docker Hub repository, familiar form (`busybox`, `library/` implied). */
  readonly repository: string;
  /** Tags this recipe answers to; all name the same image. */
  readonly tags: readonly string[];
  /** One line for `docker search` and the UI. */
  readonly description: string;
  build(ctx: BaseImageContext): Promise<Image>;
}

/** Unix ms of an RFC 3339 time, for recipes' fixed creation times. */
export function at(rfc3339: string): number {
  return Date.parse(rfc3339);
}

/** The PATH official images set. */
export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
