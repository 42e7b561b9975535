/**
 * Engine events are facts: a topic `/noun/verb` in the past tense
 * (`/build/step/cached`, `/snapshot/committed`, `/sim/fs/copied-up`), plain data,
 * a sequence number and the seq of the event that caused it. The UI replays
 * them to step through what happened; the engine never knows who listens.
 */
export interface EngineEvent<D = unknown> {
  /** Monotonic, starting at 1, per engine instance. */
  readonly seq: number;
  /** `/noun/verb`, past tense. */
  readonly topic: string;
  /** seq of the event (usually a command) that caused this one, or 0. */
  readonly cause: number;
  /** Time from the injected clock, in ms since the epoch. */
  readonly time: number;
  readonly data: D;
}

/** Options for subscribing to the event stream. */
export interface EventFilter {
  /** Replay retained events with seq > since before live ones. */
  readonly since?: number;
  /** Topic prefixes to keep (`/build/` keeps every build event). Empty = all. */
  readonly topics?: readonly string[];
}

export function topicMatches(topic: string, prefixes: readonly string[] | undefined): boolean {
  if (!prefixes || prefixes.length === 0) return true;
  return prefixes.some((p) => topic === p || topic.startsWith(p.endsWith('/') ? p : `${p}/`));
}
