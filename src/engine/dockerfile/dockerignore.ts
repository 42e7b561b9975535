/**
 * `.dockerignore` as Docker 28 applies it: moby/patternmatcher (the matcher
 * BuildKit's context walker and the docker CLI both use) and
 * patternmatcher/ignorefile.ReadAll (how the file is read).
 *
 * patternmatcher compiles each pattern to a Go regular expression, lazily, on
 * first use. We build the same expression text (so it can be shown and tested)
 * and then run it with a small matcher for the subset of Go RE2 syntax such
 * text can contain, simulating the automaton over a set of positions: linear
 * work, no backtracking, and Go's rules (not JavaScript's) for classes and escapes.
 */
import { EngineError } from '../../api/index.ts';

/** Go's `filepath.ErrBadPattern` text. */
export const ERR_BAD_PATTERN = 'syntax error in pattern';

const badPattern = (pattern: string): EngineError =>
  new EngineError('InvalidParameter', ERR_BAD_PATTERN, { pattern, errorName: 'ErrBadPattern' });

// ---------------------------------------------------------------------------
// Reading the file

/**
 * moby ignorefile.ReadAll: a UTF-8 BOM on the first line is dropped; a line is a
 * comment only when its first character is `#`; lines are trimmed; blank lines
 * are skipped; a `!` prefix marks an exception (spaces after it are trimmed);
 * the rest is path-cleaned and one leading `/` removed, so `/a`, `a/` and `./a`
 * all mean `a`. A lone `!` is kept here and rejected by the matcher.
 */
export function parseDockerignore(text: string): string[] {
  const patterns: string[] = [];
  // bufio.Scanner's ScanLines: split on \n, drop one trailing \r per line.
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, index) => {
    let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length * 3 > MAX_SCAN_TOKEN && utf8(line).length > MAX_SCAN_TOKEN) {
      throw new EngineError('InvalidParameter', 'bufio.Scanner: token too long', { line: index + 1 });
    }
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = goTrimSpace(line);
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern !== '') {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  });
  return patterns;
}

/** bufio.MaxScanTokenSize: a longer line makes ReadAll fail. */
const MAX_SCAN_TOKEN = 64 * 1024 - 1;

/** Go's `strings.TrimSpace` (Unicode White_Space). */
function goTrimSpace(s: string): string {
  return s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');
}

