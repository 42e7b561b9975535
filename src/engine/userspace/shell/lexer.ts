import type { List, ParamOp, ParamPart, Word, WordPart } from './ast.ts';
import { ShellSyntaxError } from './parse-error.ts';

export type Token =
  | { readonly kind: 'word'; readonly word: Word; readonly raw: string; readonly plain: boolean; readonly pos: number }
  | { readonly kind: 'op'; readonly op: string; readonly pos: number }
  | { readonly kind: 'newline'; readonly pos: number }
  | { readonly kind: 'eof'; readonly pos: number };

const OPERATORS = ['&&', '||', ';;', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', '&', '|', ';', '<', '>', '(', ')'];
const META = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/** A here-doc waiting for its body, which starts after the next newline. */
export interface PendingHeredoc {
  readonly delimiter: string;
  readonly quoted: boolean;
  readonly stripTabs: boolean;
  readonly set: (body: Word) => void;
}

/**
 * ash's tokenizer: operators, newlines and words (with their quoting and
 * expansions parsed into parts). Words are scanned on demand because their
 * meaning depends on the grammar (reserved words, assignments).
 * `parseList` is supplied by the parser for `$(…)` and backquotes.
 */
export class Lexer {
  pos = 0;
  readonly heredocs: PendingHeredoc[] = [];
  /** Set when input ended inside a here-doc body (an interactive shell then reads more). */
  heredocAtEof = false;
  private lineStarts: number[] = [0];

  constructor(
    readonly src: string,
    private readonly parseSub: (lexer: Lexer, closer: ')' | null) => List,
    readonly lineOffset = 0,
  ) {
    for (let i = 0; i < src.length; i++) if (src[i] === '\n') this.lineStarts.push(i + 1);
  }

  lineAt(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 + this.lineOffset;
  }

  error(message: string, pos = this.pos): ShellSyntaxError {
    const line = this.lineAt(pos);
    return new ShellSyntaxError(`syntax error: ${message}`, line, pos - this.lineStarts[line - 1 - this.lineOffset]! + 1);
  }

  /** Skips blanks, line continuations and comments. */
  private skipBlank(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  next(): Token {
    this.skipBlank();
    const s = this.src;
    const start = this.pos;
    if (this.pos >= s.length) return { kind: 'eof', pos: start };
    if (s[this.pos] === '\n') {
      this.pos++;
      this.readHeredocBodies();
      return { kind: 'newline', pos: start };
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { kind: 'op', op, pos: start };
      }
    }
    const word = this.readWord();
    const raw = s.slice(start, this.pos);
    const plain = word.parts.length === 1 && word.parts[0]!.t === 'lit' && word.parts[0]!.v === raw;
    return { kind: 'word', word, raw, plain, pos: start };
  }

  /** True when the next characters are `<` or `>` (an IO_NUMBER before them). */
  atRedirect(): boolean {
    const c = this.src[this.pos];
    return c === '<' || c === '>';
  }

  private readWord(): Word {
    const parts: WordPart[] = [];
    const s = this.src;
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    if (s[this.pos] === '~') {
      let j = this.pos + 1;
      while (j < s.length && /[A-Za-z0-9_.-]/.test(s[j]!)) j++;
      if (j >= s.length || s[j] === '/' || META.has(s[j]!)) {
        parts.push({ t: 'tilde', user: s.slice(this.pos + 1, j) });
        this.pos = j;
      }
    }
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (META.has(c)) break;
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        flush();
        if (this.pos + 1 < s.length) parts.push({ t: 'sq', v: s[this.pos + 1]! });
        this.pos += 2;
      } else if (c === "'") {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw this.error('unterminated quoted string');
        parts.push({ t: 'sq', v: s.slice(this.pos + 1, end) });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readQuoted('"') });
      } else if (c === '$' || c === '`') {
        const p = this.readExpansion(false);
        if (p) {
          flush();
          parts.push(p);
        } else lit += c;
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts };
  }

  /**
   * Reads the inside of double quotes (or a here-doc body when `end` is
   * null) up to the closing quote, which it consumes.
   */
  readQuoted(end: '"' | null): WordPart[] {
    const parts: WordPart[] = [];
    const s = this.src;
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.pos >= s.length) {
        if (end === null) break;
        throw this.error('unterminated quoted string');
      }
      const c = s[this.pos]!;
      if (c === end) {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\' || (n === '"' && end === '"')) {
          flush();
          parts.push({ t: 'sq', v: n });
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
      } else if (c === '$' || c === '`') {
        const p = this.readExpansion(true);
        if (p) {
          flush();
          parts.push(p);
        } else lit += c;
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return parts;
  }

  /** At `$` or a backquote: the expansion part, or null for a literal `$`. */
  private readExpansion(inDq: boolean): WordPart | null {
    const s = this.src;
    if (s[this.pos] === '`') return this.readBackquote(inDq);
    const n = s[this.pos + 1];
    if (n === '{') {
      this.pos += 2;
      return this.readBraceParam();
    }
    if (n === '(') {
      if (s[this.pos + 2] === '(') {
        this.pos += 3;
        return { t: 'arith', expr: this.readArith() };
      }
      this.pos += 2;
      const body = this.parseSub(this, ')');
      return { t: 'cmd', body, backquote: false };
    }
    if (n !== undefined && (SPECIAL_PARAMS.has(n) || /[1-9]/.test(n))) {
      this.pos += 2;
      return { t: 'param', name: n };
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      let j = this.pos + 1;
      while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
      const name = s.slice(this.pos + 1, j);
      this.pos = j;
      return { t: 'param', name };
    }
    this.pos++;
    return null;
  }

  private readBackquote(inDq: boolean): WordPart {
    const s = this.src;
    const start = this.pos;
    this.pos++;
    let text = '';
    for (;;) {
      if (this.pos >= s.length) throw this.error('EOF in backquote substitution', start);
      const c = s[this.pos]!;
      if (c === '`') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '$' || n === '`' || n === '\\' || (inDq && n === '"')) {
          text += n;
          this.pos += 2;
          continue;
        }
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
      }
      text += c;
      this.pos++;
    }
    const sub = new Lexer(text, this.parseSub, this.lineAt(start) - 1);
    const body = this.parseSub(sub, null);
    return { t: 'cmd', body, backquote: true };
  }

  /** After `$((`: the expression up to the matching `))`, as a double-quote-like word. */
  private readArith(): Word {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    let depth = 0;
    const flush = (): void => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.pos >= s.length) throw this.error("missing '))'");
      const c = s[this.pos]!;
      if (c === ')' && depth === 0) {
        if (s[this.pos + 1] !== ')') throw this.error("missing '))'");
        this.pos += 2;
        break;
      }
      if (c === '(') depth++;
      if (c === ')') depth--;
      if (c === '$' || c === '`') {
        const p = this.readExpansion(true);
        if (p) {
          flush();
          parts.push(p);
        } else lit += c;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readQuoted('"') });
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    return { parts };
  }

  /** After `${`: name, operator and argument words, up to `}`. */
  private readBraceParam(): ParamPart {
    const s = this.src;
    const start = this.pos - 2;
    let name: string;
    let op: ParamOp | undefined;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && s[this.pos + 1] !== undefined) {
      // ${#name}: length (but ${#} is the count of positional parameters).
      this.pos++;
      name = this.readParamName(start);
      if (s[this.pos] !== '}') throw this.error("missing '}'", start);
      this.pos++;
      return { t: 'param', name, op: 'len' };
    }
    name = this.readParamName(start);
    const c = s[this.pos];
    if (c === undefined) throw this.error("missing '}'", start);
    if (c === '}') {
      this.pos++;
      return { t: 'param', name };
    }
    let colon = false;
    if (c === ':') {
      colon = true;
      this.pos++;
    }
    const d = s[this.pos];
    if (d === '-' || d === '=' || d === '?' || d === '+') {
      op = d;
      this.pos++;
    } else if (!colon && (d === '#' || d === '%')) {
      op = s[this.pos + 1] === d ? (d === '#' ? '##' : '%%') : d;
      this.pos += op.length;
    } else if (!colon && d === '/') {
      const e = s[this.pos + 1];
      // ash (1.35/1.36) has no `/#` and `/%` anchors: `#` and `%` are pattern text.
      op = e === '/' ? '//' : '/';
      this.pos += op.length;
      const pat = this.readParamWord(start, '/');
      let rep: Word = { parts: [] };
      if (s[this.pos] === '/') {
        this.pos++;
        rep = this.readParamWord(start, null);
      }
      this.pos++;
      return { t: 'param', name, op, arg: pat, arg2: rep };
    } else if (colon) {
      const off = this.readParamWord(start, ':');
      let len: Word | undefined;
      if (s[this.pos] === ':') {
        this.pos++;
        len = this.readParamWord(start, null);
      }
      this.pos++;
      return len ? { t: 'param', name, op: 'substr', arg: off, arg2: len } : { t: 'param', name, op: 'substr', arg: off };
    } else {
      throw this.error('bad substitution', start);
    }
    const arg = this.readParamWord(start, null);
    this.pos++;
    return { t: 'param', name, op, colon, arg };
  }

  private readParamName(start: number): string {
    const s = this.src;
    const c = s[this.pos];
    if (c === undefined) throw this.error("missing '}'", start);
    if (SPECIAL_PARAMS.has(c)) {
      this.pos++;
      return c;
    }
    let j = this.pos;
    if (/[0-9]/.test(c)) while (j < s.length && /[0-9]/.test(s[j]!)) j++;
    else while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
    if (j === this.pos) {
      const close = s.indexOf('}', this.pos);
      if (close < 0) throw this.error("missing '}'", start);
      throw this.error('bad substitution', start);
    }
    const name = s.slice(this.pos, j);
    this.pos = j;
    return name;
  }

  /** The word inside `${…}` after an operator, up to `}` (or `stop`), with quotes and expansions. */
  private readParamWord(start: number, stop: string | null): Word {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    let depth = 0;
    const flush = (): void => {
      if (lit) parts.push({ t: 'lit', v: lit });
      lit = '';
    };
    for (;;) {
      if (this.pos >= s.length) throw this.error("missing '}'", start);
      const c = s[this.pos]!;
      if (c === '}' && depth === 0) break;
      if (stop !== null && c === stop && depth === 0) break;
      if (c === '{') depth++;
      if (c === '}') depth--;
      if (c === '\\') {
        flush();
        if (s[this.pos + 1] !== '\n') parts.push({ t: 'sq', v: s[this.pos + 1] ?? '' });
        this.pos += 2;
      } else if (c === "'") {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw this.error('unterminated quoted string');
        parts.push({ t: 'sq', v: s.slice(this.pos + 1, end) });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        this.pos++;
        parts.push({ t: 'dq', parts: this.readQuoted('"') });
      } else if (c === '$' || c === '`') {
        const p = this.readExpansion(false);
        if (p) {
          flush();
          parts.push(p);
        } else lit += c;
      } else {
        lit += c;
        this.pos++;
      }
    }
    flush();
    return { parts };
  }

  /** After a newline: reads the bodies of pending here-docs, in order. */
  private readHeredocBodies(): void {
    const s = this.src;
    while (this.heredocs.length > 0) {
      const h = this.heredocs.shift()!;
      let body = '';
      for (;;) {
        if (this.pos >= s.length) {
          this.heredocAtEof = true;
          break;
        }
        let nl = s.indexOf('\n', this.pos);
        if (nl < 0) nl = s.length;
        let line = s.slice(this.pos, nl);
        this.pos = Math.min(nl + 1, s.length);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) break;
        body += `${line}\n`;
      }
      if (h.quoted) h.set({ parts: body ? [{ t: 'sq', v: body }] : [] });
      else {
        const sub = new Lexer(body, this.parseSub);
        h.set({ parts: sub.readQuoted(null) });
      }
    }
  }
}
