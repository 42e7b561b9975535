/**
 * BuildKit `splitCommand` / `extractBuilderFlags`: the keyword, the leading
 * `--flag[=value]` words and the rest of the logical line.
 */
import { isGoSpace, reWhitespace } from './go-text.ts';

export interface SplitCommand {
  readonly cmd: string;
  readonly flags: string[];
  /** The arguments after the flags, trimmed. */
  readonly args: string;
  /** Offset of `args` in the line given. */
  readonly argsOffset: number;
}

/** Splits a logical line into keyword, builder flags and arguments. */
export function splitCommand(line: string): SplitCommand {
  let lead = 0;
  while (lead < line.length && isGoSpace(line.charCodeAt(lead))) lead++;
  let tail = line.length;
  while (tail > lead && isGoSpace(line.charCodeAt(tail - 1))) tail--;
  const trimmed = line.slice(lead, tail);
  const m = reWhitespace.exec(trimmed);
  if (!m) return { cmd: trimmed, flags: [], args: '', argsOffset: tail };
  const cmd = trimmed.slice(0, m.index);
  const restStart = m.index + m[0].length;
  const { rest, restOffset, flags } = extractBuilderFlags(trimmed.slice(restStart));
  let a = 0;
  while (a < rest.length && isGoSpace(rest.charCodeAt(a))) a++;
  let b = rest.length;
  while (b > a && isGoSpace(rest.charCodeAt(b - 1))) b--;
  return { cmd, flags, args: rest.slice(a, b), argsOffset: lead + restStart + restOffset + a };
}

/**
 * Takes `--name[=value]` words off the front of `line`. Quotes and backslashes
 * inside a flag word are processed; a bare `--` ends the flags and is dropped.
 * Simplification: BuildKit walks bytes and re-encodes each byte as a rune, which
 * garbles non-ASCII text inside flags; we keep such text intact.
 */
export function extractBuilderFlags(line: string): { rest: string; restOffset: number; flags: string[] } {
  const words: string[] = [];
  let inWord = false;
  let inQuote = false;
  let word = '';
  let quote = '';
  let blankOK = false;
  const n = line.length;
  for (let pos = 0; pos <= n; pos++) {
    const ch = pos < n ? line[pos]! : '';
    if (!inWord && !inQuote) {
      if (pos === n) break;
      if (isGoSpace(line.charCodeAt(pos))) continue;
      if (ch !== '-' || pos + 1 === n || line[pos + 1] !== '-') return { rest: line.slice(pos), restOffset: pos, flags: words };
      inWord = true;
    }
    if (pos === n) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (inWord) {
      if (isGoSpace(line.charCodeAt(pos))) {
        inWord = false;
        if (word === '--') return { rest: line.slice(pos), restOffset: pos, flags: words };
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        inWord = false;
        inQuote = true;
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === n) continue;
        pos++;
        word += line[pos];
        continue;
      }
      word += ch;
      continue;
    }
    // in quote
    if (ch === quote) {
      inQuote = false;
      inWord = true;
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === n) {
        inQuote = false;
        inWord = true;
        continue;
      }
      pos++;
      word += line[pos];
      continue;
    }
    word += ch;
  }
  return { rest: '', restOffset: n, flags: words };
}