/** Go's `path.Clean` (= `filepath.Clean` on Linux): lexical `.`/`..` and slash cleanup. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

/** Go's `filepath.Dir`: everything before the last slash, cleaned. */
function dirOf(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

// ---------------------------------------------------------------------------
// The matcher

export type MatchType = 'exactMatch' | 'prefixMatch' | 'suffixMatch' | 'regexpMatch';

/** One cleaned pattern (patternmatcher.Pattern). */
export interface Pattern {
  /** The cleaned pattern without its `!`. */
  readonly text: string;
  /** An exception (`!pattern`): re-includes what earlier patterns excluded. */
  readonly exclusion: boolean;
}

/** Per-pattern results for a directory, handed to its children (patternmatcher.MatchInfo). */
export interface MatchInfo {
  readonly parentMatched: readonly boolean[];
}

/** One pattern's part in a decision (see PatternMatcher.explain). */
export interface IgnoreStep {
  /** The pattern as the matcher holds it (cleaned, `!` for an exception). */
  readonly pattern: string;
  /** False when the last-match-wins rule made this pattern irrelevant. */
  readonly consulted: boolean;
  /** The path or ancestor it matched, or null. */
  readonly matchedPath: string | null;
}

export interface IgnoreExplanation {
  /** True: the path is excluded from the build context. */
  readonly matched: boolean;
  /** The last pattern that matched (an exception when it re-included the path), or null. */
  readonly decidedBy: string | null;
  readonly steps: readonly IgnoreStep[];
}

/** What a pattern compiles to: the match strategy and, for regexps, Go's expression text. */
export interface CompiledPattern {
  readonly matchType: MatchType;
  readonly regexp: string;
}

class CompiledEntry implements Pattern {
  private compiled: { type: MatchType; re: GoRegexp | null } | null = null;

  constructor(
    readonly text: string,
    readonly exclusion: boolean,
  ) {}

  /** Pattern.match: compile on first use; a pattern that fails to compile fails every call. */
  match(path: string): boolean {
    if (!this.compiled) {
      const { matchType, regexp } = compilePattern(this.text);
      let re: GoRegexp | null = null;
      if (matchType === 'regexpMatch') {
        try {
          re = parseGoRegexp(regexp);
        } catch {
          throw badPattern(this.text);
        }
      }
      this.compiled = { type: matchType, re };
    }
    const text = this.text;
    switch (this.compiled.type) {
      case 'exactMatch':
        return path === text;
      case 'prefixMatch':
        return path.startsWith(text.slice(0, -2));
      case 'suffixMatch': {
        const suffix = text.slice(2);
        if (path.endsWith(suffix)) return true;
        // `**/foo` also matches `foo` itself.
        return suffix.startsWith('/') && path === suffix.slice(1);
      }
      case 'regexpMatch':
        return this.compiled.re!.matches(path);
    }
  }
}

/**
 * moby patternmatcher.PatternMatcher. Patterns are evaluated in order and the
 * last one that matches decides; an inclusion is skipped once the path is
 * already matched, an exception until it is.
 */
export class PatternMatcher {
  private readonly entries: CompiledEntry[];
  /** Whether any pattern is an exception (`!…`). */
  readonly exclusions: boolean;

  /** patternmatcher.New: trims, skips blanks, path-cleans and syntax-checks every pattern. */
  constructor(patterns: readonly string[]) {
    this.entries = [];
    let exclusions = false;
    for (const raw of patterns) {
      let p = goTrimSpace(raw);
      if (p === '') continue;
      // Cleaned before the `!` is removed, as upstream does (`!./a` stays `./a`).
      p = cleanPath(p);
      let exclusion = false;
      if (p.startsWith('!')) {
        if (p.length === 1) throw new EngineError('InvalidParameter', 'illegal exclusion pattern: "!"', { pattern: raw });
        exclusion = true;
        exclusions = true;
        p = p.slice(1);
      }
      filepathMatch(p, '.');
      this.entries.push(new CompiledEntry(p, exclusion));
    }
    this.exclusions = exclusions;
  }

  /** The active patterns, in order. */
  get patterns(): readonly Pattern[] {
    return this.entries;
  }

  /**
   * Whether `file` (slash-separated, relative to the context) is matched by the
   * patterns, where a pattern matching any parent directory counts as matching
   * the file. This is what decides if a path is excluded from the build context.
   */
  matchesOrParentMatches(file: string): boolean {
    return this.explain(file).matched;
  }

  /**
   * matchesOrParentMatches with its reasoning, for the learner: every pattern
   * in order, whether it was consulted (an inclusion is skipped once the path
   * is matched, an exception until it is) and what it matched (the path
   * itself or an ancestor). The last pattern that matched decides.
   */
  explain(file: string): IgnoreExplanation {
    const parents = parentPrefixes(file);
    const steps: IgnoreStep[] = [];
    let matched = false;
    let decidedBy: string | null = null;
    for (const entry of this.entries) {
      const shown = entry.exclusion ? `!${entry.text}` : entry.text;
      if (entry.exclusion !== matched) {
        steps.push({ pattern: shown, consulted: false, matchedPath: null });
        continue;
      }
      let matchedPath: string | null = entry.match(file) ? file : null;
      if (matchedPath === null) matchedPath = parents.find((prefix) => safeMatch(entry, prefix)) ?? null;
      steps.push({ pattern: shown, consulted: true, matchedPath });
      if (matchedPath !== null) {
        matched = !entry.exclusion;
        decidedBy = shown;
      }
    }
    return { matched, decidedBy, steps };
  }

  /**
   * The walker's form: the parent directory's per-pattern results are reused
   * instead of re-matching every ancestor. With no parent info it behaves like
   * matchesOrParentMatches.
   */
  matchesUsingParentResults(file: string, parent: MatchInfo = { parentMatched: [] }): { matched: boolean; info: MatchInfo } {
    const inherited = parent.parentMatched;
    if (inherited.length !== 0 && inherited.length !== this.entries.length) {
      throw new EngineError('InvalidParameter', 'wrong number of values in parentMatched');
    }
    const results: boolean[] = new Array<boolean>(this.entries.length).fill(false);
    let matched = false;
    this.entries.forEach((entry, i) => {
      let match = inherited.length !== 0 && inherited[i];
      if (!match) {
        if (entry.exclusion !== matched) return;
        match = entry.match(file);
        if (!match && inherited.length === 0) match = parentPrefixes(file).some((prefix) => safeMatch(entry, prefix));
      }
      results[i] = match;
      if (match) matched = !entry.exclusion;
    });
    return { matched, info: { parentMatched: results } };
  }

  /**
   * Deprecated upstream `Matches`: only the ancestor at the pattern's own depth
   * is tried, so `docs/` then `!docs/README.md` behaves differently. Kept
   * because the classic builder's history and old tests rely on it.
   */
  matchesSameDepthParent(file: string): boolean {
    const parentPath = dirOf(file);
    const parentDirs = parentPath.split('/');
    let matched = false;
    for (const entry of this.entries) {
      if (entry.exclusion !== matched) continue;
      let match = entry.match(file);
      if (!match && parentPath !== '.') {
        const depth = entry.text.split('/').length;
        if (depth <= parentDirs.length) match = safeMatch(entry, parentDirs.slice(0, depth).join('/'));
      }
      if (match) matched = !entry.exclusion;
    }
    return matched;
  }
}

/** Ancestor prefixes of `file` (`a`, `a/b` for `a/b/c`); none for a top-level name. */
function parentPrefixes(file: string): string[] {
  const parentPath = dirOf(file);
  if (parentPath === '.') return [];
  const dirs = parentPath.split('/');
  return dirs.map((_, i) => dirs.slice(0, i + 1).join('/'));
}

/** Upstream ignores errors when matching parents (the direct match already reported them). */
function safeMatch(entry: CompiledEntry, path: string): boolean {
  try {
    return entry.match(path);
  } catch {
    return false;
  }
}

/**
 * The `.dockerignore` predicate: true when `path` (relative, slash-separated)
 * is excluded from the build context. Throws on a malformed pattern, at
 * construction or (for patterns Go's regexp rejects) on first use.
 */
export function dockerignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  const matcher = new PatternMatcher(patterns);
  return (path) => matcher.matchesOrParentMatches(path);
}

