/**
 * Everything impure the engine needs, injected. The engine never reads the wall
 * clock or Math.random itself: tests pass the deterministic versions below and
 * get the same ids, times and event logs on every run.
 */

/** Wall-clock source, in milliseconds since the Unix epoch. */
export interface Clock {
  now(): number;
}

/** Randomness source. `nextUint32` is the only primitive; the rest derive from it. */
export interface Rng {
  nextUint32(): number;
}

/** Schedules a callback after the current synchronous turn (batching of events and output). */
export type Schedule = (fn: () => void) => void;

/** A pending one-shot timer; `cancel` is idempotent. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * One-shot timers in engine time: what `sleep` in a container and `docker
 * stop`'s grace period wait on. `after(0, fn)` runs `fn` on a later
 * macrotask (how long-running processes let the host breathe).
 */
export interface Timers {
  after(ms: number, fn: () => void): TimerHandle;
}

export interface EngineDeps {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly schedule: Schedule;
  /** Absent = the host's real timers (see realTimers). */
  readonly timers?: Timers;
}

// The engine's tsconfig has no DOM or Node types; declare the one global we use.
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
declare function queueMicrotask(fn: () => void): void;
declare function setTimeout(fn: () => void, ms?: number): unknown;
declare function clearTimeout(handle: unknown): void;

export const realClock: Clock = { now: () => Date.now() };

export const realRng: Rng = {
  nextUint32() {
    return crypto.getRandomValues(new Uint32Array(1))[0]!;
  },
};

export const realTimers: Timers = {
  after(ms, fn) {
    const h = setTimeout(fn, Math.max(0, ms));
    return { cancel: () => clearTimeout(h) };
  },
};

export function realDeps(): EngineDeps {
  return { clock: realClock, rng: realRng, schedule: (fn) => queueMicrotask(fn), timers: realTimers };
}

/** 2026-01-01T00:00:00Z: the epoch of deterministic test clocks. */
export const TEST_EPOCH_MS = Date.UTC(2026, 0, 1);

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  constructor(private ms = TEST_EPOCH_MS) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}

/** sfc32: small, fast, good enough for ids; seeded so runs repeat. */
export class SeededRng implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed = 0x1a7e41ab) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
}

/**
 * Timers on a ManualClock: a timer fires only when `advance` moves the clock
 * past it, so a test can let `docker stop` wait its 10 s grace period in no
 * real time. Zero-delay timers (yields) run on the host's next macrotask.
 */
export class ManualTimers implements Timers {
  private queue: { at: number; seq: number; fn: () => void; live: boolean }[] = [];
  private seq = 0;
  constructor(private readonly clock: ManualClock) {}

  after(ms: number, fn: () => void): TimerHandle {
    if (ms <= 0) {
      const h = setTimeout(fn, 0);
      return { cancel: () => clearTimeout(h) };
    }
    const t = { at: this.clock.now() + ms, seq: this.seq++, fn, live: true };
    this.queue.push(t);
    return { cancel: () => void (t.live = false) };
  }

  /** Timers still waiting. */
  get pending(): number {
    return this.queue.filter((t) => t.live).length;
  }

  /**
   * Moves the clock forward by `ms`, firing due timers in time order and
   * letting the engine run (a few host turns) after each, so timers set by
   * what a firing woke up are honoured within the same advance.
   */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    await settle();
    for (;;) {
      this.queue = this.queue.filter((t) => t.live);
      const next = this.queue.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      next.live = false;
      if (next.at > this.clock.now()) this.clock.set(next.at);
      next.fn();
      await settle();
    }
    this.clock.set(target);
    await settle();
  }
}

/** A few host macrotask turns: enough for woken processes to run to their next wait. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await new Promise<void>((r) => setTimeout(r, 0));
}

/** Deterministic deps for tests: manual clock and timers, seeded rng, microtask schedule. */
export function testDeps(seed?: number): EngineDeps & { clock: ManualClock; timers: ManualTimers } {
  const clock = new ManualClock();
  return { clock, rng: new SeededRng(seed), schedule: (fn) => queueMicrotask(fn), timers: new ManualTimers(clock) };
}

/** `n` random bytes as lower-case hex: container ids (32 bytes), daemon ids. */
export function randomHex(rng: Rng, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i += 4) {
    out += rng.nextUint32().toString(16).padStart(8, '0');
  }
  return out.slice(0, bytes * 2);
}

/** An RFC 4122 version-4 UUID from the injected rng (dockerd's daemon ID format). */
export function randomUuid(rng: Rng): string {
  const h = randomHex(rng, 16).split('');
  h[12] = '4';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
