/**
 * BuildKit's shell-word expander (`frontend/dockerfile/shell/lex.go`): the rules
 * a Dockerfile instruction's arguments go through before the builder sees them.
 * Quotes are removed here, not in the parser; `$VAR` and the `${VAR…}` forms are
 * substituted from the build environment (ENV + ARG); RUN/CMD/ENTRYPOINT are not
 * expanded by the builder at all (the container's shell does it).
 *
 * It is a small hand-written scanner, not a POSIX shell: no command substitution,
 * no arithmetic, no `${#VAR}`, no `${VAR=word}`. Where BuildKit's behaviour is odd
 * (raw escapes kept in patterns, Go template `$0` in `//` replacements, empty
 * quoted words vanishing) we reproduce the oddity, because a learner comparing
 * with real Docker must see the same result.
 *
 * Work is bounded by construction: the scanner only moves forward over the
 * input, and `#`/`%`/`/` patterns are matched by dynamic programming in
 * O(pattern × value), never by a backtracking regular expression.
 */
import { EngineError } from '../../api/index.ts';
import { goQuote } from './go-text.ts';

/** Options of BuildKit's `Lex`. Only `escape` matters for ordinary instructions. */
export interface ShellLexOptions {
  /** The parser's escape token (`# escape=` directive): `\` by default, or `` ` ``. */
  readonly escape?: '\\' | '`';
  /** Keep quote characters in the result (BuildKit `RawQuotes`). */
  readonly rawQuotes?: boolean;
  /** Keep escape tokens in the result (BuildKit `RawEscapes`). */
  readonly rawEscapes?: boolean;
  /** Treat quotes as ordinary characters (BuildKit `SkipProcessQuotes`). */
  readonly skipProcessQuotes?: boolean;
  /** Leave references to unset variables as written (BuildKit `SkipUnsetEnv`). */
  readonly skipUnsetEnv?: boolean;
}

/** The environment: `KEY=value` strings (image-config style) or a ready map. */
export type ShellEnv = readonly string[] | ReadonlyMap<string, string>;

/** Everything one expansion tells the builder (BuildKit `ProcessWordResult`). */
export interface ExpansionResult {
  /** The expanded word (ProcessWord). */
  readonly result: string;
  /** The expanded word split into fields (ProcessWords). */
  readonly words: readonly string[];
  /** Referenced variables that were set (for cache reasons: which ARGs a step used). */
  readonly matched: readonly string[];
  /** Referenced variables that were not set (for the UndefinedVar check). */
  readonly unmatched: readonly string[];
}

/** Data carried by an expansion error, so the lint and the UI can point at it. */
export interface ShellExpansionErrorData {
  readonly word: string;
  readonly matched: readonly string[];
  readonly unmatched: readonly string[];
  readonly [key: string]: unknown;
}

/**
 * Build the lookup map from `KEY=value` strings, as BuildKit's `EnvsFromSlice`:
 * `KEY` alone means an empty value, and a later duplicate wins. Keys are
 * case-sensitive (Linux).
 */
export function envFromList(env: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of env) {
    const eq = entry.indexOf('=');
    if (eq < 0) map.set(entry, '');
    else map.set(entry.slice(0, eq), entry.slice(eq + 1));
  }
  return map;
}

/** BuildKit `ProcessWordWithMatches`: expand `word`, reporting which variables it used. Throws an EngineError. */
export function expandWithMatches(word: string, env: ShellEnv, opts: ShellLexOptions = {}): ExpansionResult {
  const lookup = Array.isArray(env) ? envFromList(env as readonly string[]) : (env as ReadonlyMap<string, string>);
  const lexer = new WordLexer(word, lookup, opts);
  try {
    const { text, words } = lexer.processUntil(undefined, opts.rawEscapes ?? false);
    return { result: text, words, matched: [...lexer.matched], unmatched: [...lexer.unmatched] };
  } catch (err) {
    if (!(err instanceof LexError)) throw err;
    const data: ShellExpansionErrorData = { word, matched: [...lexer.matched], unmatched: [...lexer.unmatched] };
    throw new EngineError('InvalidParameter', `failed to process ${goQuote(word)}: ${err.message}`, data);
  }
}

/** BuildKit `ProcessWord`: the expanded word, quotes removed, whitespace kept. */
export function expandWord(word: string, env: ShellEnv, opts: ShellLexOptions = {}): string {
  return expandWithMatches(word, env, opts).result;
}

/**
 * BuildKit `ProcessWords`: the expanded word split into fields. Unquoted
 * whitespace, including whitespace produced by an unquoted expansion, separates
 * fields; quoted and escaped whitespace does not.
 */
export function expandWords(word: string, env: ShellEnv, opts: ShellLexOptions = {}): string[] {
  return [...expandWithMatches(word, env, opts).words];
}

