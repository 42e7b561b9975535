/**
 * The lesson runner: which course and lesson are open, the current step, its
 * check results, hints and solution, and the learner's progress (kept in
 * localStorage). Checks run on demand and after every command (the engine's
 * events say something changed). Components render this and call its verbs;
 * the rules (checks, text) live in src/app/lessons.
 */
import type { EngineClient } from '../../client/engine-client.ts';
import { evaluateChecks, type CheckEnv, type CheckResult } from '../lessons/checks.ts';
import { BUILTIN_LESSON_IDS, loadBuiltinLesson } from '../lessons/catalogue.ts';
import { workspaceBefore, type Lesson, type LessonStep } from '../lessons/lesson-model.ts';
import { parseProgress, progressReport, stepProgress, updateStep, type Progress, type StepProgress } from '../lessons/progress.ts';
import type { Workspace } from './workspace.svelte.ts';

const PROGRESS_KEY = 'layerlab:lesson-progress';
const POSITION_KEY = 'layerlab:lesson-position';

/** What the runner needs from the rest of the app. */
export interface LessonHost {
  readonly client: EngineClient;
  workspace(): Workspace | undefined;
  /** Types a line into the terminal and presses Enter, as the learner would. */
  type(line: string): void;
}

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode or full storage: progress lasts for this visit.
  }
}

export class LessonRunner {
  /** The course: the built-in lessons, or a class pack's. */
  lessons = $state<Lesson[]>([]);
  courseTitle = $state<string | null>(null);
  loading = $state(true);
  /** A class pack that could not be opened (its message). */
  packError = $state<string | null>(null);
  /** The open lesson, or null in the sandbox. */
  lesson = $state<Lesson | null>(null);
  stepIndex = $state(0);
  results = $state<CheckResult[] | null>(null);
  checking = $state(false);
  solutionOpen = $state(false);
  progress = $state<Progress>(parseProgress(readStorage(PROGRESS_KEY)));

  readonly step: LessonStep | null = $derived(this.lesson?.steps[this.stepIndex] ?? null);
  readonly passed: boolean = $derived(this.results !== null && this.results.length > 0 && this.results.every((r) => r.pass));
  readonly current: StepProgress | null = $derived(this.lesson && this.step ? stepProgress(this.progress, this.lesson.id, this.step.id) : null);

  private lastSeq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private again = false;

  constructor(private readonly host: LessonHost) {}

  /** Loads the course: the class pack named by `?pack=URL`, else the built-in lessons; reopens the last lesson. */
  async load(search = location.search): Promise<void> {
    this.loading = true;
    const packUrl = new URLSearchParams(search).get('pack');
    if (packUrl) {
      try {
        const res = await fetch(packUrl);
        if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
        await this.openPack(await res.text());
      } catch (err) {
        this.packError = (err as Error).message;
        await this.loadBuiltin();
      }
    } else {
      await this.loadBuiltin();
    }
    this.loading = false;
    const saved = readStorage(POSITION_KEY)?.split('#');
    const lesson = saved && this.lessons.find((l) => l.id === saved[0]);
    if (lesson) this.show(lesson, Math.min(Number(saved[1]) || 0, lesson.steps.length - 1));
  }

  private async loadBuiltin(): Promise<void> {
    this.lessons = await Promise.all(BUILTIN_LESSON_IDS.map(loadBuiltinLesson));
    this.courseTitle = null;
  }

  /** Opens a class pack's JSON text as the course. Throws ClassPackError with a message for the learner. */
  async openPack(json: string): Promise<void> {
    const { parseClassPack } = await import('../lessons/class-pack.ts');
    const pack = parseClassPack(json, BUILTIN_LESSON_IDS);
    this.lessons = await Promise.all(pack.entries.map((e) => ('builtin' in e ? loadBuiltinLesson(e.builtin) : Promise.resolve(e.lesson))));
    this.courseTitle = pack.title;
    this.packError = null;
    this.lesson = null;
  }

  /** Back to the built-in course. */
  async closePack(): Promise<void> {
    await this.loadBuiltin();
    this.lesson = null;
  }

  /**
   * Starts a lesson from the beginning: its setup commands run quietly (pulls,
   * removing leftovers of an earlier try) and the workspace becomes its start/
   * files (if it has any). The caller asks the learner first when files are replaced.
   */
  async start(lesson: Lesson): Promise<void> {
    for (const line of lesson.setup) await this.runQuietly(line);
    // A lesson without start files works on whatever the learner has: nothing to replace.
    if (Object.keys(lesson.start).length > 0) await this.host.workspace()?.replaceAll(lesson.start);
    this.show(lesson, 0);
  }

  /** Reopens a lesson where the learner left it (its first step not passed yet); nothing is reset. */
  resume(lesson: Lesson): void {
    const next = lesson.steps.findIndex((s) => stepProgress(this.progress, lesson.id, s.id).completedAt === undefined);
    this.show(lesson, next < 0 ? 0 : next);
  }

