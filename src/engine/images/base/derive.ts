/**
 * Images built FROM a base image, step by step, the way their official
 * Dockerfiles build them: each step either changes files (a layer, written
 * over the base tree so overrides and deletions become real whiteouts) or
 * only config (an `empty_layer` history entry). Derived images share their
 * base's layers byte for byte, so pulling nginx after debian reuses its layer.
 */
import type { ImageContainerConfig } from '../../../api/index.ts';
import type { Image } from '../image.ts';
import { appendHistory, appendLayer, withConfig, withMeta } from '../mutate.ts';
import { at } from './recipe.ts';
import type { BaseImageContext } from './tools.ts';
import { buildLayer } from './tree.ts';
import type { TreeState, TreeWriter } from './tree.ts';

/** A base image together with its tree, for images built on it. */
export interface BuiltBase {
  readonly image: Image;
  readonly tree: TreeState;
}

export interface Step {
  readonly created_by: string;
  readonly comment?: string;
  /** Files this step writes; absent = a config-only step. */
  readonly files?: (t: TreeWriter) => void;
  /** Simplification: the real step's layer size, reported for our stand-in files. */
  readonly reportedSize?: number;
  /** Config changes the step makes (ENV, CMD, …). */
  readonly config?: (current: ImageContainerConfig) => Partial<ImageContainerConfig>;
}

/** Applies `steps` on top of `base`, every step stamped `created`. */
export async function derive(base: BuiltBase, created: string, steps: readonly Step[], ctx: BaseImageContext): Promise<BuiltBase> {
  let image = withMeta(base.image, { created });
  let tree = base.tree;
  for (const step of steps) {
    const history = { created, created_by: step.created_by, comment: step.comment ?? 'buildkit.dockerfile.v0' };
    if (step.files) {
      const built = await buildLayer(tree, at(created), ctx.content, step.files);
      tree = built.tree;
      image = appendLayer(image, built.layer, history, step.reportedSize !== undefined ? { reportedSize: step.reportedSize } : {});
    } else {
      image = appendHistory(image, history);
    }
    if (step.config) image = withConfig(image, step.config(image.config.config));
  }
  return { image, tree };
}

/** `ENV k=v` as BuildKit records it, replacing an existing k. */
export function env(key: string, value: string): Step {
  return {
    created_by: `ENV ${key}=${value}`,
    config: (c) => ({ Env: [...(c.Env ?? []).filter((e) => !e.startsWith(`${key}=`)), `${key}=${value}`] }),
  };
}

/** A config-only step with a fixed `created_by`. */
export function meta(created_by: string, config: Partial<ImageContainerConfig>): Step {
  return { created_by, config: () => config };
}