/** An error inside the lexer, before the "failed to process" context is added. */
class LexError extends Error {}

/** Go's `unicode.IsSpace`: the Unicode White_Space property (includes NEL and NBSP). */
const isSpace = (ch: string): boolean => /^\p{White_Space}$/u.test(ch);
const isLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
const isDigit = (ch: string): boolean => /^\p{Nd}$/u.test(ch);

/** POSIX special parameters: `$@ $* $# $? $- $$ $! $0` always expand to empty here. */
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/**
 * Field splitting as BuildKit's `wordsStruct`: a field is only ended by
 * unquoted whitespace once something (even an empty quoted string) started it,
 * and empty fields are never emitted.
 */
class Fields {
  readonly words: string[] = [];
  private current = '';
  private inWord = false;

  addChar(ch: string): void {
    if (isSpace(ch)) {
      if (this.inWord && this.current !== '') {
        this.words.push(this.current);
        this.current = '';
        this.inWord = false;
      }
    } else {
      this.addRaw(ch);
    }
  }

  addExpanded(text: string): void {
    for (const ch of text) this.addChar(ch);
  }

  addRaw(text: string): void {
    this.current += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.current !== '') {
      this.words.push(this.current);
      this.current = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class WordLexer {
  /** Code points: Go's text/scanner reads runes, and so must `?` and `${…}`. */
  private readonly chars: string[];
  private pos = 0;
  private rawEscapes = false;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private readonly escape: string;

  constructor(
    word: string,
    private readonly env: ReadonlyMap<string, string>,
    private readonly opts: ShellLexOptions,
  ) {
    this.chars = Array.from(word);
    // text/scanner silently drops a byte-order mark at the very start.
    if (this.chars[0] === '\uFEFF') this.pos = 1;
    this.escape = opts.escape ?? '\\';
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }

  private next(): string | undefined {
    const ch = this.chars[this.pos];
    if (ch !== undefined) this.pos++;
    return ch;
  }

  private atEnd(): boolean {
    return this.pos >= this.chars.length;
  }

  /**
   * Read up to `stop` (consumed) or to the end of input when `stop` is undefined.
   * `rawEscapes` keeps escape tokens: BuildKit does that inside `${VAR#…}`,
   * `${VAR%…}` and `${VAR/…/…}` so the pattern can still see `\*`.
   */
  processUntil(stop: string | undefined, rawEscapes: boolean): { text: string; words: string[] } {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      return this.scan(stop);
    } finally {
      this.rawEscapes = saved;
    }
  }

  private scan(stop: string | undefined): { text: string; words: string[] } {
    let text = '';
    const fields = new Fields();
    const quotes = !this.opts.skipProcessQuotes;
    while (!this.atEnd()) {
      const ch = this.peek()!;
      if (stop !== undefined && ch === stop) {
        this.next();
        return { text, words: fields.finish() };
      }
      if (ch === '$') {
        const value = this.dollar();
        text += value;
        fields.addExpanded(value);
      } else if (quotes && ch === "'") {
        const value = this.singleQuoted();
        text += value;
        fields.addRaw(value);
      } else if (quotes && ch === '"') {
        const value = this.doubleQuoted();
        text += value;
        fields.addRaw(value);
      } else {
        this.next();
        if (ch === this.escape) {
          if (this.rawEscapes) {
            fields.addRaw(ch);
            text += ch;
          }
          const escaped = this.next();
          // An escape token at the very end of the word is dropped.
          if (escaped === undefined) break;
          fields.addRaw(escaped);
          text += escaped;
        } else {
          fields.addChar(ch);
          text += ch;
        }
      }
    }
    if (stop !== undefined) throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
    return { text, words: fields.finish() };
  }

  /** Everything up to the next `'` is literal; a single quote cannot be escaped. */
  private singleQuoted(): string {
    const open = this.next()!;
    let out = this.opts.rawQuotes ? open : '';
    for (;;) {
      const ch = this.next();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return this.opts.rawQuotes ? out + ch : out;
      out += ch;
    }
  }

  /** Inside `"…"` only `$` expands, and the escape token escapes only `"`, `$` and itself. */
  private doubleQuoted(): string {
    const open = this.next()!;
    let out = this.opts.rawQuotes ? open : '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (ch === '"') {
        this.next();
        return this.opts.rawQuotes ? out + ch : out;
      }
      if (ch === '$') {
        out += this.dollar();
        continue;
      }
      this.next();
      let lit = ch;
      if (ch === this.escape) {
        if (this.rawEscapes) out += ch;
        const after = this.peek();
        if (after === undefined) continue;
        if (after === '"' || after === '$' || after === this.escape) lit = this.next()!;
      }
      out += lit;
    }
  }

  /** Look a variable up, recording it as matched or unmatched. */
  private lookup(name: string): string | undefined {
    const value = this.env.get(name);
    if (value === undefined) this.unmatched.add(name);
    else this.matched.add(name);
    return value;
  }

  /** `$NAME`, `$1`, `$@` or `${…}`; the scanner is on the `$`. */
  private dollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      const value = this.lookup(name);
      if (value === undefined && this.opts.skipUnsetEnv) return `$${name}`;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.name();
    let op = this.next();
    let ops = op ?? '\uFFFD';
    switch (op) {
      case '}': {
        const value = this.lookup(name);
        if (value === undefined && this.opts.skipUnsetEnv) return `\${${name}}`;
        return value ?? '';
      }
      case ':':
      case '+':
      case '-':
      case '?':
      case '#':
      case '%': {
        const nullIsUnset = op === ':';
        if (nullIsUnset) {
          op = this.next();
          ops += op ?? '\uFFFD';
        }
        return this.modifier(name, op, ops, nullIsUnset);
      }
      case '/':
        return this.replace(name);
      default:
        throw new LexError(`unsupported modifier (${ops}) in substitution`);
    }
  }

  /** `${NAME<op>word}` for the `-`, `+`, `?`, `#`, `%` families (with or without `:`). */
  private modifier(name: string, op: string | undefined, ops: string, nullIsUnset: boolean): string {
    const patternOp = op === '#' || op === '%';
    // bash has no `${x:#p}`; BuildKit rejects it before reading the word.
    if (nullIsUnset && patternOp) throw new LexError(`unsupported modifier (${ops}) in substitution`);
    let word: string;
    try {
      word = this.processUntil('}', patternOp).text;
    } catch (err) {
      if (err instanceof LexError && this.atEnd()) throw new LexError("syntax error: missing '}'");
      throw err;
    }
    const value = this.lookup(name);
    if (value === undefined && this.opts.skipUnsetEnv) return `\${${name}${ops}${word}}`;
    const empty = value === undefined || (nullIsUnset && value === '');
    switch (op) {
      case '-':
        return empty ? word : value!;
      case '+':
        return empty ? '' : word;
      case '?':
        if (value === undefined) throw new LexError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (empty) throw new LexError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        // `##`/`%%`: the longest match; `#`/`%`: the shortest.
        const greedy = word.startsWith(op);
        const pattern = greedy ? word.slice(1) : word;
        return op === '#' ? trimPrefix(pattern, value ?? '', greedy) : trimSuffix(pattern, value ?? '', greedy);
      }
      default:
        throw new LexError(`unsupported modifier (${ops}) in substitution`);
    }
  }

  /** `${NAME/pattern/replacement}` (first match) and `${NAME//pattern/replacement}` (all). */
  private replace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    let pattern: string;
    try {
      pattern = this.processUntil('/', true).text;
    } catch (err) {
      if (err instanceof LexError && this.atEnd()) throw new LexError("syntax error: missing '/' in ${}");
      throw err;
    }
    let replacement: string;
    try {
      replacement = this.processUntil('}', true).text;
    } catch (err) {
      if (err instanceof LexError && this.atEnd()) throw new LexError("syntax error: missing '}'");
      throw err;
    }
    const value = this.lookup(name);
    if (value === undefined && this.opts.skipUnsetEnv) return `\${${name}/${pattern}/${replacement}}`;
    const matcher = compileShellPattern(pattern);
    const chars = Array.from(value ?? '');
    return all ? replaceAll(matcher, chars, replacement) : replaceFirst(matcher, chars, replacement);
  }

  /**
   * A variable name: letters, digits and `_`; a leading digit run is a
   * positional parameter (`$12` is parameter 12); a special parameter is one character.
   */
  private name(): string {
    let name = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return name;
      if (name === '' && isDigit(ch)) {
        while (this.peek() !== undefined && isDigit(this.peek()!)) name += this.next();
        return name;
      }
      if (name === '' && SPECIAL_PARAMS.has(ch)) return this.next()!;
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') return name;
      name += this.next();
    }
  }
}