/** Deprecated upstream top-level `Matches(file, patterns)`; `.` is never matched. */
export function matchesDeprecated(file: string, patterns: readonly string[]): boolean {
  const matcher = new PatternMatcher(patterns);
  const cleaned = cleanPath(file);
  if (cleaned === '.') return false;
  return matcher.matchesSameDepthParent(cleaned);
}

/**
 * docker/cli TrimBuildFilesFromExcludes (classic builder): the CLI always puts
 * `.dockerignore` and the Dockerfile in the context it uploads, by appending
 * exceptions when the patterns exclude them (the daemon hides them from
 * COPY/ADD afterwards). It asks with the deprecated Matches and ignores errors.
 */
export function trimBuildFilesFromExcludes(
  excludes: readonly string[],
  dockerfile: string,
  dockerfileFromStdin = false,
): string[] {
  const out = [...excludes];
  const excluded = (file: string): boolean => {
    try {
      return matchesDeprecated(file, out);
    } catch {
      return false;
    }
  };
  if (excluded('.dockerignore')) out.push('!.dockerignore');
  if (excluded(dockerfile) && !dockerfileFromStdin) out.push(`!${dockerfile}`);
  return out;
}

// ---------------------------------------------------------------------------
// Pattern compilation (patternmatcher Pattern.compile)

/** Characters Go's regexp would treat specially but filepath.Match does not. */
const REGEXP_ONLY_META = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/**
 * Compile a cleaned pattern as patternmatcher does: `**` at the start becomes
 * a suffix match (or an optional "any directories and a slash" group), a
 * trailing `**` a prefix match (or `.*`), `*` is `[^/]*`, `?` is `[^/]`, `\x`
 * escapes x, `[…]` is copied as a class; with no wildcard at all the pattern
 * is an exact match. `separator` is `\` to see the Windows form (the pattern
 * then uses `\` between names, as filepath.Clean leaves it there).
 */
