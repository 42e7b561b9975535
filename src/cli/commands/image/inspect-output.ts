/**
 * How docker prints `inspect` results: Go's json.MarshalIndent with a
 * 4-space indent over the array of objects, which escapes <, > and & as
 * \u003c, \u003e and \u0026 (so `&&` in a Cmd reads `\u0026\u0026`).
 */
export function goIndentedJson(values: readonly unknown[]): string {
  return JSON.stringify(values, null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