// ---------------------------------------------------------------------------
// Shell patterns of `${VAR#…}`, `${VAR%…}`, `${VAR/…/…}`: `*` (any run), `?` (one
// character), `\*` `\?` `\\` literals. BuildKit compiles them to a Go regexp
// whose `.` stops at a newline; we keep that, but match with a DP table.

type PatternToken = { readonly kind: 'lit'; readonly ch: string } | { readonly kind: 'any' } | { readonly kind: 'star' };

interface ShellPattern {
  readonly tokens: readonly PatternToken[];
  readonly greedy: boolean;
}

/** Tokenise a pattern; `\}` and `\/` mean the bare character (the escape only protected the `${}` syntax). */
function compileShellPattern(pattern: string, greedy = true): ShellPattern {
  const chars = Array.from(pattern);
  const tokens: PatternToken[] = [];
  for (let i = chars[0] === '\uFEFF' ? 1 : 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') tokens.push({ kind: 'star' });
    else if (ch === '?') tokens.push({ kind: 'any' });
    else if (ch === '\\') {
      const after = chars[i + 1];
      if (after === '}' || after === '/') continue;
      i++;
      if (after !== '*' && after !== '?' && after !== '\\') {
        throw new LexError(`invalid pattern (${pattern}) in substitution: invalid escape '\\${after ?? '\uFFFD'}'`);
      }
      tokens.push({ kind: 'lit', ch: after });
    } else tokens.push({ kind: 'lit', ch });
  }
  return { tokens, greedy };
}

