/**
 * Go's strconv.Quote, which Docker uses wherever it prints a string "as Go
 * would": BuildKit history (`CMD ["/bin/sh" "-c" "echo hi"]`), the COMMAND
 * column of `docker ps`, `printf "%q"` in --format templates.
 *
 * Printable runes stay as they are; `\a \b \f \n \r \t \v \\ \"` use their
 * short escapes; other control and format characters become `\xNN`, `\uNNNN`
 * or `\UNNNNNNNN`.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch, '"');
  return `${out}"`;
}

/** Go's strconv.QuoteRune (`%q` of a rune): `'a'`, `'\n'`, `'\''`. */
export function goQuoteRune(ch: string): string {
  return `'${quoteRune(ch, "'")}'`;
}

/**
 * Go's `%q` of a []string: each element quoted, space-separated, in brackets
 * (BuildKit's history `created_by` for CMD/ENTRYPOINT/SHELL).
 */
export function goQuoteList(items: readonly string[]): string {
  return `[${items.map(goQuote).join(' ')}]`;
}

const shortEscapes: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '\\': '\\\\',
};

// Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the
// ASCII space. Other spaces, controls, format characters and unassigned code
// points are escaped.
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function quoteRune(ch: string, quote: '"' | "'"): string {
  if (ch === quote) return `\\${quote}`;
  const short = shortEscapes[ch];
  if (short !== undefined) return short;
  if (printable.test(ch)) return ch;
  const cp = ch.codePointAt(0)!;
  // A lone surrogate is not valid UTF-8; Go would see the replacement rune.
  if (cp >= 0xd800 && cp <= 0xdfff) return '\ufffd';
  if (cp < 0x80) return `\\x${hex(cp, 2)}`;
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}
