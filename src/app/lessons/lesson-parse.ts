/**
 * Lesson files → Lesson values. A lesson file is a run of blocks, each a YAML
 * frontmatter between `---` lines followed by Markdown: the first block is
 * the lesson (title, summary, setup), every later one a step. Pure: the
 * browser feeds it Vite's raw imports or a class pack, the tests feed it the
 * folder read from disk.
 */
import { parse as parseYaml } from 'yaml';
import type { Locale } from '../state/preferences.svelte.ts';
import { LOCALES, type Check, type Lesson, type LessonStep, type LessonText, type StepText } from './lesson-model.ts';

/** A lesson file that does not follow the format; `file` and `line` say where. */
export class LessonFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'LessonFormatError';
  }
}

/** One frontmatter block and the Markdown after it. */
export interface LessonBlock {
  readonly data: Record<string, unknown>;
  readonly body: string;
  /** 1-based line of the opening `---`. */
  readonly line: number;
}

/** Splits a lesson file into blocks. A Markdown body must not contain a bare `---` line (use `***` for a rule). */
export function splitBlocks(text: string, file: string): LessonBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: LessonBlock[] = [];
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  if (lines[i] !== '---') throw new LessonFormatError(file, i + 1, 'a lesson file starts with a `---` frontmatter line');
  while (i < lines.length) {
    const open = i;
    const close = lines.indexOf('---', open + 1);
    if (close < 0) throw new LessonFormatError(file, open + 1, 'frontmatter is not closed by a `---` line');
    let data: unknown;
    try {
      data = parseYaml(lines.slice(open + 1, close).join('\n'));
    } catch (err) {
      throw new LessonFormatError(file, open + 1, `frontmatter is not valid YAML: ${(err as Error).message}`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new LessonFormatError(file, open + 1, 'frontmatter must be a YAML mapping');
    let next = lines.indexOf('---', close + 1);
    if (next < 0) next = lines.length;
    blocks.push({ data: data as Record<string, unknown>, body: lines.slice(close + 1, next).join('\n').trim(), line: open + 1 });
    i = next;
  }
  return blocks;
}

/** The files of one lesson folder, by path relative to it (`lesson.en.md`, `start/Dockerfile`, `solution/build/Dockerfile`). */
export type LessonFiles = Readonly<Record<string, string>>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function need(cond: unknown, file: string, line: number, message: string): asserts cond {
  if (!cond) throw new LessonFormatError(file, line, message);
}

/** The files under `prefix/`, with the prefix taken off. */
function under(files: LessonFiles, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) if (path.startsWith(prefix)) out[path.slice(prefix.length)] = text;
  return out;
}

/**
 * Builds a Lesson from its folder's files. Throws LessonFormatError for a
 * missing English file, a step without id or title, or a translation whose
 * step ids differ from the English ones. (Field-level validation is the JSON
 * schema's job, in the tests and for teachers' packs.)
 */
export function parseLesson(id: string, files: LessonFiles): Lesson {
  const enName = 'lesson.en.md';
  const en = files[enName];
  need(en !== undefined, `${id}/${enName}`, 1, 'every lesson has an English file');
  const [meta, ...stepBlocks] = splitBlocks(en, `${id}/${enName}`);
  need(meta && typeof meta.data.title === 'string', `${id}/${enName}`, 1, 'the first block needs a title');
  need(stepBlocks.length > 0, `${id}/${enName}`, 1, 'a lesson has at least one step');

  const texts: Partial<Record<Locale, { lesson: LessonText; steps: Map<string, StepText> }>> = {};
  for (const locale of LOCALES) {
    const name = `lesson.${locale}.md`;
    const text = files[name];
    if (text === undefined) continue;
    const [m, ...s] = locale === 'en' ? [meta, ...stepBlocks] : splitBlocks(text, `${id}/${name}`);
    need(m && typeof m.data.title === 'string', `${id}/${name}`, 1, 'the first block needs a title');
    const steps = new Map<string, StepText>();
    for (const b of s) {
      need(typeof b.data.id === 'string' && typeof b.data.title === 'string', `${id}/${name}`, b.line, 'a step needs an id and a title');
      steps.set(b.data.id, { title: b.data.title, hints: strings(b.data.hints), body: b.body });
    }
    texts[locale] = { lesson: { title: m.data.title, summary: String(m.data.summary ?? ''), body: m.body }, steps };
  }

  const steps: LessonStep[] = stepBlocks.map((b) => {
    const d = b.data;
    need(typeof d.id === 'string' && /^[a-z0-9-]+$/.test(d.id), `${id}/${enName}`, b.line, 'a step needs an id of lowercase letters, digits and dashes');
    const stepId = d.id;
    const solution = (d.solution ?? {}) as { run?: unknown };
    const text: Partial<Record<Locale, StepText>> = {};
    for (const locale of LOCALES) {
      const t = texts[locale]?.steps.get(stepId);
      if (t) text[locale] = t;
    }
    return {
      id: stepId,
      ...(typeof d.focus === 'string' ? { focus: d.focus } : {}),
      checks: (Array.isArray(d.checks) ? d.checks : []) as Check[],
      solution: { run: strings(solution.run), files: under(files, `solution/${stepId}/`) },
      text,
    };
  });

  for (const locale of LOCALES) {
    const t = texts[locale];
    if (!t) continue;
    const extra = [...t.steps.keys()].filter((k) => !steps.some((s) => s.id === k));
    need(extra.length === 0, `${id}/lesson.${locale}.md`, 1, `steps not in the English file: ${extra.join(', ')}`);
  }

  const lessonTexts: Partial<Record<Locale, LessonText>> = {};
  for (const locale of LOCALES) if (texts[locale]) lessonTexts[locale] = texts[locale]!.lesson;
  return { id, setup: strings(meta.data.setup), start: under(files, 'start/'), steps, text: lessonTexts };
}
