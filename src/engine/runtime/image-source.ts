/**
 * What the runtime needs from the image store, as a small port: the
 * composition root adapts the image service to it, tests pass a fake. The
 * runtime never pulls: an absent image is `NotFound` ("No such image:
 * busybox:latest"), and the CLI decides whether to pull, as docker does.
 */

import type { HealthConfig } from '../../api/images.ts';

/** The image config fields a container inherits (spec spelling, omitempty). */
export interface ImageRunConfig {
  readonly User?: string;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly Env?: readonly string[];
  readonly Entrypoint?: readonly string[] | null;
  readonly Cmd?: readonly string[] | null;
  readonly Volumes?: Readonly<Record<string, Record<string, never>>>;
  readonly WorkingDir?: string;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
  readonly OnBuild?: readonly string[];
  /** HEALTHCHECK (durations in nanoseconds). */
  readonly Healthcheck?: HealthConfig;
}

export interface ContainerImage {
  /** Image id (`sha256:` config digest). */
  readonly id: string;
  readonly config: ImageRunConfig;
  /** Committed snapshots (chain ids) of the image's layers, bottom first; the last is mounted. */
  readonly chainIds: readonly string[];
  /** Bytes of the image's layers (a container's SizeRootFs adds its own). */
  readonly size: number;
}

export interface ImageSource {
  /** The image `ref` (name, name:tag, name@digest, id or id prefix) names; `NotFound` when absent. */
  resolve(ref: string): Promise<ContainerImage>;
}
