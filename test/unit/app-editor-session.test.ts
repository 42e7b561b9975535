import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LightningFS from '@isomorphic-git/lightning-fs';
import type { Diagnostic } from '../../src/api/index.ts';
import { markersFor } from '../../src/app/editor/markers.ts';
import { EditorSession } from '../../src/app/state/editor-session.svelte.ts';
import { DockerfileLint } from '../../src/app/state/dockerfile-lint.svelte.ts';
import { Workspace } from '../../src/app/state/workspace.svelte.ts';
import { LightningWorkspaceStore } from '../../src/app/workspace/workspace-store.ts';
import { isDockerfile, languageOf } from '../../src/app/workspace/file-kinds.ts';
import { lintDockerfile } from '../../src/engine/index.ts';

(globalThis as { navigator?: object }).navigator ??= {};

const diag = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  rule: 'JSONArgsRecommended',
  severity: 'warning',
  message: 'JSON arguments recommended',
  range: { start: { line: 2, column: 1 }, end: { line: 2, column: 12 } },
  explanation: { en: 'Shell form makes /bin/sh PID 1.', 'zh-CN': 'shell 形式让 /bin/sh 成为 1 号进程。' },
  url: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/',
  ...over,
});

describe('markersFor', () => {
  it('puts the explanation in the learner’s language under the message and links the rule', () => {
    const [en] = markersFor([diag()], 'en');
    expect(en!.message).toBe('JSON arguments recommended\n\nShell form makes /bin/sh PID 1.');
    expect(en!.code).toEqual({ value: 'JSONArgsRecommended', target: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/' });
    expect(en).toMatchObject({ startLineNumber: 2, startColumn: 1, endLineNumber: 2, endColumn: 12, severity: 'warning' });
    expect(markersFor([diag()], 'zh-CN')[0]!.message).toContain('1 号进程');
  });

  it('falls back to English, keeps rules without a link as plain codes, and widens empty ranges', () => {
    const [m] = markersFor([diag({ explanation: { en: 'only English' }, url: undefined, range: { start: { line: 3, column: 5 }, end: { line: 3, column: 5 } } })], 'zh-CN');
    expect(m!.message).toContain('only English');
    expect(m!.code).toBe('JSONArgsRecommended');
    expect(m!.endColumn).toBeGreaterThan(5);
  });

  it('maps every engine diagnostic of a real Dockerfile onto its line', () => {
    const markers = markersFor(lintDockerfile('FROM busybox\nrun echo hi\nCMD echo hi\n'), 'en');
    expect([...new Set(markers.map((m) => m.startLineNumber))].sort()).toEqual([1, 2, 3]);
  });
});

describe('DockerfileLint', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('debounces typing into one request and drops answers older than the newest request', async () => {
    const calls: string[] = [];
    const resolvers: ((d: Diagnostic[]) => void)[] = [];
    const lint = new DockerfileLint((text) => {
      calls.push(text);
      return new Promise((r) => resolvers.push(r));
    }, 300);
    lint.schedule('F');
    lint.schedule('FR');
    lint.schedule('FROM');
    await vi.advanceTimersByTimeAsync(299);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['FROM']);
    void lint.now('FROM x');
    resolvers[1]!([diag({ rule: 'new' })]);
    resolvers[0]!([diag({ rule: 'stale' })]);
    await vi.runAllTimersAsync();
    expect(lint.diagnostics.map((d) => d.rule)).toEqual(['new']);
    lint.clear();
    expect(lint.diagnostics).toEqual([]);
  });
});

describe('EditorSession', () => {
  it('autosaves edits to the workspace and lints only Dockerfiles', async () => {
    const ws = new Workspace(new LightningWorkspaceStore(new LightningFS('editor-session-test')));
    await ws.load();
    const linted: string[] = [];
    const session = new EditorSession(ws, async (t) => (linted.push(t), []), 10_000);
    session.changed('Dockerfile', 'FROM alpine:3.20\n');
    expect(session.saved).toBe(false);
    await session.flush();
    expect(session.saved).toBe(true);
    expect(await ws.readText('Dockerfile')).toBe('FROM alpine:3.20\n');
    session.opened('hello.sh', 'echo hi');
    session.opened('Dockerfile', 'FROM a');
    await Promise.resolve();
    expect(linted).toEqual(['FROM a']);
  });

  it('knows Dockerfiles by name', () => {
    for (const p of ['Dockerfile', 'app/Dockerfile', 'Dockerfile.dev', 'web.dockerfile']) expect(isDockerfile(p)).toBe(true);
    for (const p of ['hello.sh', 'Dockerfiles/readme', 'notes.md']) expect(isDockerfile(p)).toBe(false);
    expect(languageOf('run.sh')).toBe('shell');
  });
});
