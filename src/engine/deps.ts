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

export interface EngineDeps {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly schedule: Schedule;
}

// The engine's tsconfig has no DOM or Node types; declare the one global we use.
declare const crypto: { getRandomValues<T extends ArrayBufferView>(array: T): T };
declare function queueMicrotask(fn: () => void): void;

export const realClock: Clock = { now: () => Date.now() };

export const realRng: Rng = {
  nextUint32() {
    return crypto.getRandomValues(new Uint32Array(1))[0]!;
  },
};

export function realDeps(): EngineDeps {
  return { clock: realClock, rng: realRng, schedule: (fn) => queueMicrotask(fn) };
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

/** Deterministic deps for tests: manual clock, seeded rng, synchronous-queue schedule. */
export function testDeps(seed?: number): EngineDeps & { clock: ManualClock } {
  return { clock: new ManualClock(), rng: new SeededRng(seed), schedule: (fn) => queueMicrotask(fn) };
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