export function compilePattern(pattern: string, separator: '/' | '\\' = '/'): CompiledPattern {
  const escSep = separator === '\\' ? '\\\\' : separator;
  const chars = Array.from(pattern);
  let pos = chars[0] === '\uFEFF' ? 1 : 0;
  let re = '^';
  let type: MatchType = 'exactMatch';
  for (let i = 0; pos < chars.length; i++) {
    const ch = chars[pos++];
    if (ch === '*') {
      if (chars[pos] === '*') {
        pos++;
        // `**/` is read as `**`.
        if (chars[pos] === separator) pos++;
        if (pos >= chars.length) {
          // A trailing `**` accepts everything below, as in .gitignore.
          if (type === 'exactMatch') type = 'prefixMatch';
          else {
            re += '.*';
            type = 'regexpMatch';
          }
        } else {
          re += `(.*${escSep})?`;
          type = 'regexpMatch';
        }
        if (i === 0) type = 'suffixMatch';
      } else {
        re += `[^${escSep}]*`;
        type = 'regexpMatch';
      }
    } else if (ch === '?') {
      re += `[^${escSep}]`;
      type = 'regexpMatch';
    } else if (REGEXP_ONLY_META.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      if (separator === '\\') {
        re += escSep;
        continue;
      }
      if (pos < chars.length) {
        re += `\\${chars[pos++]}`;
        type = 'regexpMatch';
      } else re += '\\';
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexpMatch';
    } else re += ch;
  }
  return type === 'regexpMatch' ? { matchType: type, regexp: `${re}$` } : { matchType: type, regexp: '' };
}

// ---------------------------------------------------------------------------
// Go filepath.Match, byte for byte (it walks UTF-8 bytes and decodes runes only for `?` and classes)

/**
 * Go's `filepath.Match` on Linux: `*` (not crossing `/`), `?`, `[…]` / `[^…]`
 * with ranges, `\` escapes. Throws `syntax error in pattern` for a malformed
 * pattern, checking the whole pattern even when the name already failed.
 */
export function filepathMatch(pattern: string, name: string): boolean {
  let p: Uint8Array = utf8(pattern);
  let s: Uint8Array = utf8(name);
  outer: while (p.length > 0) {
    const { star, chunk, rest } = scanChunk(p);
    p = rest;
    if (star && chunk.length === 0) return !s.includes(SLASH);
    const t = matchChunk(chunk, s, pattern);
    if (t !== null && (t.length === 0 || p.length > 0)) {
      s = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < s.length && s[i] !== SLASH; i++) {
        const t2 = matchChunk(chunk, s.subarray(i + 1), pattern);
        if (t2 !== null) {
          if (p.length === 0 && t2.length > 0) continue;
          s = t2;
          continue outer;
        }
      }
    }
    // Report a syntax error in the rest of the pattern even though the match failed.
    while (p.length > 0) {
      const next = scanChunk(p);
      p = next.rest;
      matchChunk(next.chunk, new Uint8Array(0), pattern);
    }
    return false;
  }
  return s.length === 0;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;

