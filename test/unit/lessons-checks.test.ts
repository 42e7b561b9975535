/**
 * The check evaluator's edges: what it reports when there is nothing to find,
 * how references compare, and that a what-if build preview never counts as
 * the learner's latest build.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { evaluateCheck, normalizeRef } from '../../src/app/lessons/checks.ts';
import { describeResult } from '../../src/app/lessons/check-text.ts';
import { LessonSession } from '../helpers/lessons.ts';

describe('lesson checks', () => {
  it('compare references by meaning', () => {
    expect(normalizeRef('busybox')).toBe('docker.io/library/busybox:latest');
    expect(normalizeRef('learner/tools:1.0')).toBe('docker.io/learner/tools:1.0');
    expect(normalizeRef('localhost:5000/tools')).toBe('localhost:5000/tools:latest');
    expect(normalizeRef('docker.io/library/alpine:3.22')).toBe('docker.io/library/alpine:3.22');
    expect(normalizeRef('ghcr.io/a/b@sha256:00')).toBe('ghcr.io/a/b@sha256:00');
  });

  it('say what is missing, in words, rather than failing the runner', async () => {
    const api = createEngine(testDeps());
    const env = { api };
    const cases = [
      [{ kind: 'image', image: 'nope:1' }, 'there is no image `nope:1`'],
      [{ kind: 'container', container: 'ghost', exitCode: 0 }, 'there is no container `ghost`'],
      [{ kind: 'build-step', instruction: 'RUN x', cached: true }, 'no `docker build` has run yet'],
      [{ kind: 'registry-tag', ref: 'localhost:5000/x:1' }, '`localhost:5000/x:1` has not been pushed'],
      [{ kind: 'command-output', run: 'docker ps', contains: 'x' }, 'this check cannot run here'],
      [{ kind: 'workspace-file', path: 'Dockerfile' }, 'this check cannot run here'],
    ] as const;
    for (const [check, actual] of cases) {
      const r = await evaluateCheck(check, env);
      expect(r.pass).toBe(false);
      expect(describeResult(r, 'en').actual).toBe(actual);
    }
    expect((await evaluateCheck({ kind: 'container', container: 'ghost', exists: false }, env)).pass).toBe(true);
  });

  it('judge the build the learner ran, not a what-if preview of the next one', async () => {
    const session = new LessonSession(createEngine(testDeps()));
    session.writeFiles({ Dockerfile: 'FROM busybox\nRUN echo one > /one\n' });
    expect((await session.run('docker build -t p:1 .')).exitCode).toBe(0);
    expect((await session.run('docker build -t p:1 .')).exitCode).toBe(0);
    const cached = { kind: 'build-step', instruction: 'RUN echo one', cached: true } as const;
    expect((await evaluateCheck(cached, session.env())).pass).toBe(true);
    // The build-cache view previews an edited Dockerfile (another base): its RUN would be rebuilt, but nothing was built.
    await session.run('docker pull alpine');
    const preview = await session.api.imageBuildPreview({ dockerfileText: 'FROM alpine\nRUN echo one > /one\n', context: [] });
    expect(preview.at(-1)!.cache.cached).toBe(false);
    expect((await evaluateCheck(cached, session.env())).pass).toBe(true);
  });
});
