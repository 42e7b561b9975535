/**
 * Class packs: a teacher's course as one static JSON file, opened from a URL
 * (`?pack=https://…/pack.json`) or from a file. A pack lists built-in lessons
 * by id and may carry its own lessons in the same format as lessons/ (the
 * files of a lesson folder, by path), so a teacher needs no server and no build.
 *
 * ```json
 * { "format": "layerlab-class-pack/1", "title": "Containers, week 3",
 *   "lessons": ["04-copy-on-write", { "id": "90-our-app", "files": { "lesson.en.md": "…", "start/Dockerfile": "…" } }] }
 * ```
 */
import { parseLesson } from './lesson-parse.ts';
import type { Lesson } from './lesson-model.ts';

export const CLASS_PACK_FORMAT = 'layerlab-class-pack/1';

export interface ClassPack {
  readonly title: string;
  /** Built-in lessons by id, and the pack's own, in the teacher's order. */
  readonly entries: readonly ({ readonly builtin: string } | { readonly lesson: Lesson })[];
}

/** Why a pack was refused (shown to the learner as it is). */
export class ClassPackError extends Error {
  override name = 'ClassPackError';
}

const LIMIT = 2_000_000;

/** Parses and checks a pack; custom lessons go through the same parser as built-in ones. */
export function parseClassPack(json: string, builtinIds: readonly string[]): ClassPack {
  if (json.length > LIMIT) throw new ClassPackError('the class pack is larger than 2 MB');
  let v: { format?: unknown; title?: unknown; lessons?: unknown };
  try {
    v = JSON.parse(json) as typeof v;
  } catch (err) {
    throw new ClassPackError(`the class pack is not JSON: ${(err as Error).message}`);
  }
  if (!v || v.format !== CLASS_PACK_FORMAT) throw new ClassPackError(`a class pack has "format": "${CLASS_PACK_FORMAT}"`);
  if (!Array.isArray(v.lessons) || v.lessons.length === 0) throw new ClassPackError('a class pack lists at least one lesson');
  const entries = v.lessons.map((entry: unknown, i: number) => {
    if (typeof entry === 'string') {
      if (!builtinIds.includes(entry)) throw new ClassPackError(`lesson ${i + 1}: no built-in lesson "${entry}"`);
      return { builtin: entry };
    }
    const e = entry as { id?: unknown; files?: unknown };
    if (!e || typeof e.id !== 'string' || !/^[a-z0-9-]+$/.test(e.id)) throw new ClassPackError(`lesson ${i + 1}: an id of lowercase letters, digits and dashes`);
    if (!e.files || typeof e.files !== 'object') throw new ClassPackError(`lesson ${e.id}: "files" maps paths to text`);
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(e.files as Record<string, unknown>)) {
      if (typeof text !== 'string') throw new ClassPackError(`lesson ${e.id}: ${path} is not text`);
      files[path] = text;
    }
    try {
      return { lesson: parseLesson(e.id, files) };
    } catch (err) {
      throw new ClassPackError((err as Error).message);
    }
  });
  return { title: typeof v.title === 'string' && v.title.trim() ? v.title.trim() : 'Class pack', entries };
}