function scanChunk(pattern: Uint8Array): { star: boolean; chunk: Uint8Array; rest: Uint8Array } {
  let star = false;
  let p = pattern;
  while (p.length > 0 && p[0] === STAR) {
    p = p.subarray(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  for (; i < p.length; i++) {
    const b = p[i];
    if (b === BACKSLASH) {
      if (i + 1 < p.length) i++;
    } else if (b === LBRACKET) inRange = true;
    else if (b === RBRACKET) inRange = false;
    else if (b === STAR && !inRange) break;
  }
  return { star, chunk: p.subarray(0, i), rest: p.subarray(i) };
}

/** Match one star-free chunk at the start of `s`: the rest of `s`, or null. */
function matchChunk(chunk: Uint8Array, s: Uint8Array, pattern: string): Uint8Array | null {
  let failed = false;
  let c = 0;
  let i = 0;
  while (c < chunk.length) {
    if (!failed && i >= s.length) failed = true;
    const b = chunk[c];
    if (b === LBRACKET) {
      let r = 0;
      if (!failed) {
        const [cp, width] = decodeRune(s, i);
        r = cp;
        i += width;
      }
      c++;
      let negated = false;
      if (c < chunk.length && chunk[c] === 0x5e) {
        negated = true;
        c++;
      }
      let match = false;
      let ranges = 0;
      for (;;) {
        if (c < chunk.length && chunk[c] === RBRACKET && ranges > 0) {
          c++;
          break;
        }
        const lo = classChar(chunk, c, pattern);
        c = lo.next;
        let hi = lo.rune;
        if (chunk[c] === 0x2d) {
          const h = classChar(chunk, c + 1, pattern);
          hi = h.rune;
          c = h.next;
        }
        if (lo.rune <= r && r <= hi) match = true;
        ranges++;
      }
      if (match === negated) failed = true;
    } else if (b === 0x3f) {
      if (!failed) {
        if (s[i] === SLASH) failed = true;
        i += decodeRune(s, i)[1];
      }
      c++;
    } else {
      let lit = b;
      if (b === BACKSLASH) {
        c++;
        if (c >= chunk.length) throw badPattern(pattern);
        lit = chunk[c];
      }
      if (!failed) {
        if (lit !== s[i]) failed = true;
        i++;
      }
      c++;
    }
  }
  return failed ? null : s.subarray(i);
}

/** Go's getEsc: one (possibly escaped) class character; a class may not end here. */
function classChar(chunk: Uint8Array, at: number, pattern: string): { rune: number; next: number } {
  let c = at;
  if (c >= chunk.length || chunk[c] === 0x2d || chunk[c] === RBRACKET) throw badPattern(pattern);
  if (chunk[c] === BACKSLASH) {
    c++;
    if (c >= chunk.length) throw badPattern(pattern);
  }
  const [rune, width] = decodeRune(chunk, c);
  if (rune === 0xfffd && width === 1) throw badPattern(pattern);
  c += width;
  if (c >= chunk.length) throw badPattern(pattern);
  return { rune, next: c };
}

/** UTF-8 bytes of a string (a lone surrogate becomes U+FFFD, as Go's conversion does). */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return Uint8Array.from(out);
}

/** Go's utf8.DecodeRune: invalid or truncated input is U+FFFD of width 1. */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const b0 = b[i];
  if (b0 < 0x80) return [b0, 1];
  const need = b0 >= 0xf0 && b0 <= 0xf4 ? 3 : b0 >= 0xe0 ? (b0 < 0xf0 ? 2 : -1) : b0 >= 0xc2 ? 1 : -1;
  if (need < 0 || i + need >= b.length) return [0xfffd, 1];
  let cp = b0 & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const cb = b[i + k];
    if ((cb & 0xc0) !== 0x80) return [0xfffd, 1];
    cp = (cp << 6) | (cb & 0x3f);
  }
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return [0xfffd, 1];
  return [cp, need + 1];
}

// ---------------------------------------------------------------------------
// The subset of Go RE2 that compiled patterns contain

/** A character predicate on code points. */
type CharTest = (cp: number) => boolean;

type Atom =
  | { readonly kind: 'char'; readonly test: CharTest }
  | { readonly kind: 'assert'; readonly at: 'begin' | 'end' | 'word' | 'notWord' }
  | { readonly kind: 'group'; readonly items: readonly Item[] };

interface Item {
  readonly atom: Atom;
  readonly repeat: '' | '*' | '+' | '?';
}

/** A parsed expression; `matches` is Go's `MatchString` (unanchored search). */
interface GoRegexp {
  matches(text: string): boolean;
}

class RegexpSyntaxError extends Error {}

/**
 * Parse Go regexp text (Perl flags, as `regexp.Compile`): literals, `.`, `^`,
 * `$`, groups, `* + ?`, classes with ranges, POSIX `[:name:]`, `\d\s\w`,
 * `\pN`/`\p{Name}`, and Go's escapes (`\x41`, `\x{263a}`, octal, `\Q…\E`, `\A`,
 * `\z`, `\b`, `\B`). Alternation and counted repetition cannot appear in a
 * compiled pattern (`|`, `{` are always escaped) and are rejected.
 */
