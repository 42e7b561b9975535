/**
 * Here-documents (`RUN <<EOF`, `COPY <<-'EOT' /dest`). Detection follows
 * BuildKit: the whole logical line is split into shell words keeping quotes,
 * escapes and unset variables verbatim; a word matching `N<<[-] DELIM` is a
 * heredoc. Whether the delimiter was quoted (no expansion of the body) is found
 * by lexing it twice, with and without quote removal, and comparing the number
 * of quote characters left: quotes that did their job disappear.
 */
import { InstructionError } from './errors.ts';

/** A heredoc header found on an instruction line (the body is read by the parser). */
export interface HeredocHeader {
  readonly name: string;
  readonly fileDescriptor: number;
  readonly expand: boolean;
  readonly chomp: boolean;
}

const reHeredoc = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

const isLexSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

interface LexOptions {
  /** Keep quote characters in the words. */
  readonly rawQuotes: boolean;
  /** Keep escape characters in the words. */
  readonly rawEscapes: boolean;
}

/**
 * A shell word splitter with an empty environment in which unset variables are
 * left as written (BuildKit `SkipUnsetEnv`). Only what heredoc detection needs:
 * quotes, backslash escapes, `$NAME`/`${...}` kept raw, and `<<` absorbing the
 * blanks after it so that `<< EOF` stays one word. Throws on an unterminated quote.
 */
function lexWords(src: string, opts: LexOptions): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  const n = src.length;
  let i = 0;
  const flush = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < n) {
    const ch = src[i]!;
    if (isLexSpace(ch)) {
      flush();
      i++;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw new InstructionError('unexpected end of statement while looking for matching single-quote');
      word += opts.rawQuotes ? src.slice(i, close + 1) : src.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (ch === '"') {
      if (opts.rawQuotes) word += '"';
      i++;
      for (;;) {
        if (i >= n) throw new InstructionError('unexpected end of statement while looking for matching double-quote');
        const c = src[i]!;
        if (c === '"') {
          if (opts.rawQuotes) word += '"';
          i++;
          break;
        }
        if (c === '\\' && i + 1 < n && (src[i + 1] === '"' || src[i + 1] === '$' || src[i + 1] === '\\')) {
          word += opts.rawEscapes ? src.slice(i, i + 2) : src[i + 1];
          i += 2;
          continue;
        }
        word += c;
        i++;
      }
      continue;
    }
    if (ch === '\\') {
      if (opts.rawEscapes) word += ch;
      if (i + 1 < n) word += src[i + 1];
      i += 2;
      continue;
    }
    if (ch === '$' && src[i + 1] === '{') {
      const close = src.indexOf('}', i + 2);
      const end = close < 0 ? n : close + 1;
      word += src.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '<' && src[i + 1] === '<') {
      let j = i + 2;
      if (src[j] === '-') j++;
      while (j < n && isLexSpace(src[j]!)) j++;
      word += src.slice(i, j);
      i = j;
      continue;
    }
    word += ch;
    i++;
  }
  flush();
  return words;
}

const countQuotes = (s: string): number => {
  let c = 0;
  for (const ch of s) if (ch === "'" || ch === '"') c++;
  return c;
};

/**
 * BuildKit `ParseHeredoc(word)`: null when `word` is not a heredoc; throws on an
 * unterminated quote in the delimiter.
 */
export function parseHeredoc(word: string): HeredocHeader | null {
  const m = reHeredoc.exec(word);
  if (!m) return null;
  const rest = m[3]!;
  if (rest.length === 0) return null;
  const words = lexWords(rest, { rawQuotes: false, rawEscapes: false });
  if (words.length !== 1) return null;
  const raw = lexWords(rest, { rawQuotes: true, rawEscapes: false });
  if (raw.length !== 1) throw new InstructionError(`internal lexing of heredoc produced inconsistent results: ${rest}`);
  const fd = m[1] === '' ? 0 : Number.parseInt(m[1]!, 10);
  return {
    name: words[0]!,
    fileDescriptor: Number.isSafeInteger(fd) ? fd : 0,
    expand: countQuotes(words[0]!) === countQuotes(raw[0]!),
    chomp: m[2] === '-',
  };
}

/** The heredoc headers on a logical line, in order (BuildKit `heredocsFromLine`). */
export function heredocsFromLine(line: string): HeredocHeader[] {
  let words: string[];
  try {
    words = lexWords(line, { rawQuotes: true, rawEscapes: true });
  } catch {
    return []; // BuildKit ignores lexing errors of the whole line
  }
  const out: HeredocHeader[] = [];
  for (const w of words) {
    const h = parseHeredoc(w);
    if (h) out.push(h);
  }
  return out;
}

/** Strips the leading tabs of every line (`<<-`), BuildKit `ChompHeredocContent`. */
export function chompHeredocContent(src: string): string {
  return src.replace(/^\t+/gm, '');
}
