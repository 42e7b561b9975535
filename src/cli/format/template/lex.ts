/**
 * Lexer for Go text/template (text/template/parse/lex.go): splits a template
 * into text and action tokens. Trim markers (`{{- ` and ` -}}`) are applied
 * here, as Go does, by trimming the neighbouring text.
 */

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'field'
  | 'variable'
  | 'dot'
  | 'nil'
  | 'bool'
  | 'string'
  | 'rawString'
  | 'charConstant'
  | 'number'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'leftParen'
  | 'rightParen'
  | 'comma'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Source text of the token (for strings: still quoted). */
  readonly value: string;
  /** Offset in the template text. */
  readonly pos: number;
  /** 1-based line where the token starts. */
  readonly line: number;
}

/** A lexing failure; the parser turns it into `template: NAME:LINE: msg`. */
export class LexError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined) => c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);

function trimRightSpace(s: string): string {
  let end = s.length;
  while (end > 0 && isSpace(s[end - 1])) end--;
  return s.slice(0, end);
}

/** Tokenise `text`. Throws LexError on malformed input. */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  // Templates are short; counting newlines per token keeps the lexer simple.
  const lineAt = (p: number) => {
    let n = 1;
    for (let i = 0; i < p; i++) if (text.charCodeAt(i) === 10) n++;
    return n;
  };
  const emit: Emit = (type, start, end, value = text.slice(start, end)) => {
    tokens.push({ type, value, pos: start, line: lineAt(start) });
  };

  let pos = 0;
  let trimNextText = false;
  while (pos < text.length) {
    // Text up to the next "{{".
    const open = text.indexOf('{{', pos);
    const textEnd = open < 0 ? text.length : open;
    let start = pos;
    if (trimNextText) while (start < textEnd && isSpace(text[start])) start++;
    trimNextText = false;
    const leftTrim = open >= 0 && text[open + 2] === '-' && isSpace(text[open + 3]);
    const chunk = leftTrim ? trimRightSpace(text.slice(start, textEnd)) : text.slice(start, textEnd);
    if (chunk.length > 0) emit('text', start, start + chunk.length);
    if (open < 0) break;
    pos = open + 2 + (leftTrim ? 2 : 0);

    // A comment: {{/* ... */}}, only directly after the delimiter (and trim marker).
    if (text.startsWith('/*', pos)) {
      const close = text.indexOf('*/', pos + 2);
      if (close < 0) throw new LexError('unclosed comment', lineAt(open));
      const after = close + 2;
      if (isSpace(text[after]) && text.startsWith('-}}', after + 1)) {
        pos = after + 4;
        trimNextText = true;
      } else if (text.startsWith('}}', after)) {
        pos = after + 2;
      } else {
        throw new LexError('comment ends before closing delimiter', lineAt(open));
      }
      continue;
    }

    emit('leftDelim', open, open + 2, '{{');
    pos = lexInsideAction(text, pos, lineAt, emit);
    if (isSpace(text[pos])) {
      // " -}}": trim the whitespace after the action.
      emit('rightDelim', pos + 2, pos + 4, '}}');
      pos += 4;
      trimNextText = true;
    } else {
      emit('rightDelim', pos, pos + 2, '}}');
      pos += 2;
    }
  }
  emit('eof', text.length, text.length);
  return tokens;
}

type Emit = (type: TokenType, start: number, end: number, value?: string) => void;

