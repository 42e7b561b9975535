/**
 * POSIX path helpers for the Vfs implementations. Pure string work: symlinks
 * and `..` are resolved by `resolve.ts` against real nodes, never lexically,
 * because `a/link/..` is not `a` when `link` points elsewhere.
 */

/** Linux NAME_MAX: the longest single path component. */
export const NAME_MAX = 255;

/** Components of a path, dropping empty ones (`//`) and `.`; `..` is kept for the resolver. */
export function components(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('/')) if (part !== '' && part !== '.') out.push(part);
  return out;
}

/** `/a/b/c` → `/a/b`; the root's parent is the root. */
export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Last component of an absolute, normalised path (`` for `/`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Child path of an absolute, normalised directory path. */
export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

/** Lexical normalisation (for paths that contain no symlinks, e.g. layer entries). */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of components(path)) {
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/**
 * Byte order of the UTF-8 encodings, which is what Linux tools and tar writers
 * sort by. Comparing code points gives the same order without encoding (plain
 * `<` on UTF-16 code units misorders astral characters against U+E000–U+FFFF).
 */
export function compareNames(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x - y;
    return xs ? 1 : -1;
  }
  return a.length - b.length;
}
