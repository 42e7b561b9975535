import type { TerminalState, WorkspaceChanges } from './host.ts';
import type { EngineEvent, EventFilter } from './events.ts';
import type { AuthResponse, EventMessageListener, EventsOptions, SystemDfResponse, SystemInfo, SystemVersion } from './system.ts';
import type { EngineStateDocument } from './state.ts';
import type { ContainerApi, ContainerFilesApi } from './containers.ts';
import type { NetworkApi } from './networks.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { VizApi } from './viz.ts';
import type { BuildProgressListener, BuildStepReport, ImageBuildOptions, ImageBuildResult } from './build.ts';
import type {
  AuthConfig,
  HistoryResponseItem,
  ImageDeleteResponseItem,
  ImageInspect,
  ImageListOptions,
  ImageLoadResult,
  ImagePruneOptions,
  ImagePruneReport,
  ImageRemoveOptions,
  ImagePullOptions,
  ImagePushOptions,
  ImageSearchOptions,
  ImageSearchResponseItem,
  ImageSummary,
  ProgressListener,
} from './images.ts';

/** Called with events in batches (one batch per engine turn), never one by one. */
export type EventBatchListener = (events: readonly EngineEvent[]) => void;

/** A handle to stop a subscription; idempotent. */
export interface Subscription {
  unsubscribe(): void;
}

/**
 * THE contract between every host (browser worker, Node CLI, Engine API server)
 * and the engine. Docker-client-shaped: `method(options) → Promise<result>`,
 * plain structured-clone data in and out, failures as `EngineError`.
 * New capabilities are added here as the issues that need them land.
 */
export interface EngineApi extends ContainerApi, ContainerFilesApi, VizApi, NetworkApi {
  /** `GET /_ping`. */
  ping(): Promise<'OK'>;
  /** `GET /version`. */
  version(): Promise<SystemVersion>;
  /** `GET /info`. */
  info(): Promise<SystemInfo>;
  /**
   * Live event stream (with replay of retained events when `since` is given).
   * Listeners receive batches; events published in the same synchronous turn
   * arrive together.
   */
  subscribe(filter: EventFilter, listener: EventBatchListener): Promise<Subscription>;
  /** Events still retained in the replay ring with seq > since. */
  events(filter?: EventFilter): Promise<readonly EngineEvent[]>;
  /** The whole engine state as one serialisable document (see state.ts). */
  exportState(): Promise<EngineStateDocument>;
  /**
   * Replace the engine's state with a document from exportState. Throws
   * `DataLoss` (and changes nothing) when the document is damaged or from
   * another format version.
   */
  importState(doc: unknown): Promise<void>;
  /**
   * Lints Dockerfile text with the engine's own parser and rules (BuildKit's
   * build checks plus the teaching rules), for the editor's markers. Not an
   * Engine API endpoint; never throws for bad Dockerfile text (a parse error
   * is an error Diagnostic). Sorted by position.
   */
  lintDockerfile(text: string): Promise<Diagnostic[]>;
  /**
   * The simulated host's clock (Unix ms). The docker client reads its own
   * host clock for `CREATED 2 hours ago`; here the client lives on the
   * simulated host, so it asks the engine.
   */
  now(): Promise<number>;

