/**
 * How docker prints `inspect` results: a JSON encoder with a 4-space indent
 * and HTML escaping off (`<`, `>`, `&` stay as they are; checked against the
 * real CLI), which still escapes U+2028 and U+2029.
 */
export function goIndentedJson(values: readonly unknown[]): string {
  return JSON.stringify(values, null, 4)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
