/**
 * The built-in lessons (the lessons/ folder), bundled by Vite as raw text and
 * loaded when the lesson pane first needs them, so they cost nothing at start.
 * `exhaustive` keeps dotfiles (`start/.dockerignore`), which globs skip by default.
 * The parser (and its YAML library) loads with the first lesson, not with the page.
 */
import type { Lesson } from './lesson-model.ts';

const loaders: Record<string, () => Promise<string>> = {
  ...import.meta.glob<string>(['/lessons/*/*.md', '/lessons/*/{start,solution}/**/*'], { query: '?raw', import: 'default', exhaustive: true }),
};

/** Lesson ids, in course order. */
export const BUILTIN_LESSON_IDS: readonly string[] = [...new Set(Object.keys(loaders).map((p) => p.split('/')[2]!))].sort();

const cache = new Map<string, Promise<Lesson>>();

/** One built-in lesson, parsed (cached). */
export function loadBuiltinLesson(id: string): Promise<Lesson> {
  let p = cache.get(id);
  if (!p) {
    const prefix = `/lessons/${id}/`;
    p = (async () => {
      const files: Record<string, string> = {};
      await Promise.all(
        Object.entries(loaders)
          .filter(([path]) => path.startsWith(prefix))
          .map(async ([path, load]) => void (files[path.slice(prefix.length)] = await load())),
      );
      const { parseLesson } = await import('./lesson-parse.ts');
      return parseLesson(id, files);
    })();
    cache.set(id, p);
  }
  return p;
}
