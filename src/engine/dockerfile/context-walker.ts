/**
 * The build-context walker: which paths of the context directory reach the
 * builder, following tonistiigi/fsutil's filtered walk (filter.go), which is
 * what BuildKit runs for `.dockerignore` (exclude patterns) and for
 * COPY/ADD include filters.
 *
 * Three behaviours a learner can observe, all reproduced here:
 * - an excluded directory is not even descended into unless an exception
 *   (`!pattern`) could re-include something below it;
 * - a directory that is excluded or not included, but holds a path that is,
 *   is still sent, just before that path (so the tar has its parents);
 * - a matching parent directory decides for everything below it
 *   (`node_modules` excludes `node_modules/a/b`).
 *
 * The walker reads the tree through `ContextTree`, a three-method read-only
 * view, so it works over the engine's Vfs, a host directory or a plain list.
 */
import { EngineError } from '../../api/index.ts';
import { cleanPath, filepathMatch, PatternMatcher, type MatchInfo, type Pattern } from './dockerignore.ts';

export type ContextEntryType = 'file' | 'dir' | 'symlink';

/** One directory entry, as `readdir` with file types returns it. */
export interface ContextDirent {
  readonly name: string;
  readonly type: ContextEntryType;
}

/**
 * A read-only view of a build context. Paths are relative to the context root,
 * slash-separated, without `./`; the root itself is `''`.
 *
 * `readdir` lists a directory in any order and returns `null` when the path is
 * missing or not a directory. `readlink` is needed only for `followPaths`.
 */
export interface ContextTree {
  readdir(path: string): readonly ContextDirent[] | null;
  readlink?(path: string): string | null;
}

/** fsutil FilterOpt without the Map hook. */
export interface ContextWalkOptions {
  /** Only paths matching one of these (or below a match) are sent. */
  readonly include?: readonly string[];
  /** Paths matching these (the `.dockerignore` patterns) are not sent. */
  readonly exclude?: readonly string[];
  /** Symlinks to resolve into extra include patterns before walking. */
  readonly followPaths?: readonly string[];
  /**
   * `buildkit` (default): fsutil's walk, what Docker 28 sends. `classic`: the
   * docker CLI's tar for `DOCKER_BUILDKIT=0` (go-archive TarWithOptions), which
   * descends into an excluded directory only when an exception's text starts
   * with that directory, and never sends the excluded directory itself.
   */
  readonly mode?: 'buildkit' | 'classic';
}

/** A path the walk emits, in walk order (lexical, parents before children). */
export interface WalkedEntry {
  readonly path: string;
  readonly type: ContextEntryType;
}

/**
 * Why a visited path was or was not sent, for the learner:
 * - `sent`: it passed the filters;
 * - `sent-as-parent`: filtered out itself, but sent because something below it was;
 * - `held`: filtered out, but descended because something below might be sent;
 * - `excluded` / `not-included`: filtered out (a file, or a directory searched in vain);
 * - `pruned`: a filtered-out directory that was not descended at all.
 */
export type WalkOutcome = 'sent' | 'sent-as-parent' | 'held' | 'excluded' | 'not-included' | 'pruned';

export interface WalkStep {
  readonly path: string;
  readonly type: ContextEntryType;
  readonly outcome: WalkOutcome;
}

export interface ContextWalk {
  readonly entries: readonly WalkedEntry[];
  /** Every path the walk visited, in visit order, with its outcome. */
  readonly steps: readonly WalkStep[];
}

/** What the walker remembers of each open ancestor directory (fsutil `visitedDir`). */
interface VisitedDir {
  readonly path: string;
  readonly pathWithSep: string;
  includeInfo: MatchInfo;
  excludeInfo: MatchInfo;
  sent: boolean;
  step: MutableStep;
}

/** A step while the walk is still deciding (a held directory may yet be sent). */
type MutableStep = { -readonly [K in keyof WalkStep]: WalkStep[K] };

/** Characters that make a pattern more than a plain path prefix (fsutil `patternChars`). */
const PATTERN_CHARS = /[*[\]?^\\]/;

/** fsutil patternWithoutTrailingGlob: `a/b/**` and `a/b/*` both name the prefix `a/b`. */
function withoutTrailingGlob(pattern: Pattern): string {
  let text = pattern.text;
  if (text.endsWith('/**')) text = text.slice(0, -3);
  if (text.endsWith('/*')) text = text.slice(0, -2);
  return text;
}

/** Whether some pattern of the given kind names a path inside `dir` (so the walk must go in). */
function someInside(patterns: readonly Pattern[], exclusions: boolean, dir: string): boolean {
  const dirSlash = `${dir}/`;
  return patterns.some((p) => p.exclusion === exclusions && `${withoutTrailingGlob(p)}/`.startsWith(dirSlash));
}

/** Go's `%s` of a string slice, for error context: `[a b]`. */
const goList = (xs: readonly string[]): string => `[${xs.join(' ')}]`;

