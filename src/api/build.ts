/**
 * `docker build`: the contract between the builder and its clients (the
 * CLI's plain/tty/classic renderers, the Engine API's `POST /build`, the
 * build-cache visualisation, lesson checks).
 *
 * The engine reports a build as BuildKit does: a list of vertices (internal
 * steps, one per Dockerfile instruction, the export), each started,
 * completed, CACHED or failed, with log lines. The classic builder
 * (`DOCKER_BUILDKIT=0`) renders the same facts as `Step 2/5 : …`. Every step
 * carries the cache decision as data, so a UI never has to guess why a
 * step ran.
 */

/** One entry of a build context, relative to its root (`src/app.js`; no leading `/`). */
export interface BuildContextEntry {
  readonly path: string;
  readonly type: 'file' | 'dir' | 'symlink';
  /** File content (a string is UTF-8). */
  readonly data?: Uint8Array | string;
  /** Permission bits (default 0644 for files, 0755 for directories). */
  readonly mode?: number;
  /** Symlink target. */
  readonly target?: string;
  /** Modification time (ms since the epoch); absent = when the build started. */
  readonly mtimeMs?: number;
}

/** `POST /build` options, as `docker build` sends them. */
export interface ImageBuildOptions {
  /** The build context: the workspace's files (the CLI has already listed them). */
  readonly context?: readonly BuildContextEntry[];
  /** The build context as a tar (the Engine API's body). Used when `context` is absent. */
  readonly contextTar?: Uint8Array;
  /** Path of the Dockerfile inside the context (`-f`), default `Dockerfile`. */
  readonly dockerfile?: string;
  /** Dockerfile text given directly (`-f -`, or `docker build - < Dockerfile`); wins over `dockerfile`. */
  readonly dockerfileText?: string;
  /** `-t` references, each `name[:tag]`. */
  readonly tags?: readonly string[];
  /** `--build-arg` values (a `KEY` without `=` takes the client's environment value; the CLI resolves it). */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** `--target`: the stage to build. */
  readonly target?: string;
  /** `--no-cache`. */
  readonly noCache?: boolean;
  /** `--pull`: pull base images even when present. */
  readonly pull?: boolean;
  /** `--label` (added to the final image's Labels). */
  readonly labels?: Readonly<Record<string, string>>;
  /** `--platform`, accepted; every image here is linux/amd64. */
  readonly platform?: string;
  /** Which builder's rules and output to follow (default BuildKit; `DOCKER_BUILDKIT=0` = classic). */
  readonly builder?: 'buildkit' | 'classic';
  /** `--no-cache-filter` stage names. */
  readonly noCacheFilter?: readonly string[];
  /** The client's id for this build (docker's `buildid`), so `POST /build/cancel` can name it. */
  readonly buildId?: string;
}

/**
 * Why a step was or was not taken from the cache. `code` is stable (checks
 * and visualisations match on it); `message` is the plain-language line a
 * learner reads; `detail` holds the values compared.
 */
export interface CacheDecision {
  readonly cached: boolean;
  readonly code:
    | 'cached'
    | 'no-cache' /* --no-cache or --no-cache-filter */
    | 'first-build' /* nothing was ever built with this parent and instruction */
    | 'parent-changed' /* an earlier step of the stage was rebuilt */
    | 'base-changed' /* FROM resolved to another image */
    | 'instruction-changed' /* the instruction text (after expansion) differs */
    | 'content-changed' /* COPY/ADD sources differ */
    | 'build-arg-changed' /* an ARG the step sees has another value */
    | 'env-changed' /* an ENV the step sees has another value */
    | 'not-cacheable'; /* FROM, context transfers: never cached by key */
  readonly message: string;
  readonly detail?: Readonly<Record<string, string>>;
}

/** One BuildKit vertex: `#7 [2/5] RUN …`. */
export interface BuildVertex {
  /** BuildKit's number (`#7`), in the order vertices started. */
  readonly id: number;
  /** `[internal] load build definition from Dockerfile`, `[2/5] RUN echo hi`, `exporting to image`. */
  readonly name: string;
  /** Dockerfile step this vertex runs, if any. */
  readonly step?: BuildStepRef;
}