/** Lex the inside of an action starting at `pos`; returns the offset of its right delimiter. */
function lexInsideAction(text: string, pos: number, lineAt: (p: number) => number, emit: Emit): number {
  let parenDepth = 0;
  // " -}}" (any one space character before the dash) ends the action with a trim marker.
  const atTrimRightDelim = (p: number) => isSpace(text[p]) && text.startsWith('-}}', p + 1);
  for (;;) {
    if (pos >= text.length) throw new LexError('unclosed action', lineAt(pos));
    if (text.startsWith('}}', pos) || atTrimRightDelim(pos)) {
      if (parenDepth > 0) throw new LexError('unclosed left paren', lineAt(pos));
      return pos;
    }
    const c = text[pos]!;
    const start = pos;
    if (isSpace(c)) {
      while (pos < text.length && isSpace(text[pos]) && !atTrimRightDelim(pos)) pos++;
      emit('space', start, pos);
      continue;
    }
    if (c === '=') {
      emit('assign', pos, ++pos);
    } else if (c === ':') {
      if (text[pos + 1] !== '=') throw new LexError('expected :=', lineAt(pos));
      pos += 2;
      emit('declare', start, pos);
    } else if (c === '|') {
      emit('pipe', pos, ++pos);
    } else if (c === ',') {
      emit('comma', pos, ++pos);
    } else if (c === '(') {
      parenDepth++;
      emit('leftParen', pos, ++pos);
    } else if (c === ')') {
      if (--parenDepth < 0) throw new LexError('unexpected right paren', lineAt(pos));
      emit('rightParen', pos, ++pos);
    } else if (c === '"') {
      pos++;
      for (;;) {
        const ch = text[pos];
        if (ch === '\\') pos += 2;
        else if (ch === undefined || ch === '\n') throw new LexError('unterminated quoted string', lineAt(start));
        else if (ch === '"') break;
        else pos++;
      }
      emit('string', start, ++pos);
    } else if (c === '`') {
      const close = text.indexOf('`', pos + 1);
      if (close < 0) throw new LexError('unterminated raw quoted string', lineAt(start));
      pos = close + 1;
      emit('rawString', start, pos);
    } else if (c === "'") {
      pos++;
      for (;;) {
        const ch = text[pos];
        if (ch === '\\') pos += 2;
        else if (ch === undefined || ch === '\n') throw new LexError('unterminated character constant', lineAt(start));
        else if (ch === "'") break;
        else pos++;
      }
      emit('charConstant', start, ++pos);
    } else if (c === '$') {
      pos++;
      while (isAlnum(text[pos])) pos++;
      emit('variable', start, pos);
    } else if (c === '.') {
      if (isAlnum(text[pos + 1]) && !/[0-9]/.test(text[pos + 1]!)) {
        pos++;
        while (isAlnum(text[pos])) pos++;
        emit('field', start, pos);
      } else if (/[0-9]/.test(text[pos + 1] ?? '')) {
        pos = lexNumber(text, pos, lineAt(pos));
        emit('number', start, pos);
      } else {
        emit('dot', pos, ++pos);
      }
    } else if (c === '+' || c === '-' || /[0-9]/.test(c)) {
      pos = lexNumber(text, pos, lineAt(pos));
      emit('number', start, pos);
    } else if (isAlnum(c)) {
      while (isAlnum(text[pos])) pos++;
      const word = text.slice(start, pos);
      if (KEYWORDS.has(word)) emit('keyword', start, pos);
      else if (word === 'true' || word === 'false') emit('bool', start, pos);
      else if (word === 'nil') emit('nil', start, pos);
      else emit('identifier', start, pos);
    } else {
      const cp = c.codePointAt(0)!;
      throw new LexError(`bad character U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`, lineAt(pos));
    }
  }
}

/** Scan a Go number literal; an alphanumeric right after it is "bad number syntax". */
function lexNumber(text: string, pos: number, line: number): number {
  const m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:[0-9][0-9_]*\.?[0-9_]*|\.[0-9][0-9_]*)(?:[eE][+-]?[0-9_]+)?)/.exec(
    text.slice(pos),
  );
  const end = pos + (m ? m[0].length : 0);
  if (!m || m[0] === '+' || m[0] === '-' || isAlnum(text[end]) || text[end] === '.') {
    let bad = end;
    while (isAlnum(text[bad]) || text[bad] === '.' || text[bad] === '+' || text[bad] === '-') bad++;
    throw new LexError(`bad number syntax: "${text.slice(pos, Math.max(bad, pos + 1))}"`, line);
  }
  return end;
}
