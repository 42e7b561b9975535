/**
 * Template functions: Go's builtins (text/template/funcs.go) and the ones
 * docker/cli adds for --format (cli/templates/templates.go: json, split,
 * join, title, lower, upper, pad, truncate).
 *
 * Each function declares its parameter kinds so arguments are checked the
 * way Go's reflection checks them (`wrong type for value; expected string;
 * got int`), and `and`/`or` are evaluated lazily by the executor.
 */
import type { GoValue } from './values.ts';
import { formatValue, GO_MARSHAL_JSON, isMap, isNil, isStruct, MISSING, truth, typeName, utf8Length } from './values.ts';
import { sprint, sprintf, sprintln } from './fmt.ts';

/** A parameter's Go type, as far as argument checking needs it. */
export type ParamKind = 'any' | 'string' | 'int' | 'strings';

export interface TemplateFunc {
  readonly params: readonly ParamKind[];
  /** Kind of the trailing variadic parameter, if the function is variadic. */
  readonly variadic?: ParamKind;
  readonly call: (...args: GoValue[]) => GoValue;
}

/** Thrown by a function; reported as `error calling NAME: MESSAGE`. */
export class FuncError extends Error {}

const fail = (message: string): never => {
  throw new FuncError(message);
};

/**
 * Go's basicKind for comparisons: integers and floats are different kinds (a
 * JS number is an int when it is integral); anything else is not basic.
 */
function basicKind(v: GoValue): 'nil' | 'string' | 'bool' | 'int' | 'float' | 'other' {
  if (isNil(v)) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'int';
  return 'other';
}

/** Go's eq for one pair: nil only equals nil; kinds must match; slices and maps are not comparable. */
function equal(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka !== kb) return ka !== 'nil' && kb !== 'nil' ? fail('incompatible types for comparison') : false;
  if (ka === 'nil') return true;
  if (ka === 'other') return fail(`non-comparable type ${formatValue(b)}: ${typeName(b)}`);
  // Loose equality on purpose: an int64 (bigint) equals the same int (number).
  return a == b;
}

/** Go's lt: both operands basic, of the same kind, and ordered (not bool). */
function less(a: GoValue, b: GoValue): boolean {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'nil' || ka === 'other' || kb === 'nil' || kb === 'other') fail('invalid type for comparison');
  if (ka !== kb) fail('incompatible types for comparison');
  if (ka === 'bool') fail('invalid type for comparison');
  return (a as number | string) < (b as number | string);
}

function indexInto(item: GoValue, key: GoValue): GoValue {
  if (isNil(item)) fail('index of untyped nil');
  if (Array.isArray(item) || typeof item === 'string') {
    if (typeof key !== 'number' || !Number.isInteger(key)) fail(`cannot index slice/array with type ${typeName(key)}`);
    const n = key as number;
    const len = typeof item === 'string' ? utf8Length(item) : item.length;
    if (n < 0 || n >= len) fail(`index out of range: ${n}`);
    return typeof item === 'string' ? item.codePointAt(n) : item[n];
  }
  if (isMap(item)) {
    if (typeof key !== 'string') fail(`value has type ${typeName(key)}; should be string`);
    // A missing key gives the map's zero value: nil for interface values.
    return Object.hasOwn(item, key as string) ? item[key as string] : null;
  }
  return fail(`can't index item of type ${typeName(item)}`);
}

function sliceOf(item: GoValue, ...idx: GoValue[]): GoValue {
  if (isNil(item)) fail('slice of untyped nil');
  if (idx.length > 3) fail(`too many slice indexes: ${idx.length}`);
  if (typeof item !== 'string' && !Array.isArray(item)) fail(`can't slice item of type ${typeName(item)}`);
  if (typeof item === 'string' && idx.length === 3) fail('cannot 3-index slice a string');
  const len = (item as string | unknown[]).length;
  const ints = idx.map((i) => {
    if (typeof i !== 'number' || !Number.isInteger(i)) fail(`cannot index slice/array with type ${typeName(i)}`);
    const n = i as number;
    if (n < 0 || n > len) fail(`index out of range: ${n}`);
    return n;
  });
  const from = ints[0] ?? 0;
  const to = ints[1] ?? len;
  if (from > to) fail(`invalid slice index: ${from} > ${to}`);
  return (item as string | unknown[]).slice(from, to);
}

function lengthOf(item: GoValue): number {
  if (isNil(item)) return fail('len of nil pointer');
  if (typeof item === 'string') return utf8Length(item);
  if (Array.isArray(item)) return item.length;
  if (isMap(item)) return Object.keys(item).length;
  return fail(`len of type ${typeName(item)}`);
}