  /** Leaves the lesson for the free sandbox; nothing is reset. */
  leave(): void {
    this.lesson = null;
    this.results = null;
    writeStorage(POSITION_KEY, '');
  }

  goto(index: number): void {
    if (this.lesson && index >= 0 && index < this.lesson.steps.length) this.show(this.lesson, index);
  }

  private show(lesson: Lesson, index: number): void {
    this.lesson = lesson;
    this.stepIndex = index;
    this.results = null;
    this.solutionOpen = false;
    writeStorage(POSITION_KEY, `${lesson.id}#${index}`);
    const focus = lesson.steps[index]?.focus;
    const ws = this.host.workspace();
    if (focus && ws?.has(focus)) ws.active = focus;
    void this.check();
  }

  /** The environment checks see: the engine, a quiet docker runner and the workspace. */
  private env(): CheckEnv {
    return {
      api: this.host.client,
      run: async (line) => {
        let output = '';
        const exitCode = await this.host.client.runCommandLine(line, { columns: 120 }, (chunks) => {
          for (const c of chunks) output += c.data;
        });
        return { output, exitCode };
      },
      readFile: async (path) => {
        const ws = this.host.workspace();
        return ws?.has(path) ? ws.readText(path) : null;
      },
    };
  }

  /** Runs the current step's checks now (a second request while one runs is folded into one more run). */
  async check(): Promise<void> {
    const lesson = this.lesson;
    const step = this.step;
    if (!lesson || !step) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      const results = await evaluateChecks(step.checks, this.env());
      if (this.step !== step) return;
      this.results = results;
      if (results.every((r) => r.pass) && stepProgress(this.progress, lesson.id, step.id).completedAt === undefined) {
        this.record(lesson.id, step.id, (s) => ({ ...s, completedAt: Date.now() }));
      }
    } finally {
      // Checks make throwaway containers; their events must not trigger another round.
      this.lastSeq = await this.host.client.events({ since: this.lastSeq }).then((e) => e.at(-1)?.seq ?? this.lastSeq, () => this.lastSeq);
      this.checking = false;
      if (this.again) {
        this.again = false;
        void this.check();
      }
    }
  }

  /** Engine events arrived (the learner ran something): check again shortly. */
  noticeEvents(latestSeq: number): void {
    if (!this.lesson || this.checking || latestSeq <= this.lastSeq) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), 350);
  }

  /** Shows one more hint. */
  hint(): void {
    const { lesson, step } = this;
    if (!lesson || !step) return;
    this.record(lesson.id, step.id, (s) => ({ ...s, hintsShown: Math.min(s.hintsShown + 1, step.text.en?.hints.length ?? 0) }));
  }

  showSolution(): void {
    const { lesson, step } = this;
    if (!lesson || !step) return;
    this.solutionOpen = true;
    this.record(lesson.id, step.id, (s) => ({ ...s, solutionShown: true }));
  }

  /** Writes the step's solution files into the workspace and types its commands into the terminal. */
  async applySolution(): Promise<void> {
    const step = this.step;
    const ws = this.host.workspace();
    if (!step) return;
    if (ws && Object.keys(step.solution.files).length > 0) {
      const { files } = await ws.snapshot();
      await ws.replaceAll({ ...files, ...step.solution.files });
      if (step.focus && ws.has(step.focus)) ws.active = step.focus;
    }
    for (const line of step.solution.run) this.host.type(line);
  }

  /** Puts the workspace back as the step found it (start files plus earlier steps' solutions). */
  async resetStep(): Promise<void> {
    if (!this.lesson) return;
    await this.host.workspace()?.replaceAll(workspaceBefore(this.lesson, this.stepIndex));
    await this.check();
  }

  /** Steps passed in a lesson. */
  passedCount(lesson: Lesson): number {
    return lesson.steps.filter((s) => stepProgress(this.progress, lesson.id, s.id).completedAt !== undefined).length;
  }

  /** The progress file for the teacher, as JSON text. */
  exportProgress(learner: string): string {
    const lessons = this.lessons.map((l) => ({ id: l.id, steps: l.steps.map((s) => s.id) }));
    return JSON.stringify(progressReport(this.progress, lessons, learner, this.courseTitle ?? 'Layerlab', new Date()), null, 2);
  }

  private record(lesson: string, step: string, change: (s: StepProgress) => StepProgress): void {
    this.progress = updateStep(this.progress, lesson, step, change);
    writeStorage(PROGRESS_KEY, JSON.stringify(this.progress));
  }

  private async runQuietly(line: string): Promise<void> {
    try {
      await this.host.client.runCommandLine(line, { columns: 120 }, () => undefined);
    } catch {
      // Setup removes leftovers that may not exist; a failure there is expected.
    }
  }
}