function parseGoRegexp(source: string): GoRegexp {
  const chars = Array.from(source);
  let pos = 0;

  const parseSeq = (inGroup: boolean): Item[] => {
    const items: Item[] = [];
    while (pos < chars.length) {
      const ch = chars[pos];
      if (ch === ')') {
        if (!inGroup) throw new RegexpSyntaxError('unexpected )');
        return items;
      }
      if (ch === '*' || ch === '+' || ch === '?') {
        const last = items[items.length - 1];
        if (!last) throw new RegexpSyntaxError('missing argument to repetition operator');
        if (last.repeat !== '') throw new RegexpSyntaxError('invalid nested repetition operator');
        items[items.length - 1] = { atom: last.atom, repeat: ch };
        pos++;
        // A trailing `?` makes it non-greedy: irrelevant for a yes/no match.
        if (chars[pos] === '?') pos++;
        continue;
      }
      if (ch === '|' || ch === '{') throw new RegexpSyntaxError(`unsupported ${ch}`);
      pos++;
      if (ch === '(') {
        if (chars[pos] === '?') throw new RegexpSyntaxError('unsupported group flags');
        const inner = parseSeq(true);
        if (chars[pos] !== ')') throw new RegexpSyntaxError('missing closing )');
        pos++;
        items.push({ atom: { kind: 'group', items: inner }, repeat: '' });
      } else if (ch === '^') items.push({ atom: { kind: 'assert', at: 'begin' }, repeat: '' });
      else if (ch === '$') items.push({ atom: { kind: 'assert', at: 'end' }, repeat: '' });
      else if (ch === '.') items.push({ atom: { kind: 'char', test: (cp) => cp !== 0x0a }, repeat: '' });
      else if (ch === '[') items.push({ atom: { kind: 'char', test: parseClass() }, repeat: '' });
      else if (ch === '\\') {
        const next = chars[pos];
        if (next === 'A' || next === 'z' || next === 'b' || next === 'B') {
          pos++;
          const at = next === 'A' ? 'begin' : next === 'z' ? 'end' : next === 'b' ? 'word' : 'notWord';
          items.push({ atom: { kind: 'assert', at }, repeat: '' });
        } else if (next === 'Q') {
          pos++;
          const rest = chars.slice(pos).join('');
          const end = rest.indexOf('\\E');
          const lit = end >= 0 ? rest.slice(0, end) : rest;
          pos += Array.from(lit).length + (end >= 0 ? 2 : 0);
          for (const c of lit) items.push({ atom: { kind: 'char', test: eq(c.codePointAt(0)!) }, repeat: '' });
        } else {
          pos--;
          items.push({ atom: { kind: 'char', test: parseClassEscapeOrChar() }, repeat: '' });
        }
      } else items.push({ atom: { kind: 'char', test: eq(ch.codePointAt(0)!) }, repeat: '' });
    }
    if (inGroup) throw new RegexpSyntaxError('missing closing )');
    return items;
  };

  /** After `[`: Go's parseClass. A `]` first (or after `^`) is literal; `-` is literal at an end. */
  const parseClass = (): CharTest => {
    let negated = false;
    if (chars[pos] === '^') {
      negated = true;
      pos++;
    }
    const tests: CharTest[] = [];
    let first = true;
    for (;;) {
      if (pos >= chars.length) throw new RegexpSyntaxError('missing closing ]');
      if (chars[pos] === ']' && !first) break;
      first = false;
      if (chars[pos] === '[' && chars[pos + 1] === ':') {
        const rest = chars.slice(pos + 2).join('');
        const close = rest.indexOf(':]');
        if (close >= 0) {
          const name = rest.slice(0, close);
          const named = posixClass(name);
          if (!named) throw new RegexpSyntaxError('invalid character class range');
          tests.push(named);
          pos += 2 + Array.from(name).length + 2;
          continue;
        }
      }
      if (chars[pos] === '\\' && /^[pPdDsSwW]$/.test(chars[pos + 1] ?? '')) {
        tests.push(parseClassEscapeOrChar());
        continue;
      }
      const lo = classRune();
      let hi = lo;
      if (chars[pos] === '-' && chars[pos + 1] !== undefined && chars[pos + 1] !== ']') {
        pos++;
        hi = classRune();
        if (hi < lo) throw new RegexpSyntaxError('invalid character class range');
      }
      tests.push((cp) => cp >= lo && cp <= hi);
    }
    pos++;
    const inClass: CharTest = (cp) => tests.some((t) => t(cp));
    return negated ? (cp) => !inClass(cp) : inClass;
  };

  const classRune = (): number => {
    if (pos >= chars.length) throw new RegexpSyntaxError('missing closing ]');
    if (chars[pos] === '\\') return parseEscape();
    return chars[pos++].codePointAt(0)!;
  };

  /** `\p…`, `\d`-style classes, or a single escaped character, as a predicate. */
  const parseClassEscapeOrChar = (): CharTest => {
    const kind = chars[pos + 1];
    if (kind === 'p' || kind === 'P') {
      pos += 2;
      let name: string;
      if (chars[pos] === '{') {
        const rest = chars.slice(pos + 1).join('');
        const close = rest.indexOf('}');
        if (close < 0) throw new RegexpSyntaxError('invalid character class range');
        name = rest.slice(0, close);
        pos += 1 + Array.from(name).length + 1;
      } else {
        if (pos >= chars.length) throw new RegexpSyntaxError('invalid character class range');
        name = chars[pos++];
      }
      let negate = kind === 'P';
      if (name.startsWith('^')) {
        negate = !negate;
        name = name.slice(1);
      }
      const test = unicodeClass(name);
      return negate ? (cp) => !test(cp) : test;
    }
    const perl = kind !== undefined ? PERL_CLASSES[kind] : undefined;
    if (perl) {
      pos += 2;
      return perl;
    }
    return eq(parseEscape());
  };

  /** Go's parseEscape: punctuation is itself; C escapes, octal and hex; anything else is an error. */
  const parseEscape = (): number => {
    pos++;
    const c = chars[pos++];
    if (c === undefined) throw new RegexpSyntaxError('trailing backslash at end of expression');
    const cp = c.codePointAt(0)!;
    if (cp < 0x80 && !/[0-9A-Za-z]/.test(c)) return cp;
    if (/^[0-7]$/.test(c)) {
      const isOctal = (x: string | undefined): boolean => x !== undefined && /^[0-7]$/.test(x);
      if (c !== '0' && !isOctal(chars[pos])) throw new RegexpSyntaxError('invalid escape sequence');
      let r = Number(c);
      for (let k = 1; k < 3 && isOctal(chars[pos]); k++) r = r * 8 + Number(chars[pos++]);
      return r;
    }
    if (c === 'x') {
      if (chars[pos] === '{') {
        pos++;
        let r = 0;
        let digits = 0;
        for (;;) {
          const d = chars[pos++];
          if (d === undefined) throw new RegexpSyntaxError('invalid escape sequence');
          if (d === '}') break;
          if (!/^[0-9A-Fa-f]$/.test(d)) throw new RegexpSyntaxError('invalid escape sequence');
          r = r * 16 + parseInt(d, 16);
          if (r > 0x10ffff) throw new RegexpSyntaxError('invalid escape sequence');
          digits++;
        }
        if (digits === 0) throw new RegexpSyntaxError('invalid escape sequence');
        return r;
      }
      const hex = `${chars[pos] ?? ''}${chars[pos + 1] ?? ''}`;
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new RegexpSyntaxError('invalid escape sequence');
      pos += 2;
      return parseInt(hex, 16);
    }
    const simple = C_ESCAPES[c];
    if (simple !== undefined) return simple;
    throw new RegexpSyntaxError('invalid escape sequence');
  };

  const items = parseSeq(false);
  return { matches: (text) => search(items, Array.from(text)) };
}