/**
 * For every start position, where the leftmost-first (Go/Perl) match of the
 * pattern starting there ends, or -1. Computed backwards token by token:
 * a greedy `*` takes the longest run that still lets the rest match, a lazy
 * one the shortest; neither may cross a newline (Go's `.`).
 */
function matchEnds(pattern: ShellPattern, value: readonly string[]): Int32Array {
  const n = value.length;
  let after = new Int32Array(n + 1);
  for (let p = 0; p <= n; p++) after[p] = p;
  for (let t = pattern.tokens.length - 1; t >= 0; t--) {
    const token = pattern.tokens[t];
    const here = new Int32Array(n + 1).fill(-1);
    if (token.kind === 'star') {
      // Scan each newline-free run right to left, remembering the best continuation.
      let best = -1;
      for (let p = n; p >= 0; p--) {
        if (p < n && value[p] === '\n') best = -1;
        if (after[p] >= 0 && (best < 0 || !pattern.greedy)) best = after[p];
        here[p] = best;
      }
    } else {
      for (let p = 0; p < n; p++) {
        const ok = token.kind === 'any' ? value[p] !== '\n' : value[p] === token.ch;
        if (ok) here[p] = after[p + 1];
      }
    }
    after = here;
  }
  return after;
}

/** `${VAR#pattern}` / `${VAR##pattern}`: drop the shortest/longest matching prefix. */
function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const chars = Array.from(value);
  const end = matchEnds(compileShellPattern(pattern, greedy), chars)[0];
  return end >= 0 ? chars.slice(end).join('') : value;
}

/**
 * `${VAR%pattern}` / `${VAR%%pattern}`: BuildKit reverses both the pattern
 * (keeping `\x` pairs in order) and the value, and trims a prefix.
 */
function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  const reversed = trimPrefix(reversePattern(pattern), Array.from(value).reverse().join(''), greedy);
  return Array.from(reversed).reverse().join('');
}

function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out = new Array<string>(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last; ) {
    if (chars[i] === '\\' && i !== last) {
      out[last - i - 1] = '\\';
      out[last - i] = chars[i + 1];
      i += 2;
    } else {
      out[last - i] = chars[i];
      i++;
    }
  }
  return out.join('');
}

/** Go `FindStringIndex`: the leftmost start at or after `from`, with its end. */
function findFrom(ends: Int32Array, from: number): [number, number] | null {
  for (let s = from; s < ends.length; s++) if (ends[s] >= 0) return [s, ends[s]];
  return null;
}

/** `${VAR/p/r}`: the replacement is inserted verbatim. */
function replaceFirst(pattern: ShellPattern, value: string[], replacement: string): string {
  const hit = findFrom(matchEnds(pattern, value), 0);
  if (!hit) return value.join('');
  return value.slice(0, hit[0]).join('') + replacement + value.slice(hit[1]).join('');
}

/**
 * `${VAR//p/r}` is Go's `ReplaceAllString`: successive non-overlapping
 * matches, an empty match right after a match is ignored, and the replacement
 * is a Go template (`$0` / `${0}` = the match, `$$` = `$`, other names empty).
 */
function replaceAll(pattern: ShellPattern, value: string[], replacement: string): string {
  const ends = matchEnds(pattern, value);
  let out = '';
  let lastEnd = 0;
  let search = 0;
  while (search <= value.length) {
    const hit = findFrom(ends, search);
    if (!hit) break;
    const [start, end] = hit;
    out += value.slice(lastEnd, start).join('');
    if (end > lastEnd || start === 0) out += expandGoTemplate(replacement, value.slice(start, end).join(''));
    lastEnd = end;
    search = search + 1 > end ? search + 1 : end;
  }
  return out + value.slice(lastEnd).join('');
}

/** Go `regexp.Expand` for a pattern without capture groups. */
function expandGoTemplate(template: string, match: string): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) return out + rest;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ref = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    const name = ref[1] ?? ref[2];
    if (name === '0') out += match;
    rest = rest.slice(ref[0].length);
  }
}
