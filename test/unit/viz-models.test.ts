import { describe, expect, it } from 'vitest';
import type { BuildStepEventData, EngineEvent } from '../../src/api/index.ts';
import { archCommands } from '../../src/app/viz/arch-model.ts';
import { buildViews } from '../../src/app/viz/build-model.ts';
import { cmdRuns } from '../../src/app/viz/cmd-model.ts';
import { cowKeys, cowSteps, lookupPath } from '../../src/app/viz/cow-model.ts';
import { treeRows, visibleRange } from '../../src/app/viz/tree-model.ts';
import { VIZ_KEYS, cacheText, explainText, fill, formatBytes, vt } from '../../src/app/viz/viz-text.ts';
import { VizStepper } from '../../src/app/state/viz-stepper.svelte.ts';
import { resolveCommand } from '../../src/engine/index.ts';

let seq = 0;
const ev = (topic: string, data: unknown): EngineEvent => ({ seq: ++seq, topic, cause: 0, time: 0, data });

describe('copy-on-write steps', () => {
  const K = 'c0ffee';
  const events = [
    ev('/sim/fs/copied-up', { key: K, path: '/etc', type: 'dir', fromLayer: 0, bytes: 0 }),
    ev('/sim/fs/copied-up', { key: K, path: '/etc/passwd', type: 'file', fromLayer: 0, bytes: 340 }),
    ev('/sim/fs/written', { key: K, op: 'write', path: '/etc/passwd', layer: 'upper', bytes: 3 }),
    ev('/sim/fs/written', { key: 'other', op: 'write', path: '/x', layer: 'upper', bytes: 1 }),
    ev('/sim/fs/whiteout-created', { key: K, path: '/etc/group' }),
    ev('/sim/fs/removed', { key: K, op: 'unlink', path: '/etc/group', layer: 0 }),
    ev('/sim/fs/created', { key: K, op: 'mkdir', path: '/tmp/d', layer: 'upper' }),
    ev('/sim/fs/opaque-created', { key: K, path: '/etc/group' }),
    ev('/sim/fs/created', { key: K, op: 'mkdir', path: '/etc/group', layer: 'upper' }),
  ];

  it('groups copy-up, whiteout and opaque facts with the operation that caused them', () => {
    expect(cowKeys(events)).toEqual([K, 'other']);
    const steps = cowSteps(events, K, 2);
    expect(steps.map((s) => s.caption)).toEqual(['capCopyUp', 'capRemoveWhiteout', 'capCreate', 'capOpaque']);
    expect(steps[0]!.operation).toMatchObject({ layer: 0, copiedUp: { path: '/etc/passwd', bytes: 340 }, bytes: 3, lowerCount: 2 });
    expect(steps[1]!.operation.whiteout).toBe('/etc/group');
    expect(steps[2]!.operation.layer).toBeNull();
  });

  it('draws the lookup top down: upper, then the lowers from the top, down to the one that had it', () => {
    const [first] = cowSteps(events, K, 3);
    expect(lookupPath(first!.operation)).toEqual([
      { layer: 'upper', state: 'miss' },
      { layer: 2, state: 'miss' },
      { layer: 1, state: 'miss' },
      { layer: 0, state: 'found' },
    ]);
  });
});

describe('architecture calls', () => {
  it('groups calls by terminal command and lists registry calls inside the client call they served', () => {
    seq = 100;
    const events = [
      ev('/api/request/handled', { method: 'ping', endpoint: 'GET /_ping', status: 200 }),
      ev('/registry/request/handled', { method: 'GET', host: 'docker.io', path: '/v2/library/alpine/manifests/latest', status: 200 }),
      ev('/api/request/handled', { method: 'imagePull', endpoint: 'POST /images/create', status: 200 }),
      ev('/api/request/failed', { method: 'imageInspect', endpoint: 'GET /images/{name}/json', code: 'NotFound' }),
      ev('/api/request/handled', { method: 'exportState', endpoint: 'GET /layerlab/state', status: 200 }),
    ];
    const groups = archCommands(events, [
      { line: 'docker version', fromSeq: 100 },
      { line: 'docker pull alpine', fromSeq: 101 },
    ]);
    expect(groups.map((g) => g.line)).toEqual(['docker version', 'docker pull alpine']);
    expect(groups[1]!.calls.map((c) => `${c.from}>${c.to} ${c.method} ${c.path} ${c.status}${c.nested ? ' nested' : ''}`)).toEqual([
      'client>daemon POST /images/create 200',
      'daemon>registry GET docker.io/v2/library/alpine/manifests/latest 200 nested',
      'client>daemon GET /images/{name}/json NotFound',
    ]);
    expect(groups[1]!.calls[2]!.ok).toBe(false);
  });
});

