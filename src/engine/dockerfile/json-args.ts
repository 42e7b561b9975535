/**
 * Exec-form (JSON array) arguments: `RUN ["echo", "hi"]`. BuildKit decodes
 * with `json.Unmarshal` into `[]interface{}`: malformed JSON is not an error
 * (the line falls back to shell form), but a well-formed array holding
 * anything other than strings is.
 */
import { InstructionError } from './errors.ts';
import { trimLeftSpace } from './go-text.ts';

export const notStringArrayMessage = 'when using JSON array syntax, arrays must be comprised of strings only';

/** Go's decoder turns an unpaired surrogate escape (`\ud800`) into U+FFFD. */
function goString(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** True when some number in the value overflows float64 (Go then fails to decode, i.e. shell form). */
function hasOverflow(v: unknown): boolean {
  if (typeof v === 'number') return !Number.isFinite(v);
  if (Array.isArray(v)) return v.some(hasOverflow);
  if (v && typeof v === 'object') return Object.values(v).some(hasOverflow);
  return false;
}

/**
 * Decodes `rest` as a JSON array of strings. Returns null when it is not JSON
 * (the caller then uses shell form); throws InstructionError when it is a JSON
 * array with a non-string element.
 */
export function parseJsonArray(rest: string): string[] | null {
  const s = trimLeftSpace(rest);
  if (!s.startsWith('[')) return null;
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    return null;
  }
  if (!Array.isArray(v) || hasOverflow(v)) return null;
  const out: string[] = [];
  for (const el of v) {
    if (typeof el !== 'string') throw new InstructionError(notStringArrayMessage);
    out.push(goString(el));
  }
  return out;
}
