import type { BuildStepEventData, BuildStepRef, CacheDecision, EngineEvent } from '../../api/index.ts';

/** One step of a build as the builder published it (`/build/step/cached|executed|failed`). */
export interface BuildStepView {
  readonly seq: number;
  readonly step: BuildStepRef;
  readonly cache: CacheDecision;
  readonly outcome: 'cached' | 'executed' | 'failed';
  /** Rebuilt only because an earlier step of its stage was (the cascade after the first miss). */
  readonly cascade: boolean;
  /** The first miss of its stage: where the cascade starts. */
  readonly firstMiss: boolean;
}

export interface BuildView {
  readonly buildId: string;
  readonly tags: readonly string[];
  readonly steps: readonly BuildStepView[];
  readonly status: 'running' | 'completed' | 'failed';
}

const OUTCOME: Readonly<Record<string, BuildStepView['outcome']>> = {
  '/build/step/cached': 'cached',
  '/build/step/executed': 'executed',
  '/build/step/failed': 'failed',
};

/** Steps in build order with the cascade marked (`parent-changed` is the builder's word for it). */
export function markCascade(steps: readonly Omit<BuildStepView, 'cascade' | 'firstMiss'>[]): BuildStepView[] {
  const missed = new Set<number>();
  return steps.map((s) => {
    const miss = !s.cache.cached && s.cache.code !== 'not-cacheable';
    const firstMiss = miss && s.cache.code !== 'parent-changed' && !missed.has(s.step.stage);
    if (miss) missed.add(s.step.stage);
    return { ...s, cascade: s.cache.code === 'parent-changed', firstMiss };
  });
}

/** Every real build in the log (dry runs of the preview left out), oldest first. */
export function buildViews(events: readonly EngineEvent[]): BuildView[] {
  const builds = new Map<string, { tags: string[]; steps: Omit<BuildStepView, 'cascade' | 'firstMiss'>[]; status: BuildView['status'] }>();
  for (const e of events) {
    if (!e.topic.startsWith('/build/')) continue;
    const d = e.data as { buildId?: string; tags?: string[]; dryRun?: boolean };
    if (!d.buildId) continue;
    if (e.topic === '/build/started') {
      if (!d.dryRun) builds.set(d.buildId, { tags: d.tags ?? [], steps: [], status: 'running' });
      continue;
    }
    const b = builds.get(d.buildId);
    if (!b) continue;
    const outcome = OUTCOME[e.topic];
    if (outcome) {
      const s = e.data as BuildStepEventData;
      b.steps.push({ seq: e.seq, step: s.step, cache: s.cache, outcome });
    } else if (e.topic === '/build/completed') b.status = 'completed';
    else if (e.topic === '/build/failed') b.status = 'failed';
  }
  return [...builds].map(([buildId, b]) => ({ buildId, tags: b.tags, status: b.status, steps: markCascade(b.steps) }));
}
