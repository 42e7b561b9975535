/**
 * One build stage while it is built: the image value so far, its committed
 * snapshot chain, the ARG/ENV scope, the CMD/ENTRYPOINT/SHELL bookkeeping
 * and the cache key chain. Dispatchers read it and return what changed.
 */
import type { BuildStepReport } from '../../api/build.ts';
import type { StageScope } from '../dockerfile/build-args.ts';
import { normalizePath } from '../fs/path.ts';
import type { Image } from '../images/image.ts';
import type { BuilderKind, StageCommandState } from '../runtime/command-config.ts';

export interface StageState {
  readonly index: number;
  /** `AS name` (lower case), or '' for an unnamed stage. */
  readonly name: string;
  /** BuildKit's vertex prefix: the stage name, `stage-N` in a multi-stage build, or ''. */
  readonly label: string;
  image: Image;
  /** Committed snapshot (chain id) of the top layer; undefined for an image without layers. */
  chain: string | undefined;
  scope: StageScope;
  cmd: StageCommandState;
  /** Cache key of the last step (or of the base). */
  key: string;
  /** Set once a step of this stage was executed: later steps miss. */
  rebuilt?: { readonly instruction: string };
  /** History time of the last step (cached steps keep their original time). */
  created: number;
  /**
   * History entries of config-only instructions (BuildKit) still waiting for a
   * time: they take the time of the next step that runs or is cached, so an
   * ENV written today does not show the base image's date, and a cached
   * rebuild still produces the same config (and image id).
   */
  pendingHistory: number[];
  /** BuildKit `[k/n]`: vertices of this stage (FROM of an image + RUN/COPY/ADD/WORKDIR). */
  readonly vertexTotal: number;
  vertexIndex: number;
  /** Classic builder: the id of the image after the last step. */
  imageId: string;
  readonly builder: BuilderKind;
  readonly steps: BuildStepReport[];
  /** The WORKDIR in effect (absolute). */
  workdir: string;
}

/** `/a/b` + `c` → `/a/b/c`; an absolute path replaces the base. */
export function joinWorkdir(base: string, p: string): string {
  return normalizePath(p.startsWith('/') ? p : `${base}/${p}`);
}
