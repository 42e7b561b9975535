/**
 * Lessons as data. A lesson folder holds `lesson.en.md` (the canonical file:
 * lesson metadata, and per step its id, title, focus file, hints, checks and
 * solution commands) and one file per other locale (`lesson.zh-CN.md`: the
 * same step ids with their titles, hints and text). Checks and solutions are
 * language-neutral, so they live once, in the English file; the schema
 * (lessons/schema.json) forbids them in translations, so they cannot drift.
 */
import type { Locale } from '../state/preferences.svelte.ts';

/** Which layer change a path must show in a container's layer (`docker diff`'s A, C, D). */
export type PathChange = 'added' | 'changed' | 'deleted';

/**
 * One declarative check, evaluated through EngineApi (checks.ts). Names of
 * images and containers are as a learner types them (`hello:v1`, `web`).
 */
export type Check =
  /** The image exists (or, with `exists: false`, does not). */
  | { readonly kind: 'image'; readonly image: string; readonly exists?: boolean }
  /** The image has exactly `count` layers, or at least / at most so many. */
  | { readonly kind: 'image-layers'; readonly image: string; readonly count?: number; readonly atLeast?: number; readonly atMost?: number }
  /** The two images share at least `atLeast` bottom layers (same diffIds). */
  | { readonly kind: 'shared-layers'; readonly image: string; readonly with: string; readonly atLeast: number }
  /** A field of `docker image inspect` (dotted path: `Config.Cmd`, `Author`) equals a value or contains a string. */
  | { readonly kind: 'image-config'; readonly image: string; readonly field: string; readonly equals?: unknown; readonly contains?: string }
  /** The image's Size is smaller than another image's, or at most `atMost` bytes. */
  | { readonly kind: 'image-size'; readonly image: string; readonly smallerThan?: string; readonly atMost?: number }
  /** A file in the image exists, has exactly `content`, contains a string or lacks one (or, with `exists: false`, is absent). */
  | {
      readonly kind: 'image-file';
      readonly image: string;
      readonly path: string;
      readonly content?: string;
      readonly contains?: string;
      readonly notContains?: string;
      readonly exists?: boolean;
    }
  /** In the latest build, the step (by 1-based `index` or instruction prefix) was taken from the cache or rebuilt. */
  | { readonly kind: 'build-step'; readonly index?: number; readonly instruction?: string; readonly cached: boolean }
  /** The latest build failed (or, with `failed: false`, succeeded). */
  | { readonly kind: 'build-result'; readonly failed: boolean }
  /** The container exists, runs from an image, has a status, exited with a code. */
  | {
      readonly kind: 'container';
      readonly container: string;
      readonly exists?: boolean;
      readonly image?: string;
      readonly status?: 'created' | 'running' | 'paused' | 'exited';
      readonly exitCode?: number;
    }
  /** The container's layer holds a change for the path: added, changed (copied up) or deleted (a whiteout). */
  | { readonly kind: 'container-path'; readonly container: string; readonly path: string; readonly change: PathChange }
  /** `docker diff` prints exactly these lines (`A /tmp/a`, `C /etc`, `D /bin/ls`), in any order. */
  | { readonly kind: 'container-diff'; readonly container: string; readonly equals: readonly string[] }
  /** The final argv (Path + Args): of a container, or of `docker run [--entrypoint E] image args…` without running it. */
  | {
      readonly kind: 'argv';
      readonly container?: string;
      readonly image?: string;
      readonly entrypoint?: string;
      readonly args?: readonly string[];
      readonly equals: readonly string[];
    }
  /** The registry holds the tag: `localhost:5000/app:v1` was pushed. */
  | { readonly kind: 'registry-tag'; readonly ref: string }
  /** A docker command's output contains a string (or equals another command's output), and it exits with a code. */
  | {
      readonly kind: 'command-output';
      readonly run: string;
      readonly contains?: string;
      readonly notContains?: string;
      readonly equalsOutputOf?: string;
      readonly exitCode?: number;
    }
  /** A file of the workspace (the build context) exists, or contains a string. */
  | { readonly kind: 'workspace-file'; readonly path: string; readonly contains?: string; readonly exists?: boolean };

export type CheckKind = Check['kind'];

/** What a step's "show me" does: workspace files (`solution/<step id>/…`, overlaid) and commands typed in order. */
export interface StepSolution {
  readonly run: readonly string[];
  /** Workspace path → text, from the lesson's `solution/<step id>/` folder. */
  readonly files: Readonly<Record<string, string>>;
}

/** A step's words in one language. */
export interface StepText {
  readonly title: string;
  readonly hints: readonly string[];
  /** Markdown (rendered by markdown.ts, raw HTML off). */
  readonly body: string;
}

export interface LessonStep {
  readonly id: string;
  /** Workspace file the editor opens for this step. */
  readonly focus?: string;
  readonly checks: readonly Check[];
  readonly solution: StepSolution;
  readonly text: Readonly<Partial<Record<Locale, StepText>>>;
}

export interface LessonText {
  readonly title: string;
  readonly summary: string;
  /** Markdown shown before the first step. */
  readonly body: string;
}

export interface Lesson {
  /** The folder name: `04-copy-on-write`. */
  readonly id: string;
  /** Docker command lines run (quietly) when the lesson starts or is reset: pulls, removing leftovers. */
  readonly setup: readonly string[];
  /** The workspace when the lesson starts (`start/`). */
  readonly start: Readonly<Record<string, string>>;
  readonly steps: readonly LessonStep[];
  readonly text: Readonly<Partial<Record<Locale, LessonText>>>;
}

export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** The lesson's text in `locale`, falling back to English. */
export function lessonText(lesson: Lesson, locale: Locale): LessonText {
  return lesson.text[locale] ?? lesson.text.en!;
}

/** The step's text in `locale`, falling back to English. */
export function stepText(step: LessonStep, locale: Locale): StepText {
  return step.text[locale] ?? step.text.en!;
}

/**
 * The workspace a step starts from: the lesson's start files with the
 * solution files of every earlier step laid over them (what "reset step" restores).
 */
export function workspaceBefore(lesson: Lesson, stepIndex: number): Record<string, string> {
  const files: Record<string, string> = { ...lesson.start };
  for (const step of lesson.steps.slice(0, stepIndex)) Object.assign(files, step.solution.files);
  return files;
}
