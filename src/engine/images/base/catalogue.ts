/**
 * The simulated Docker Hub's official images: repository → tag → recipe.
 * `docker pull` (the registry) and ensureBaseImage read this; nothing is
 * built until someone asks for a tag.
 */
import type { ImageReference } from '../../oci/reference.ts';
import { DEFAULT_DOMAIN } from '../../oci/reference.ts';
import { alpine } from './alpine.ts';
import { busybox } from './busybox.ts';
import { centos } from './centos.ts';
import { debian } from './debian.ts';
import { helloWorld } from './hello-world.ts';
import { httpd } from './httpd.ts';
import { nginx } from './nginx.ts';
import { node } from './node.ts';
import { python } from './python.ts';
import type { BaseImageRecipe } from './recipe.ts';
import { registry } from './registry.ts';
import { ubuntu } from './ubuntu.ts';

export const BASE_IMAGE_RECIPES: readonly BaseImageRecipe[] = [helloWorld, busybox, alpine, debian, ubuntu, centos, node, python, nginx, httpd, registry];

/** repository → tag → recipe. */
export const BASE_IMAGES: ReadonlyMap<string, ReadonlyMap<string, BaseImageRecipe>> = new Map(
  BASE_IMAGE_RECIPES.map((r) => [r.repository, new Map(r.tags.map((t) => [t, r]))]),
);

/** `FROM scratch` names no image: it is the empty starting point, and Docker refuses it as a repository name. */
export const SCRATCH = 'scratch';

export function isScratch(ref: ImageReference): boolean {
  return ref.domain === DEFAULT_DOMAIN && ref.path === `library/${SCRATCH}`;
}

/** The recipe for a normalised reference (`docker.io/library/<name>:<tag>`), if the catalogue has it. */
export function findBaseImage(ref: ImageReference): BaseImageRecipe | undefined {
  if (ref.domain !== DEFAULT_DOMAIN || !ref.path.startsWith('library/')) return undefined;
  return BASE_IMAGES.get(ref.path.slice('library/'.length))?.get(ref.tag ?? 'latest');
}
