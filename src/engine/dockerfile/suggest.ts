/**
 * "did you mean …?" suggestions, as BuildKit's `util/suggest` adds them to
 * unknown instructions and flags: the closest candidate by edit distance,
 * when it is close enough for the word's length.
 */

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** Case of `orig` applied to `val`, as BuildKit `matchCase`: all-lower or all-upper input wins. */
function matchCase(val: string, orig: string): string {
  if (orig === orig.toLowerCase()) return val.toLowerCase();
  if (orig === orig.toUpperCase()) return val.toUpperCase();
  return val;
}

/**
 * The candidate closest to `value` within 2 edits (BuildKit: distance < 3),
 * or null when there is none or `value` already is a candidate. Without
 * `caseSensitive` the comparison ignores case and the suggestion takes the
 * case of `value` (`CPY` → `COPY`, `cpy` → `copy`).
 */
export function suggest(value: string, candidates: readonly string[], caseSensitive = false): string | null {
  // Bounded work: long words and huge candidate lists get no suggestion.
  if (value === '' || value.length > 64 || candidates.length > 500) return null;
  const v = caseSensitive ? value : value.toLowerCase();
  let best: string | null = null;
  let bestDist = 3;
  for (const c of candidates) {
    const o = caseSensitive ? c : c.toLowerCase();
    if (o === v) return null;
    const d = levenshtein(v, o);
    if (d < bestDist) {
      bestDist = d;
      best = caseSensitive ? o : matchCase(o, value);
    }
  }
  return best;
}

/** Appends ` (did you mean X?)` to a message when there is a suggestion. */
export function withSuggestion(message: string, value: string, candidates: readonly string[], caseSensitive = false): string {
  const s = suggest(value, candidates, caseSensitive);
  return s === null ? message : `${message} (did you mean ${s}?)`;
}
