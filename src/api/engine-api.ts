import type { EngineEvent, EventFilter } from './events.ts';
import type { SystemInfo, SystemVersion } from './system.ts';
import type { EngineStateDocument } from './state.ts';

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
export interface EngineApi {
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
  runCommandLine(line: string, options: CliRunOptions, onOutput: OutputListener): Promise<number>;
}
