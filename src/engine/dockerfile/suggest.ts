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

/**
 * The candidate closest to `value`, or null when none is within
 * max(1, min(3, len/3)) edits or `value` already is a candidate.
 */
export function suggest(value: string, candidates: readonly string[], caseSensitive = false): string | null {
  // Bounded work: long words and huge candidate lists get no suggestion.
  if (value === '' || value.length > 64 || candidates.length > 500) return null;
  const v = caseSensitive ? value : value.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(v.length / 3)));
  let best: string | null = null;
  let bestDist = limit + 1;
  for (const c of candidates) {
    const o = caseSensitive ? c : c.toLowerCase();
    if (o === v) return null;
    const d = levenshtein(v, o);
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best;
}

/** Appends ` (did you mean X?)` to a message when there is a suggestion. */
export function withSuggestion(message: string, value: string, candidates: readonly string[], caseSensitive = false): string {
  const s = suggest(value, candidates, caseSensitive);
  return s === null ? message : `${message} (did you mean ${s}?)`;
}
