/**
 * BuildKit `parseWords`: splits an instruction's arguments on unquoted
 * whitespace while KEEPING quotes and escapes (they are removed later, at
 * expansion time). Used for ENV, LABEL and ARG.
 */
import type { EscapeToken } from './ast.ts';
import { isGoSpace } from './go-text.ts';

/** A word and where it starts/ends in the input (UTF-16 offsets, end exclusive). */
export interface Word {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const enum Phase {
  Spaces,
  Word,
  Quote,
}

/** Splits `rest` into raw words; see the module comment. */
export function parseWords(rest: string, escape: EscapeToken = '\\'): Word[] {
  const words: Word[] = [];
  let phase = Phase.Spaces;
  let word = '';
  let start = 0;
  let quote = '';
  let blankOK = false;
  const n = rest.length;
  const push = (end: number): void => {
    if (blankOK || word.length > 0) words.push({ text: word, start, end });
  };
  for (let pos = 0; pos <= n; ) {
    if (pos === n) {
      if (phase !== Phase.Spaces) push(n);
      break;
    }
    const cp = rest.codePointAt(pos)!;
    const ch = String.fromCodePoint(cp);
    const w = ch.length;
    if (phase === Phase.Spaces) {
      if (isGoSpace(cp)) {
        pos += w;
        continue;
      }
      phase = Phase.Word;
      start = pos;
    }
    if (phase === Phase.Word) {
      if (isGoSpace(cp)) {
        phase = Phase.Spaces;
        push(pos);
        word = '';
        blankOK = false;
        pos += w;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = Phase.Quote;
      }
      if (ch === escape) {
        if (pos + w === n) {
          pos += w; // an escape token at the very end is dropped
          continue;
        }
        // Unquoted: keep the escape token and the next character, even a quote.
        word += ch;
        pos += w;
        const next = String.fromCodePoint(rest.codePointAt(pos)!);
        word += next;
        pos += next.length;
        continue;
      }
      word += ch;
      pos += w;
      continue;
    }
    // Phase.Quote
    if (ch === quote) phase = Phase.Word;
    if (ch === escape && quote !== "'") {
      if (pos + w === n) {
        phase = Phase.Word;
        pos += w;
        continue;
      }
      word += ch;
      pos += w;
      const next = String.fromCodePoint(rest.codePointAt(pos)!);
      word += next;
      pos += next.length;
      continue;
    }
    word += ch;
    pos += w;
  }
  return words;
}