export interface BuildStepRef {
  /** Stage index (0-based) and name (`AS name`, else its index as a string). */
  readonly stage: number;
  readonly stageName: string;
  /** Position among the instructions of the build (1-based, FROM included), BuildKit's `[k/n]`. */
  readonly index: number;
  readonly total: number;
  /** The instruction as BuildKit prints it after expansion (`RUN echo hi`). */
  readonly instruction: string;
  /** The Dockerfile line range (1-based) the instruction came from. */
  readonly line: { readonly start: number; readonly end: number };
}

/** Progress as the builder streams it; batched like pull progress. */
export type BuildProgress =
  | { readonly kind: 'vertex-started'; readonly vertex: BuildVertex; readonly time: number }
  | { readonly kind: 'vertex-status'; readonly vertexId: number; readonly text: string; readonly time: number }
  | { readonly kind: 'vertex-log'; readonly vertexId: number; readonly stream: 1 | 2; readonly text: string; readonly time: number }
  | { readonly kind: 'vertex-cached'; readonly vertexId: number; readonly time: number }
  | { readonly kind: 'vertex-completed'; readonly vertexId: number; readonly time: number }
  | { readonly kind: 'vertex-failed'; readonly vertexId: number; readonly error: string; readonly time: number }
  /** The build was cancelled while this vertex ran (`#7 CANCELED`). */
  | { readonly kind: 'vertex-canceled'; readonly vertexId: number; readonly time: number }
  /** Classic builder: the intermediate container of a RUN (`---> Running in 1a2b…`) and the image after each step (`---> 3c4d…`). */
  | { readonly kind: 'step-container'; readonly vertexId: number; readonly containerId: string }
  | { readonly kind: 'step-image'; readonly vertexId: number; readonly imageId: string }
  | { readonly kind: 'warning'; readonly text: string; readonly line?: number };

export type BuildProgressListener = (batch: readonly BuildProgress[]) => void;

/** The outcome of one Dockerfile instruction. */
export interface BuildStepReport {
  readonly vertex: number;
  readonly step: BuildStepRef;
  readonly cache: CacheDecision;
  /** The cache key (sha256 of the parent's key and the step's inputs). */
  readonly cacheKey: string;
  /** Image after this step (classic builder's intermediate id; under BuildKit the same config digest). */
  readonly imageId: string;
  /** The layer the step made, if it made one. */
  readonly layer?: { readonly diffId: string; readonly size: number };
  /** A RUN's exit status. */
  readonly exitCode?: number;
  /** Engine time the step took (0 when cached). */
  readonly durationMs: number;
}

/** What `POST /build` returns. */
export interface ImageBuildResult {
  /** The final image (`sha256:…`). */
  readonly imageId: string;
  /** Tags applied, normalised (`docker.io/library/t:latest`). */
  readonly tags: readonly string[];
  /** Every step of the stages built, in execution order. */
  readonly steps: readonly BuildStepReport[];
  /** Build-check warnings (`JSONArgsRecommended`, …) with their lines. */
  readonly warnings: readonly { readonly rule: string; readonly message: string; readonly line: number }[];
}

/**
 * What a failed build throws, in EngineError's `data`: the steps that
 * finished (their images stay in the cache so `docker run -it <last good>`
 * works), the failing vertex and, for RUN, its exit code.
 */
export interface BuildFailureData {
  readonly steps: readonly BuildStepReport[];
  readonly vertex?: number;
  readonly exitCode?: number;
  /** The last image built successfully (to debug from). */
  readonly lastImageId?: string;
  /** Dockerfile line of the failing instruction. */
  readonly line?: number;
}

/** Build events published on the bus (`/build/…`), for the build-cache visualisation. */
export interface BuildStepEventData {
  readonly buildId: string;
  readonly step: BuildStepRef;
  readonly cache: CacheDecision;
  readonly cacheKey: string;
  readonly imageId?: string;
}