const eq =
  (expected: number): CharTest =>
  (cp) =>
    cp === expected;

const C_ESCAPES: Readonly<Record<string, number>> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };

const isWordChar = (cp: number): boolean =>
  (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
const isPerlSpace = (cp: number): boolean => cp === 9 || cp === 10 || cp === 12 || cp === 13 || cp === 32;
const isAsciiDigit = (cp: number): boolean => cp >= 0x30 && cp <= 0x39;

const PERL_CLASSES: Readonly<Record<string, CharTest>> = {
  d: isAsciiDigit,
  D: (cp) => !isAsciiDigit(cp),
  s: isPerlSpace,
  S: (cp) => !isPerlSpace(cp),
  w: isWordChar,
  W: (cp) => !isWordChar(cp),
};

/** Go's POSIX classes (`[:alpha:]`, `[:^alpha:]`), ASCII only. */
function posixClass(name: string): CharTest | null {
  const negate = name.startsWith('^');
  const base = negate ? name.slice(1) : name;
  const re = POSIX_CLASSES[base];
  if (!re) return null;
  const test: CharTest = (cp) => cp < 0x80 && re.test(String.fromCodePoint(cp));
  return negate ? (cp) => !test(cp) : test;
}

const POSIX_CLASSES: Readonly<Record<string, RegExp>> = {
  alnum: /[0-9A-Za-z]/,
  alpha: /[A-Za-z]/,
  ascii: /[\x00-\x7f]/,
  blank: /[\t ]/,
  cntrl: /[\x00-\x1f\x7f]/,
  digit: /[0-9]/,
  graph: /[!-~]/,
  lower: /[a-z]/,
  print: /[ -~]/,
  punct: /[!-/:-@[-`{-~]/,
  space: /[\t\n\v\f\r ]/,
  upper: /[A-Z]/,
  word: /[0-9A-Za-z_]/,
  xdigit: /[0-9A-Fa-f]/,
};

/**
 * Go's `\p{Name}`: `Any`, a general category (`L`, `Lu`, …) or a script
 * (`Greek`, …). Answered by the JavaScript engine's Unicode tables, which may
 * be a different Unicode version from Go's.
 */
function unicodeClass(name: string): CharTest {
  if (name === 'Any') return () => true;
  const sources = /^[A-Z][a-z]?$/.test(name) ? [`\\p{gc=${name}}`] : [`\\p{Script=${name}}`];
  for (const source of sources) {
    try {
      const re = new RegExp(`^${source}$`, 'u');
      return (cp) => re.test(String.fromCodePoint(cp));
    } catch {
      // not a name JavaScript knows either
    }
  }
  throw new RegexpSyntaxError('invalid character class range');
}

/**
 * Go's `MatchString`: is there a match anywhere? Simulates the expression over
 * the set of reachable positions, so the work is O(items × length) for the
 * expressions patterns compile to.
 */
function search(items: readonly Item[], text: readonly string[]): boolean {
  const cps = text.map((c) => c.codePointAt(0)!);
  const starts = new Uint8Array(cps.length + 1).fill(1);
  const ends = runSeq(items, cps, starts);
  return ends.some((v) => v === 1);
}

function runSeq(items: readonly Item[], cps: readonly number[], from: Uint8Array): Uint8Array {
  let set = from;
  for (const item of items) {
    set = runItem(item, cps, set);
    if (!set.includes(1)) break;
  }
  return set;
}

function runItem(item: Item, cps: readonly number[], from: Uint8Array): Uint8Array {
  if (item.repeat === '') return runAtom(item.atom, cps, from);
  if (item.repeat === '?') return union(from, runAtom(item.atom, cps, from));
  if (item.atom.kind === 'char') return runCharRepeat(item.atom.test, item.repeat, cps, from);
  // `*` and `+`: iterate to a fixed point (each round adds a position, or stops).
  const once = runAtom(item.atom, cps, from);
  let reached = item.repeat === '*' ? union(from, once) : once;
  let frontier = once;
  for (;;) {
    const next = runAtom(item.atom, cps, frontier);
    const fresh = new Uint8Array(next.length);
    let any = false;
    for (let i = 0; i < next.length; i++) {
      if (next[i] && !reached[i]) {
        fresh[i] = 1;
        any = true;
      }
    }
    if (!any) return reached;
    reached = union(reached, fresh);
    frontier = fresh;
  }
}

/** `c*` / `c+` for a single-character atom in one left-to-right pass. */
function runCharRepeat(test: CharTest, repeat: '*' | '+', cps: readonly number[], from: Uint8Array): Uint8Array {
  const out = new Uint8Array(cps.length + 1);
  let carried = false;
  for (let p = 0; p <= cps.length; p++) {
    const arrived: boolean = carried;
    if (repeat === '*' && from[p]) out[p] = 1;
    if (arrived) out[p] = 1;
    carried = p < cps.length && (arrived || from[p] === 1) && test(cps[p]);
  }
  return out;
}

function runAtom(atom: Atom, cps: readonly number[], from: Uint8Array): Uint8Array {
  const n = cps.length;
  const out = new Uint8Array(n + 1);
  switch (atom.kind) {
    case 'char':
      for (let p = 0; p < n; p++) if (from[p] && atom.test(cps[p])) out[p + 1] = 1;
      return out;
    case 'assert':
      for (let p = 0; p <= n; p++) if (from[p] && assertionHolds(atom.at, cps, p)) out[p] = 1;
      return out;
    case 'group':
      return runSeq(atom.items, cps, from);
  }
}

function assertionHolds(at: 'begin' | 'end' | 'word' | 'notWord', cps: readonly number[], p: number): boolean {
  if (at === 'begin') return p === 0;
  if (at === 'end') return p === cps.length;
  const before = p > 0 && isWordChar(cps[p - 1]);
  const after = p < cps.length && isWordChar(cps[p]);
  return (before !== after) === (at === 'word');
}

function union(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
  return out;
}
