/**
 * Time and turn-taking, injected so the engine stays pure. The interpreter and
 * long-running applets call `yieldNow()` every so often, so a runaway loop
 * (`while :; do :; done`) leaves room for the UI, for Ctrl-C and for other
 * processes; `sleep` is the only timer processes get.
 */
export interface Scheduler {
  /** Resolves on a later macrotask turn (not a microtask: the host must get to run). */
  yieldNow(): Promise<void>;
  /** Resolves after `ms` milliseconds of host (or virtual) time. */
  sleep(ms: number): Promise<void>;
  /** Milliseconds since the epoch, from the injected clock. */
  now(): number;
}
