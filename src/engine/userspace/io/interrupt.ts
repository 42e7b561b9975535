/**
 * Wakes a blocked process when a signal arrives. Every wait a process does on
 * a pipe or a child goes through its Interrupt, so `kill` reaches a process
 * that is sleeping in `read`, as a real kernel's EINTR does.
 */
export class Interrupt {
  private readonly listeners = new Set<() => void>();
  /** Bumped on every trigger so a waiter can tell it was woken by a signal. */
  generation = 0;

  trigger(): void {
    this.generation++;
    for (const fn of [...this.listeners]) fn();
  }

  /** Registers fn until the returned disposer runs. */
  on(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }
}

/** Thrown out of a wait when the process was signalled while blocked. */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor() {
    super('interrupted system call');
  }
}

/**
 * Waits for `p` unless a signal arrives first (then rejects with Interrupted).
 * `pending()` says whether a delivered signal should end the wait.
 */
export function interruptible<T>(p: Promise<T>, intr: Interrupt | undefined, pending: () => boolean): Promise<T> {
  if (!intr) return p;
  if (pending()) return Promise.reject(new Interrupted());
  return new Promise<T>((resolve, reject) => {
    // Woken only when the predicate says this wait should end (a kill, or a
    // signal the waiter cares about); other signals leave it waiting.
    const off = intr.on(() => {
      if (!pending()) return;
      off();
      reject(new Interrupted());
    });
    p.then(
      (v) => {
        off();
        resolve(v);
      },
      (e: unknown) => {
        off();
        reject(e);
      },
    );
  });
}
