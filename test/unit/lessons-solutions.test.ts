/**
 * Every lesson, played through: from its start state (a fresh engine, the
 * setup commands, the start/ files) each step's checks must not all pass
 * yet; after the step's solution (its solution/<step>/ files written, its
 * commands run through the real docker CLI) every check passes.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { evaluateChecks } from '../../src/app/lessons/checks.ts';
import { describeResult } from '../../src/app/lessons/check-text.ts';
import { LessonSession, lessonIds, loadLesson } from '../helpers/lessons.ts';

/** Whether the engine can run a docker line yet (features other issues are landing). */
async function works(...lines: string[]): Promise<boolean> {
  const session = new LessonSession(createEngine(testDeps()));
  const all = (async () => {
    for (const line of lines) if ((await session.run(line)).exitCode !== 0) return false;
    return true;
  })();
  return Promise.race([all, new Promise<boolean>((r) => setTimeout(() => r(false), 20_000))]);
}

/**
 * Steps that need a feature still being built elsewhere: the lesson is played
 * up to that step and stops there (with a note) until the feature works.
 */
const PENDING_STEPS: Readonly<Record<string, () => Promise<boolean>>> = {
  '12-registries/push-private': () =>
    works('docker run -d -p 5000:5000 --name registry registry:2', 'docker pull alpine', 'docker tag alpine localhost:5000/probe:1', 'docker push localhost:5000/probe:1'),
};

describe('lesson solutions', () => {
  for (const id of lessonIds()) {
    it(`${id}: each step fails from its start state and passes after its solution`, async () => {
      const lesson = loadLesson(id);
      const session = new LessonSession(createEngine(testDeps()));
      for (const line of lesson.setup) await session.run(line);
      session.writeFiles(lesson.start);
      for (const step of lesson.steps) {
        const pending = PENDING_STEPS[`${id}/${step.id}`];
        if (pending && !(await pending())) {
          console.warn(`lessons: ${id}/${step.id} not played: the feature it needs has not landed yet`);
          break;
        }
        const before = await evaluateChecks(step.checks, session.env());
        expect(before.some((r) => !r.pass), `${id}/${step.id}: some check should fail before the solution`).toBe(true);
        session.writeFiles(step.solution.files);
        for (const line of step.solution.run) await session.run(line);
        const after = await evaluateChecks(step.checks, session.env());
        const failed = after.filter((r) => !r.pass).map((r) => describeResult(r, 'en'));
        expect(failed, `${id}/${step.id} after its solution:\n${session.log.slice(-8).join('\n')}`).toEqual([]);
      }
    }, 180_000);
  }
});
