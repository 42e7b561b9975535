/**
 * The build cache: a step's result remembered under a key that digests its
 * parent's key and everything the step depends on (BuildKit's vertex keys:
 * instruction, env, user, workdir, the checksums of COPY/ADD sources — never
 * mtimes). Once a step misses, its new key has no children, so every later
 * step of the stage misses too: the cascade falls out of the chaining.
 *
 * What Docker does not do, and Layerlab adds for learners: every decision
 * comes with its reason as data. A miss is explained by comparing the step
 * with what was built last time at the same place of the same Dockerfile
 * (same stage, same step number): which input changed, from what to what.
 */
import type { CacheDecision } from '../../api/build.ts';
import { sha256Digest } from '../oci/digest.ts';

/** What a step produced: a layer, or no filesystem change. */
export interface CachedResult {
  /** The layer's identities, when the step changed files. */
  readonly layer?: { readonly diffId: string; readonly digest: string; readonly size: number };
  /** Classic builder: the image this step made (reused on a hit while it still exists). */
  readonly imageId?: string;
}

export interface CacheRecord {
  readonly key: string;
  readonly parentKey: string;
  /** Where in a Dockerfile it was built: `<stage name or index>#<step>`. */
  readonly position: string;
  /** The instruction as printed (variables expanded). */
  readonly instruction: string;
  /**
   * Inputs compared when explaining a miss: `content:<src>` → digest,
   * `arg:<NAME>` / `env:<NAME>` → value, `user`, `workdir`, `from`.
   */
  readonly inputs: Readonly<Record<string, string>>;
  readonly result: CachedResult;
  /** Engine time the step was built (its history `created`). */
  readonly created: number;
}

export interface CacheProbe {
  readonly parentKey: string;
  readonly position: string;
  readonly instruction: string;
  readonly inputs: Readonly<Record<string, string>>;
}

/** The key of a step: parent key + instruction + inputs, order-independent in the inputs. */
export function cacheKey(probe: CacheProbe): string {
  const inputs = Object.keys(probe.inputs)
    .sort()
    .map((k) => [k, probe.inputs[k]]);
  return sha256Digest(JSON.stringify([probe.parentKey, probe.instruction, inputs]));
}

/** The key a stage starts from: its base (image id, another stage's final key, or scratch). */
export function baseKey(base: string): string {
  return sha256Digest(JSON.stringify(['FROM', base]));
}

const short = (d: string): string => (d.startsWith('sha256:') ? `sha256:${d.slice(7, 11)}…` : d.length > 24 ? `${d.slice(0, 24)}…` : d);

export interface LookupOptions {
  readonly noCache: boolean;
  /** The previous step of this stage was executed (so this key is new). */
  readonly parentRebuilt?: { readonly instruction: string };
  /** Whether a remembered result can still be used (its layer or image still exists). */
  readonly usable: (record: CacheRecord) => boolean;
}

export class BuildCache {
  private readonly byKey = new Map<string, CacheRecord>();
  private readonly byPosition = new Map<string, CacheRecord>();

  /** The decision for a step, with the record to reuse on a hit. */
  lookup(probe: CacheProbe, opts: LookupOptions): { key: string; record?: CacheRecord; decision: CacheDecision } {
    const key = cacheKey(probe);
    if (opts.noCache) return { key, decision: { cached: false, code: 'no-cache', message: '--no-cache: every step runs again' } };
    const hit = this.byKey.get(key);
    if (hit && opts.usable(hit)) return { key, record: hit, decision: { cached: true, code: 'cached', message: 'same parent and same inputs as an earlier build: result reused' } };
    return { key, decision: this.explainMiss(probe, opts) };
  }

  /** Remembers a step's result (the newest record for a position wins when explaining). */
  remember(record: CacheRecord): void {
    this.byKey.set(record.key, record);
    this.byPosition.set(record.position, record);
  }

  /** Forgets results that can no longer be used (`docker builder prune`); returns how many. */
  prune(keep: (record: CacheRecord) => boolean = () => false): CacheRecord[] {
    const dropped: CacheRecord[] = [];
    for (const [k, r] of this.byKey) {
      if (keep(r)) continue;
      this.byKey.delete(k);
      dropped.push(r);
    }
    for (const [p, r] of this.byPosition) if (!this.byKey.has(r.key)) this.byPosition.delete(p);
    return dropped;
  }

  /** The result remembered under `key`, if any. */
  get(key: string): CacheRecord | undefined {
    return this.byKey.get(key);
  }

  /** Plain data for engine state. */
  exportState(): { records: CacheRecord[] } {
    return { records: [...this.byKey.values()].sort((a, b) => a.created - b.created) };
  }

  importState(state: { records?: readonly CacheRecord[] } | undefined): void {
    this.byKey.clear();
    this.byPosition.clear();
    for (const r of state?.records ?? []) this.remember(r);
  }

  private explainMiss(probe: CacheProbe, opts: LookupOptions): CacheDecision {
    const before = this.byPosition.get(probe.position);
    if (!before) return { cached: false, code: 'first-build', message: 'no earlier build made this step yet' };
    if (opts.parentRebuilt) {
      return {
        cached: false,
        code: 'parent-changed',
        message: `previous step was rebuilt (${opts.parentRebuilt.instruction}), so this step runs again`,
        detail: { previous: opts.parentRebuilt.instruction },
      };
    }
    if (before.instruction !== probe.instruction) {
      return {
        cached: false,
        code: 'instruction-changed',
        message: `instruction changed: "${before.instruction}" → "${probe.instruction}"`,
        detail: { before: before.instruction, after: probe.instruction },
      };
    }
    const names = [...new Set([...Object.keys(before.inputs), ...Object.keys(probe.inputs)])].sort();
    for (const name of names) {
      const was = before.inputs[name];
      const now = probe.inputs[name];
      if (was === now) continue;
      const detail = { input: name, before: was ?? '', after: now ?? '' };
      if (name.startsWith('content:')) {
        const src = name.slice('content:'.length);
        return { cached: false, code: 'content-changed', message: `${probe.instruction.split(' ')[0]} ${src}: content changed ${short(was ?? '(none)')}→${short(now ?? '(none)')}`, detail };
      }
      if (name.startsWith('arg:')) {
        return { cached: false, code: 'build-arg-changed', message: `build-arg ${name.slice(4)} changed: ${show(was)} → ${show(now)}`, detail };
      }
      if (name.startsWith('env:')) {
        return { cached: false, code: 'env-changed', message: `ENV ${name.slice(4)} changed: ${show(was)} → ${show(now)}`, detail };
      }
      if (name === 'from') {
        return { cached: false, code: 'base-changed', message: `the base image changed: ${short(was ?? '')} → ${short(now ?? '')}`, detail };
      }
      return { cached: false, code: 'instruction-changed', message: `${name} changed: ${show(was)} → ${show(now)}`, detail };
    }
    if (before.parentKey !== probe.parentKey) {
      return { cached: false, code: 'base-changed', message: 'the image this step builds on changed since the last build', detail: {} };
    }
    // Same inputs and parent, but the remembered result is gone (image removed, cache pruned).
    return { cached: false, code: 'first-build', message: 'the earlier result of this step was removed (docker rmi or builder prune)' };
  }
}

const show = (v: string | undefined): string => (v === undefined ? '(unset)' : `"${v}"`);