/** Lexical order of Go's os.ReadDir: byte order of UTF-8 names, i.e. code point order. */
function compareNames(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function makeMatcher(kind: 'include' | 'exclude', patterns: readonly string[], shown: readonly string[]): PatternMatcher {
  try {
    return new PatternMatcher(patterns);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new EngineError('InvalidParameter', `invalid ${kind}patterns: ${goList(shown)}: ${message}`, { patterns: shown });
  }
}

/**
 * Walk the context as fsutil's filtered walk does and return what is sent.
 * Symlinks are sent as symlinks, never followed (only `followPaths` resolves them).
 */
export function walkContext(tree: ContextTree, opts: ContextWalkOptions = {}): ContextWalk {
  let includePatterns: string[] = [...(opts.include ?? [])];
  if (opts.followPaths) {
    const targets = followLinks(tree, opts.followPaths);
    if (targets !== null) includePatterns = dedupePaths([...includePatterns, ...targets]) ?? [];
  }
  const classic = opts.mode === 'classic';
  if (classic && (includePatterns.length > 0 || opts.followPaths)) {
    throw new EngineError('InvalidParameter', 'include patterns and follow paths need BuildKit');
  }
  const include = includePatterns.length > 0 ? makeMatcher('include', includePatterns, opts.include ?? []) : null;
  const exclude = opts.exclude && opts.exclude.length > 0 ? makeMatcher('exclude', opts.exclude, opts.exclude) : null;
  // The "do not descend" shortcut is only safe when the relevant patterns are plain prefixes.
  const onlyPrefixIncludes =
    !include || include.patterns.every((p) => p.exclusion || !PATTERN_CHARS.test(withoutTrailingGlob(p)));
  const onlyPrefixExcludeExceptions =
    !exclude || exclude.patterns.every((p) => !p.exclusion || !PATTERN_CHARS.test(withoutTrailingGlob(p)));

  const entries: WalkedEntry[] = [];
  const steps: MutableStep[] = [];
  const parents: VisitedDir[] = [];
  const empty: MatchInfo = { parentMatched: [] };
  /** Why each held directory was filtered, should nothing below it be sent. */
  const heldAs = new Map<MutableStep, WalkOutcome>();

  /** Visit one path; false means "do not descend" (fsutil returns filepath.SkipDir). */
  const visit = (path: string, type: ContextEntryType): boolean => {
    const isDir = type === 'dir';
    while (parents.length > 0 && !path.startsWith(parents[parents.length - 1].pathWithSep)) parents.pop();
    const parent = parents[parents.length - 1];
    const step: MutableStep = { path, type, outcome: 'sent' };
    steps.push(step);
    let includeInfo = empty;
    let excludeInfo = empty;
    let filteredAs: WalkOutcome | null = null;

    if (include) {
      const r = matchOrThrow('include', () => include.matchesUsingParentResults(path, parent?.includeInfo ?? empty));
      includeInfo = r.info;
      if (!r.matched) {
        if (isDir && onlyPrefixIncludes && !someInside(include.patterns, false, path)) {
          step.outcome = 'pruned';
          return false;
        }
        filteredAs = 'not-included';
      }
    }
    if (exclude) {
      const r = matchOrThrow('exclude', () => exclude.matchesUsingParentResults(path, parent?.excludeInfo ?? empty));
      excludeInfo = r.info;
      if (r.matched) {
        const mayHoldExceptions = classic
          ? exclude.exclusions && exclude.patterns.some((p) => p.exclusion && `${p.text}/`.startsWith(`${path}/`))
          : !onlyPrefixExcludeExceptions || (exclude.exclusions && someInside(exclude.patterns, true, path));
        if (isDir && !mayHoldExceptions) {
          step.outcome = 'pruned';
          return false;
        }
        filteredAs = 'excluded';
      }
    }

    // The classic tar never adds an excluded directory, even above a re-included file.
    const dir: VisitedDir | null = isDir
      ? { path, pathWithSep: `${path}/`, includeInfo, excludeInfo, sent: classic, step }
      : null;
    if (filteredAs) {
      step.outcome = isDir ? 'held' : filteredAs;
      if (isDir) heldAs.set(step, filteredAs);
    } else {
      // Send the ancestors that were held back, then the path itself.
      for (const p of parents) {
        if (p.sent) continue;
        p.sent = true;
        p.step.outcome = 'sent-as-parent';
        entries.push({ path: p.path, type: 'dir' });
      }
      entries.push({ path, type });
      if (dir) dir.sent = true;
    }
    if (dir) parents.push(dir);
    return true;
  };

  const walkDir = (dirPath: string): void => {
    const listing = tree.readdir(dirPath);
    if (!listing) return;
    const sorted = [...listing].sort((a, b) => compareNames(a.name, b.name));
    for (const entry of sorted) {
      const path = dirPath === '' ? entry.name : `${dirPath}/${entry.name}`;
      const descend = visit(path, entry.type);
      if (descend && entry.type === 'dir') walkDir(path);
    }
  };

  walkDir('');
  // A held directory from which nothing was sent stays filtered out.
  for (const [step, outcome] of heldAs) if (step.outcome === 'held') step.outcome = outcome;
  return { entries, steps };
}

function matchOrThrow<T>(kind: 'include' | 'exclude', match: () => T): T {
  try {
    return match();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new EngineError('InvalidParameter', `failed to match ${kind}patterns: ${message}`);
  }
}

// ---------------------------------------------------------------------------
// followPaths (fsutil followlinks.go)

/**
 * Resolve symlinks named by `paths` (their targets, recursively, and names
 * matched by a wildcard in the last component) into context-relative paths to
 * include. `null` means "the whole context" (some path resolved to the root).
 *
 * Simplification: a symlink in the middle of a path is resolved only as the
 * resolver reaches it component by component, and `ContextTree.readdir` is not
 * expected to follow links.
 */
export function followLinks(tree: ContextTree, paths: readonly string[]): string[] | null {
  const resolved = new Set<string>();

  const lstat = (path: string): ContextEntryType | null => {
    if (path === '.') return 'dir';
    const slash = path.lastIndexOf('/');
    const listing = tree.readdir(slash < 0 ? '' : path.slice(0, slash));
    return listing?.find((e) => e.name === path.slice(slash + 1))?.type ?? null;
  };

  const readSymlink = (path: string, allowWildcard: boolean): string[] | null => {
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '.' : path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (allowWildcard && containsWildcards(base)) {
      const listing = tree.readdir(dir === '.' ? '' : dir);
      if (!listing) return null;
      const out: string[] = [];
      for (const entry of listing) {
        if (!safeFilepathMatch(base, entry.name)) continue;
        out.push(...(readSymlink(joinClean(dir, entry.name), false) ?? []));
      }
      return out.length > 0 ? out : null;
    }
    if (lstat(path) !== 'symlink') return null;
    const link = tree.readlink?.(path);
    if (link === null || link === undefined) return null;
    const cleaned = cleanPath(link);
    if (cleaned.startsWith('/')) return [cleaned];
    return [cleanPath(`/${joinClean(dir, cleaned)}`)];
  };

  const append = (start: string): void => {
    let rest = start;
    let current = '.';
    for (;;) {
      const slash = rest.indexOf('/');
      const first = slash < 0 ? rest : rest.slice(0, slash);
      current = joinClean(current, first);
      const targets = readSymlink(current, true);
      rest = slash < 0 ? '' : rest.slice(slash + 1);
      if ((rest === '' || targets) && resolved.has(current)) return;
      if (targets) {
        resolved.add(current);
        for (const target of targets) append(joinClean(target, rest));
        return;
      }
      if (rest === '') {
        resolved.add(current);
        return;
      }
    }
  };

  for (const p of paths) append(p);
  return dedupePaths([...resolved].sort(compareNames));
}

/** Go's filepath.Join: join with `/` and clean (empty parts ignored). */
function joinClean(a: string, b: string): string {
  const parts = [a, b].filter((x) => x !== '');
  return parts.length === 0 ? '' : cleanPath(parts.join('/'));
}

function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?' || ch === '[') return true;
  }
  return false;
}