  /** `GET /images/json`: newest first. */
  imageList(options?: ImageListOptions): Promise<ImageSummary[]>;
  /** `GET /images/{name}/json`; `NotFound` "No such image: …". */
  imageInspect(ref: string): Promise<ImageInspect>;
  /** `GET /images/{name}/history`: newest first, `<missing>` for non-local ancestors. */
  imageHistory(ref: string): Promise<HistoryResponseItem[]>;
  /** `POST /images/{name}/tag`: `target` is `repo[:tag]`. */
  imageTag(source: string, target: string): Promise<void>;
  /** `DELETE /images/{name}`: Docker's Untagged/Deleted list, or `Conflict` with Docker's text. */
  imageRemove(ref: string, options?: ImageRemoveOptions): Promise<ImageDeleteResponseItem[]>;
  /** `POST /images/prune`. */
  imagePrune(options?: ImagePruneOptions): Promise<ImagePruneReport>;
  /** `GET /images/get`: one tar, both docker-archive (manifest.json) and OCI layout (index.json). */
  imageSave(refs: readonly string[]): Promise<Uint8Array>;
  /** `POST /images/load`: docker-archive or OCI layout tar. */
  imageLoad(tar: Uint8Array): Promise<ImageLoadResult>;
  /**
   * `POST /images/create?fromImage=…`: pulls `ref` (`busybox`, `x:tag`,
   * `x@sha256:…`; no tag means `latest`) from its registry. Progress arrives
   * as dockerd streams it, in batches; failures as EngineError with dockerd's
   * text (`pull access denied for …`).
   */
  imagePull(ref: string, onProgress?: ProgressListener, options?: ImagePullOptions): Promise<void>;
  /** `POST /images/{name}/push`: pushes a local image to its registry; progress as for imagePull. */
  imagePush(ref: string, onProgress?: ProgressListener, options?: ImagePushOptions): Promise<void>;
  /** `GET /images/search`: Docker Hub's search (the simulated Hub's index). */
  imageSearch(term: string, options?: ImageSearchOptions): Promise<ImageSearchResponseItem[]>;
  /**
   * `POST /auth`: checks credentials against the registry (`GET /v2/`).
   * The daemon stores nothing: the client keeps them (config.json).
   */
  systemAuth(auth: AuthConfig): Promise<AuthResponse>;
  /** `GET /system/df`: disk usage of images, containers, volumes and the build cache. */
  systemDf(): Promise<SystemDfResponse>;
  /**
   * `GET /events`: Docker's event messages (container, image, volume,
   * network) from the retained ones at or after `since`, then live ones.
   * With `until`, the listener's last call has `end` true once engine time
   * reaches it; without, it runs until unsubscribed.
   */
  systemEvents(options: EventsOptions, listener: EventMessageListener): Promise<Subscription>;
  /**
   * `POST /build`: builds an image from a Dockerfile and a context, with
   * BuildKit's rules (or the classic builder's), progress as vertices, and
   * every step's cache decision in the result. Failure: EngineError whose
   * data is BuildFailureData (steps so far, failing line, exit code, the
   * last good image to debug).
   */
  imageBuild(options: ImageBuildOptions, onProgress?: BuildProgressListener): Promise<ImageBuildResult>;
  /**
   * Not an Engine API endpoint: what `imageBuild` would decide for each step
   * now (cached, or why not) without running anything — "what if I change
   * line N". Steps after the first miss are reported as rebuilt.
   */
  imageBuildPreview(options: ImageBuildOptions): Promise<BuildStepReport[]>;
  /**
   * `POST /build/cancel`: stops the build with that id (every running build
   * when absent): its RUN processes are killed and `imageBuild` fails with
   * `Canceled: context canceled`. Ctrl-C during `docker build` sends it.
   */
  imageBuildCancel(buildId?: string): Promise<void>;
  /** `POST /build/prune`: forgets the build cache; returns the bytes its layers held. */
  builderPrune(options?: { all?: boolean }): Promise<{ CachesDeleted: string[]; SpaceReclaimed: number }>;
}

/** One piece of a process's output. Output is delivered in batches of these. */
export interface OutputChunk {
  readonly fd: 1 | 2;
  readonly data: string;
}

export type OutputListener = (chunks: readonly OutputChunk[]) => void;

/** Options for running the `docker` command (src/cli) inside a host. */
export interface CliRunOptions {
  /** Environment as `KEY=value` strings (DOCKER_BUILDKIT, …). */
  readonly env?: readonly string[];
  /** Terminal width for tables and progress, when a terminal is attached. */
  readonly columns?: number;
  readonly isTTY?: boolean;
}

/**
 * What the browser worker exposes: the engine plus a command runner for the
 * terminal. `runCommandLine` takes the raw line so that splitting and parsing
 * happen in the worker, never in the UI.
 */
export interface WorkerApi extends EngineApi {
  /**
   * Runs one line typed at the prompt in the host's login shell (see
   * src/engine/host/session.ts) and resolves with its exit status when the
   * foreground job ends. Without `isTTY` (lesson checks, scripts) the line
   * runs in a fresh shell of the learner's in the home directory, with no
   * terminal, so it never shares the prompt's job, directory or output.
   */
  runCommandLine(line: string, options: CliRunOptions, onOutput: OutputListener): Promise<number>;
  /** Keys typed while a line runs, raw as xterm gives them (the host's tty echoes, erases, and turns Ctrl-C into SIGINT). */
  terminalInput(data: string): Promise<void>;
  /** After a line: the next prompt, and the type-ahead no program read. */
  terminalState(): Promise<TerminalState>;
  /** The editor's workspace changes into the learner's home directory (`replace`: the home holds exactly `written`). */
  workspacePush(changes: WorkspaceChanges, replace?: boolean): Promise<void>;
  /** Files that commands created, changed or removed in the home directory since the last push or pull. */
  workspacePull(): Promise<WorkspaceChanges>;
  /**
   * Tab completion for the terminal line: the word around `cursor` and what
   * it may become (commands, subcommands and flags from the docker CLI's own
   * command specs). The UI only shows and inserts what comes back.
   */
  completions(line: string, cursor: number): Promise<CompletionResult>;
}

/** One way to complete the word under the cursor. */
export interface CompletionCandidate {
  /** The whole word as it would read after completion, e.g. `--detach`. */
  readonly value: string;
  /** One-line help, as `docker --help` prints it. */
  readonly description?: string;
}

/** What may replace the text between `from` and `to` (UTF-16 offsets into the line). */
export interface CompletionResult {
  readonly from: number;
  readonly to: number;
  readonly candidates: readonly CompletionCandidate[];
}
