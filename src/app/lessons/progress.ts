/**
 * A learner's progress: which steps passed, how many hints they opened and
 * whether they looked at a solution. Kept in the browser's localStorage
 * (lesson-runner.svelte.ts), and exported as a file a teacher can collect.
 *
 * The export carries a sha256 over its canonical JSON. It tells a teacher
 * that a file was not edited by accident or by hand without care; it is not
 * a signature (anyone can recompute it), and the report says so.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../../lib/canonical-json.ts';

export interface StepProgress {
  /** Engine-independent wall time (ms) when its checks first all passed. */
  readonly completedAt?: number;
  readonly hintsShown: number;
  readonly solutionShown: boolean;
}

/** lesson id → step id → progress. */
export type Progress = Readonly<Record<string, Readonly<Record<string, StepProgress>>>>;

const EMPTY_STEP: StepProgress = { hintsShown: 0, solutionShown: false };

export function stepProgress(p: Progress, lesson: string, step: string): StepProgress {
  return p[lesson]?.[step] ?? EMPTY_STEP;
}

/** A new Progress with one step's record changed. */
export function updateStep(p: Progress, lesson: string, step: string, change: (s: StepProgress) => StepProgress): Progress {
  return { ...p, [lesson]: { ...(p[lesson] ?? {}), [step]: change(stepProgress(p, lesson, step)) } };
}

/** Reads stored progress; anything malformed counts as none. */
export function parseProgress(json: string | null): Progress {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, Record<string, StepProgress>> = {};
    for (const [lesson, steps] of Object.entries(v as Record<string, unknown>)) {
      if (!steps || typeof steps !== 'object') continue;
      out[lesson] = {};
      for (const [step, s] of Object.entries(steps as Record<string, Partial<StepProgress>>)) {
        out[lesson][step] = {
          ...(typeof s.completedAt === 'number' ? { completedAt: s.completedAt } : {}),
          hintsShown: typeof s.hintsShown === 'number' ? s.hintsShown : 0,
          solutionShown: s.solutionShown === true,
        };
      }
    }
    return out;
  } catch {
    return {};
  }
}

export const PROGRESS_FORMAT = 'layerlab-progress/1';

/** The file a learner hands in. */
export interface ProgressReport {
  readonly format: typeof PROGRESS_FORMAT;
  readonly learner: string;
  /** The class pack's title, or `Layerlab` for the built-in course. */
  readonly course: string;
  /** ISO time of the export. */
  readonly exportedAt: string;
  /** Per lesson, in course order: steps total, steps passed, hints opened, solutions shown. */
  readonly lessons: readonly { readonly id: string; readonly steps: number; readonly passed: number; readonly hints: number; readonly solutions: number }[];
  readonly progress: Progress;
  /** `sha256:` of the canonical JSON of every other field. */
  readonly checksum: string;
}

function checksumOf(body: Omit<ProgressReport, 'checksum'>): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(canonicalJson(body))))}`;
}

/** Builds the report for `lessons` (id and step ids, in course order). */
export function progressReport(
  progress: Progress,
  lessons: readonly { readonly id: string; readonly steps: readonly string[] }[],
  learner: string,
  course: string,
  now: Date,
): ProgressReport {
  const body = {
    format: PROGRESS_FORMAT,
    learner: learner.trim() || 'anonymous',
    course,
    exportedAt: now.toISOString(),
    lessons: lessons.map((l) => {
      const steps = l.steps.map((s) => stepProgress(progress, l.id, s));
      return {
        id: l.id,
        steps: l.steps.length,
        passed: steps.filter((s) => s.completedAt !== undefined).length,
        hints: steps.reduce((n, s) => n + s.hintsShown, 0),
        solutions: steps.filter((s) => s.solutionShown).length,
      };
    }),
    progress,
  } as const;
  return { ...body, checksum: checksumOf(body) };
}

/** Reads a handed-in report: null when it is not one; `intact` false when its checksum does not match. */
export function readProgressReport(json: string): { report: ProgressReport; intact: boolean } | null {
  try {
    const v = JSON.parse(json) as ProgressReport;
    if (!v || v.format !== PROGRESS_FORMAT || !Array.isArray(v.lessons)) return null;
    const { checksum, ...body } = v;
    return { report: v, intact: checksum === checksumOf(body) };
  } catch {
    return null;
  }
}
