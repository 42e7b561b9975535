/**
 * Go text primitives the BuildKit parser depends on, reproduced so our output
 * matches byte for byte: `strconv.Quote`, `%q` of a `[]string`,
 * `unicode.IsSpace` and `strings.TrimSpace`.
 */

/** Go `unicode.IsSpace`: ASCII blanks plus U+0085, U+00A0 and the Unicode White_Space separators. */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Go `strings.TrimLeftFunc(s, unicode.IsSpace)`. */
export function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

/** Go `strings.TrimSpace`. */
export function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isGoSpace(s.charCodeAt(i))) i++;
  while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

/** BuildKit's `reWhitespace` = `[\t\v\f\r ]+` (note: no `\n`). */
export const reWhitespace = /[\t\v\f\r ]+/;
const reWhitespaceG = /[\t\v\f\r ]+/g;

/** Go `reWhitespace.Split(s, -1)`, which never drops empty edges. */
export function splitWhitespace(s: string): string[] {
  return s.split(reWhitespaceG);
}

const rePrintable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const simpleEscapes: Readonly<Record<number, string>> = {
  0x07: '\\a', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v',
  0x22: '\\"', 0x5c: '\\\\',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Go `strconv.Quote`: printable runes (unicode.IsPrint) stay literal, the usual
 * C escapes, other C0/DEL as `\xNN`, other non-printables as `\uXXXX`/`\UXXXXXXXX`.
 * A lone UTF-16 surrogate cannot come from UTF-8 text; it is quoted as U+FFFD would be escaped (`\ufffd`).
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const esc = simpleEscapes[c];
    if (esc !== undefined) out += esc;
    else if (c < 0x80 && c >= 0x20 && c !== 0x7f) out += ch;
    else if (c < 0x20 || c === 0x7f) out += '\\x' + hex(c, 2);
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (rePrintable.test(ch)) out += ch;
    else if (c < 0x10000) out += '\\u' + hex(c, 4);
    else out += '\\U' + hex(c, 8);
  }
  return out + '"';
}

/** Go `fmt.Sprintf("%q", []string{...})`: `["a" "b"]`. */
export function goQuoteSlice(xs: readonly string[]): string {
  return '[' + xs.map(goQuote).join(' ') + ']';
}

/** Number of bytes `s` occupies in UTF-8 (lone surrogates count as the 3-byte U+FFFD). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
