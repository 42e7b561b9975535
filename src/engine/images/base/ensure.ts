/**
 * ensureBaseImage: the stand-in for `docker pull` until the registry lands.
 * Only callers that name an image explicitly use it (never `docker images`,
 * which lists what is there, like Docker on a fresh install). The image is
 * stored as a pull would leave it: tagged, with a RepoDigest naming its
 * manifest.
 */
import { EngineError } from '../../../api/index.ts';
import { parseNormalizedNamed, tagNameOnly, trimNamed, withDigest } from '../../oci/reference.ts';
import type { ImageRecord } from '../record.ts';
import type { ImageStore } from '../store.ts';
import { findBaseImage, isScratch } from './catalogue.ts';
import type { BaseImageRecipe } from './recipe.ts';
import type { RootfsTools } from './tools.ts';

/**
 * `built` remembers which image each recipe made in this store, so the other
 * tags of a recipe (`busybox:1.37`, `busybox:stable`) are references to the
 * same image, not a second build.
 */
export async function ensureBaseImage(store: ImageStore, tools: RootfsTools, name: string, built?: Map<BaseImageRecipe, string>): Promise<ImageRecord> {
  const ref = tagNameOnly(parseNormalizedNamed(name));
  if (isScratch(ref)) throw new EngineError('InvalidParameter', "'scratch' is a reserved name", { ref: name });
  const present = store.referenceTarget(ref);
  if (present !== undefined) return store.get(present);
  const recipe = findBaseImage(ref);
  if (!recipe) {
    throw new EngineError('NotFound', `pull access denied for ${name.split(':')[0]}, repository does not exist or may require 'docker login'`, { ref: name });
  }
  const known = built?.get(recipe);
  const record = known !== undefined && store.has(known) ? store.get(known) : await store.put(await recipe.build({ tools, content: store.content }));
  built?.set(recipe, record.id);
  store.addReference(ref, record.id);
  store.addReference(withDigest(trimNamed(ref), record.manifestDigest), record.id);
  return record;
}