function safeFilepathMatch(pattern: string, name: string): boolean {
  try {
    return filepathMatch(pattern, name);
  } catch {
    return false;
  }
}

/** fsutil dedupePaths: drop paths below an earlier one; `.` anywhere means "no filter" (null). */
function dedupePaths(paths: readonly string[]): string[] | null {
  const out: string[] = [];
  let last = '';
  for (const p of paths) {
    if (p === '.') return null;
    if (p.startsWith(`${last}/`)) continue;
    out.push(p);
    last = p;
  }
  return out;
}

// ---------------------------------------------------------------------------

/**
 * A ContextTree over a flat list of entries (parents may be implied), for
 * tests, lessons and a context uploaded as a file list.
 */
export function contextTreeFromEntries(
  list: readonly { readonly path: string; readonly type: ContextEntryType; readonly target?: string }[],
): ContextTree {
  const dirs = new Map<string, Map<string, ContextEntryType>>([['', new Map()]]);
  const links = new Map<string, string>();
  const ensureDir = (path: string): Map<string, ContextEntryType> => {
    let dir = dirs.get(path);
    if (dir) return dir;
    dir = new Map();
    dirs.set(path, dir);
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? '' : path.slice(0, slash);
    ensureDir(parent).set(path.slice(slash + 1), 'dir');
    return dir;
  };
  for (const entry of list) {
    const path = cleanPath(entry.path).replace(/^\/+/, '');
    if (path === '.' || path === '') continue;
    const slash = path.lastIndexOf('/');
    const parent = slash < 0 ? '' : path.slice(0, slash);
    if (entry.type === 'dir') ensureDir(path);
    else ensureDir(parent).set(path.slice(slash + 1), entry.type);
    if (entry.type === 'symlink') links.set(path, entry.target ?? '');
  }
  return {
    readdir: (path) => {
      const dir = dirs.get(path);
      return dir ? [...dir].map(([name, type]) => ({ name, type })) : null;
    },
    readlink: (path) => links.get(path) ?? null,
  };
}