/** docker's json: encoding/json with HTML escaping off (U+2028/9 still escaped), no trailing newline. */
function toJson(v: GoValue): string {
  if (isStruct(v) && typeof v[GO_MARSHAL_JSON] === 'function') return (v[GO_MARSHAL_JSON] as () => string)();
  const text = JSON.stringify(v === MISSING ? null : v, (_k, x: unknown) => (x === undefined || x === MISSING ? null : x));
  return (text ?? 'null').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Title-case the first letter of each word; the rest is left as is (x/text cases.Title with NoLower). */
function title(s: string): string {
  let out = '';
  let inWord = false;
  const chars = [...s];
  chars.forEach((ch, k) => {
    const wordChar = /[\p{L}\p{M}\p{N}_]/u.test(ch);
    // Apostrophes and dots between letters do not end a word ("don't", "a.b").
    const joiner = /['.:’]/.test(ch) && inWord && /[\p{L}\p{N}]/u.test(chars[k + 1] ?? '');
    out += wordChar && !inWord ? ch.toUpperCase() : ch;
    inWord = wordChar || joiner;
  });
  return out;
}

/** Go's strings.Split: an empty separator splits into characters. */
function split(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

/** docker's truncate: the first `length` bytes (whole characters here), unchanged when shorter. */
function truncate(s: string, length: number): string {
  if (utf8Length(s) < length) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    // Simplification: Go cuts at a byte and can split a character; we stop before it.
    if (used + n > length) break;
    out += ch;
    used += n;
  }
  return out;
}

function htmlEscape(s: string): string {
  return s.replace(/[&'<>"\0]/g, (c) =>
    c === '\0' ? '\uFFFD' : { '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '"': '&#34;' }[c]!,
  );
}

function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Evaluated-argument functions (everything but `and`/`or`, which the executor runs lazily). */
export const builtinFuncs: Readonly<Record<string, TemplateFunc>> = {
  // Go builtins
  eq: {
    params: ['any'],
    variadic: 'any',
    call: (a, ...rest) => (rest.length === 0 ? fail('missing argument for comparison') : rest.some((b) => equal(a, b))),
  },
  ne: { params: ['any', 'any'], call: (a, b) => !equal(a, b) },
  lt: { params: ['any', 'any'], call: (a, b) => less(a, b) },
  le: { params: ['any', 'any'], call: (a, b) => less(a, b) || equal(a, b) },
  gt: { params: ['any', 'any'], call: (a, b) => !less(a, b) && !equal(a, b) },
  ge: { params: ['any', 'any'], call: (a, b) => !less(a, b) },
  not: { params: ['any'], call: (a) => !truth(a) },
  len: { params: ['any'], call: (a) => lengthOf(a) },
  index: { params: ['any'], variadic: 'any', call: (item, ...keys) => keys.reduce((v, k) => indexInto(v, k), item) },
  slice: { params: ['any'], variadic: 'any', call: sliceOf },
  print: { params: [], variadic: 'any', call: (...args) => sprint(args) },
  printf: { params: ['string'], variadic: 'any', call: (f, ...args) => sprintf(f as string, args) },
  println: { params: [], variadic: 'any', call: (...args) => sprintln(args) },
  html: { params: [], variadic: 'any', call: (...args) => htmlEscape(sprint(args)) },
  urlquery: { params: [], variadic: 'any', call: (...args) => queryEscape(sprint(args)) },
  call: {
    params: ['any'],
    variadic: 'any',
    call: (fn, ...args) => (typeof fn === 'function' ? (fn as (...a: unknown[]) => unknown)(...args) : fail(`non-function of type ${typeName(fn)}`)),
  },
  // docker/cli additions
  json: { params: ['any'], call: toJson },
  split: { params: ['string', 'string'], call: (s, sep) => split(s as string, sep as string) },
  join: { params: ['strings', 'string'], call: (a, sep) => (a as string[]).join(sep as string) },
  title: { params: ['string'], call: (s) => title(s as string) },
  lower: { params: ['string'], call: (s) => (s as string).toLowerCase() },
  upper: { params: ['string'], call: (s) => (s as string).toUpperCase() },
  pad: {
    params: ['string', 'int', 'int'],
    call: (s, pre, post) => (s === '' ? '' : ' '.repeat(pre as number) + (s as string) + ' '.repeat(post as number)),
  },
  truncate: { params: ['string', 'int'], call: (s, n) => truncate(s as string, n as number) },
};

/** Names the parser accepts as functions: the table above plus the lazy `and`/`or`. */
export const builtinNames: ReadonlySet<string> = new Set([...Object.keys(builtinFuncs), 'and', 'or']);

/** Go's type name of a parameter kind, for "expected …" messages. */
export function kindName(kind: ParamKind): string {
  return kind === 'strings' ? '[]string' : kind === 'any' ? 'interface {}' : kind;
}

/** Check one argument against a parameter kind; returns the error text or null. */
export function checkArg(kind: ParamKind, v: GoValue): string | null {
  if (kind === 'any') return null;
  if (isNil(v)) return kind === 'strings' ? null : `invalid value; expected ${kindName(kind)}`;
  const ok =
    kind === 'string'
      ? typeof v === 'string'
      : kind === 'int'
        ? typeof v === 'number' && Number.isInteger(v)
        : Array.isArray(v) && v.every((e) => typeof e === 'string');
  return ok ? null : `wrong type for value; expected ${kindName(kind)}; got ${typeName(v)}`;
}

