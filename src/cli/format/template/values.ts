/**
 * How JavaScript values stand in for Go values inside templates.
 *
 * - string, boolean: Go string, bool. A number is an `int` when it is an
 *   integer and a `float64` otherwise (Go's own types cannot be recovered).
 * - arrays: `[]interface {}`; plain objects: `map[string]interface {}` (a
 *   missing key is `<no value>`, keys print sorted, as Go prints maps).
 * - objects carrying GO_TYPE are structs: a missing field is an error
 *   (`can't evaluate field X in type T`), as for docker's typed contexts.
 * - functions are methods: `.Label "key"` calls them with the arguments.
 * - `null`/`undefined` are Go's nil; MISSING is the "invalid value" of a
 *   missing map key, printed as `<no value>`.
 */
import { formatFloat } from '../../../lib/go-float.ts';

/** The absent value of a missing map key (Go's invalid reflect.Value). */
export const MISSING: unique symbol = Symbol('no value');
export type Missing = typeof MISSING;

/** Mark an object as a Go struct of the named type, e.g. `*formatter.ContainerContext`. */
export const GO_TYPE: unique symbol = Symbol('go type');

/**
 * A struct's json.Marshaler: a method returning its JSON text, used by the
 * `json` function instead of the field-by-field encoding (docker's formatter
 * contexts marshal themselves through formatter.MarshalJSON).
 */
export const GO_MARSHAL_JSON: unique symbol = Symbol('go MarshalJSON');

export type GoValue = unknown;

export function isNil(v: GoValue): v is null | undefined | Missing {
  return v === null || v === undefined || v === MISSING;
}

export function isStruct(v: GoValue): v is Record<string | symbol, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as Record<symbol, unknown>)[GO_TYPE] === 'string';
}

export function isMap(v: GoValue): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isStruct(v);
}

/** Go's type name for error messages and `%T`. */
export function typeName(v: GoValue): string {
  if (isNil(v)) return '<nil>';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float64';
    case 'bigint':
      return 'int64';
    case 'function':
      return 'func';
  }
  if (Array.isArray(v)) return '[]interface {}';
  if (isStruct(v)) return v[GO_TYPE] as string;
  return 'map[string]interface {}';
}

/** Go template truth: false, 0, nil, and empty strings, slices and maps are false. */
export function truth(v: GoValue): boolean {
  if (isNil(v)) return false;
  switch (typeof v) {
    case 'string':
      return v.length > 0;
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'function':
      return true;
  }
  if (Array.isArray(v)) return v.length > 0;
  if (isStruct(v)) return true;
  return Object.keys(v as object).length > 0;
}

/** Struct fields in declaration (insertion) order; methods are not printed. */
function structFields(v: Record<string, unknown>): unknown[] {
  return Object.keys(v)
    .filter((k) => typeof v[k] !== 'function')
    .map((k) => v[k]);
}

/**
 * Go's `%v` of a value (fmt.Sprint of one operand). `top` is the value an
 * action prints directly, where a missing key shows as `<no value>`.
 */
export function formatValue(v: GoValue, top = false): string {
  if (v === MISSING) return top ? '<no value>' : '<nil>';
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return formatNumber(v);
    case 'bigint':
      return v.toString();
    case 'function':
      return '<func>';
  }
  if (Array.isArray(v)) return `[${v.map((e) => formatValue(e)).join(' ')}]`;
  if (isStruct(v)) return `{${structFields(v as Record<string, unknown>).map((e) => formatValue(e)).join(' ')}}`;
  const map = v as Record<string, unknown>;
  const keys = Object.keys(map).sort();
  return `map[${keys.map((k) => `${k}:${formatValue(map[k])}`).join(' ')}]`;
}

/** An integer prints as Go's int, anything else as float64 `%v` (shortest `%g`). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return formatFloat(n, 'g', -1);
}

/** UTF-8 byte length, as Go's len() counts strings. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
