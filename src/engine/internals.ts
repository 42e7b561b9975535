import type { Clock, Timers } from './deps.ts';
import type { ImageService } from './images/service.ts';
import type { ContainerRuntime } from './runtime/runtime.ts';

/**
 * The engine's live modules, for in-process composers that need more than
 * EngineApi's plain data (the simulated host's /var/lib/docker reads union
 * mounts and upper dirs directly). Never crosses the worker boundary.
 */
export interface EngineInternals {
  readonly clock: Clock;
  readonly timers: Timers;
  /** Changes whenever engine state may have changed (the event bus's next sequence number). */
  readonly version: () => number;
  /** The image service (preloads made first); the same promise each time until a state import. */
  readonly images: () => Promise<ImageService>;
  /** The container runtime, made on first use; a state import replaces it. */
  readonly runtime: () => Promise<ContainerRuntime>;
}