describe('CMD/ENTRYPOINT runs', () => {
  it('reads the table and PID 1 from the /container/created event the runtime publishes', () => {
    const r = resolveCommand({ Entrypoint: null, Cmd: ['sh'] }, { entrypoint: 'echo', args: ['hello'] });
    const runs = cmdRuns([ev('/container/created', { id: 'x', name: 'ep', image: 'busybox', argv: r.argv, steps: r.steps, pid1: { path: 'echo', args: ['hello'], shell: null }, signalsReachApp: true })]);
    expect(runs[0]).toMatchObject({ imageEntrypoint: null, imageCmd: ['sh'], entrypointFlag: ['echo'], args: ['hello'], finalEntrypoint: ['echo'], finalCmd: ['hello'], signalsReachApp: true });
    expect(explainText('zh-CN', r.steps[0]!)).toBe('镜像设置了 Entrypoint 无 和 Cmd ["sh"]。');
    for (const s of r.steps) expect(explainText('zh-CN', s)).not.toBe(s.text);
  });
});

describe('build cache', () => {
  // Recorded from the builder's contract (src/api/build.ts): a rebuild after editing the COPYed file.
  const ref = (index: number, instruction: string, line: number) => ({ stage: 0, stageName: '0', index, total: 4, instruction, line: { start: line, end: line } });
  const step = (topic: string, index: number, instruction: string, line: number, cache: BuildStepEventData['cache']) =>
    ev(topic, { buildId: 'b2', step: ref(index, instruction, line), cache, cacheKey: `k${index}` } satisfies BuildStepEventData);
  const events = [
    ev('/build/started', { buildId: 'b1', tags: ['app'], dryRun: true }),
    ev('/build/step/cached', { buildId: 'b1', step: ref(1, 'FROM busybox', 2), cache: { cached: true, code: 'cached', message: '' }, cacheKey: 'x' }),
    ev('/build/started', { buildId: 'b2', tags: ['app'] }),
    step('/build/step/executed', 1, 'FROM busybox:1.36', 2, { cached: false, code: 'not-cacheable', message: 'FROM is resolved, not cached' }),
    step('/build/step/cached', 2, 'WORKDIR /app', 3, { cached: true, code: 'cached', message: 'same parent and instruction' }),
    step('/build/step/executed', 3, 'COPY . .', 4, { cached: false, code: 'content-changed', message: 'hello.sh changed' }),
    step('/build/step/executed', 4, 'RUN chmod +x hello.sh', 5, { cached: false, code: 'parent-changed', message: 'an earlier step was rebuilt' }),
    ev('/build/completed', { buildId: 'b2', imageId: 'sha256:1', tags: ['app'], steps: 4 }),
  ];

  it('marks the first miss and the cascade after it, and leaves dry runs out', () => {
    const builds = buildViews(events);
    expect(builds.map((b) => b.buildId)).toEqual(['b2']);
    const b = builds[0]!;
    expect(b.status).toBe('completed');
    expect(b.steps.map((s) => [s.outcome, s.firstMiss, s.cascade])).toEqual([
      ['executed', false, false],
      ['cached', false, false],
      ['executed', true, false],
      ['executed', false, true],
    ]);
    expect(cacheText('en', b.steps[2]!.cache)).toBe('hello.sh changed');
    expect(cacheText('zh-CN', b.steps[2]!.cache)).toMatch(/COPY\/ADD/);
  });
});

describe('file rows and text', () => {
  it('flattens a layer, optionally without parent directories, and windows it', () => {
    const entries = [
      { path: '/etc', change: 'unchanged' as const, type: 'dir', size: 0 },
      { path: '/etc/passwd', change: 'changed' as const, type: 'file', size: 340 },
    ];
    expect(treeRows(entries, false).map((r) => [r.name, r.depth])).toEqual([['etc', 0], ['passwd', 1]]);
    expect(treeRows(entries, true).map((r) => r.name)).toEqual(['/etc/passwd']);
    expect(visibleRange(1000, 2200, 440, 22, 8)).toEqual({ start: 92, end: 128 });
  });

  it('fills both languages and formats bytes as docker does', () => {
    for (const k of VIZ_KEYS) expect(vt('zh-CN', k)).not.toBe('');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(4_270_000)).toBe('4.27 MB');
  });
});

describe('stepper', () => {
  it('follows new steps from the last one, stays put elsewhere, and steps with the keyboard', () => {
    const s = new VizStepper();
    s.setCount(3);
    expect(s.index).toBe(2);
    s.back();
    s.setCount(5);
    expect(s.index).toBe(1);
    s.key(new KeyboardEventLike('End') as unknown as KeyboardEvent);
    expect(s.index).toBe(4);
    s.setCount(6);
    expect(s.index).toBe(5);
    s.key(new KeyboardEventLike('Home') as unknown as KeyboardEvent);
    expect(s.index).toBe(0);
  });
});

class KeyboardEventLike {
  altKey = false;
  ctrlKey = false;
  metaKey = false;
  constructor(readonly key: string) {}
  preventDefault(): void {}
}
