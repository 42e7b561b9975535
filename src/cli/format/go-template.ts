/**
 * Go text/template as docker users write it for `--format`: fields, map keys,
 * pipelines, variables, if/else if/range/with/break/continue, define/template/
 * block, whitespace trimming, Go's builtins and docker's json/join/split/
 * title/lower/upper/pad/truncate, with Go's error texts.
 *
 * `table` is not part of the language: the caller strips it (see table.ts).
 *
 * Why hand-written: the npm packages are either a small subset
 * (@ctrl/golang-template: fields, if, range, join; no printf, variables,
 * trimming or Go errors) or a wrapper around the Go binary
 * (@evertdespiegeleer/go-template), which cannot run in a browser tab.
 *
 * Data model: see template/values.ts (JS values standing in for Go values;
 * GO_TYPE marks structs, whose missing fields are errors).
 */
import type { TemplateFunc } from './template/funcs.ts';
import { builtinFuncs, builtinNames } from './template/funcs.ts';
import { execute } from './template/exec.ts';
import type { Node } from './template/parse.ts';
import { parseTemplate } from './template/parse.ts';

export { TemplateExecError } from './template/exec.ts';
export { TemplateParseError } from './template/parse.ts';
export { GO_MARSHAL_JSON, GO_TYPE, MISSING } from './template/values.ts';
export type { ParamKind, TemplateFunc } from './template/funcs.ts';
export { sprintf } from './template/fmt.ts';

export interface GoTemplate {
  /** Run the template over `data`; throws TemplateExecError with Go's message. */
  execute(data: unknown): string;
}

export interface TemplateOptions {
  /** Template name used in error messages; docker's --format templates are unnamed (`""`). */
  readonly name?: string;
  /** Extra functions, or replacements for the built-in ones. */
  readonly funcs?: Readonly<Record<string, TemplateFunc>>;
}

/**
 * Parse a template; throws TemplateParseError with Go's message, e.g.
 * `template: :1: function "foo" not defined`.
 */
export function parseGoTemplate(text: string, options: TemplateOptions = {}): GoTemplate {
  const name = options.name ?? '';
  const funcs = { ...builtinFuncs, ...options.funcs };
  const names = new Set([...builtinNames, ...Object.keys(options.funcs ?? {})]);
  const { root, defined } = parseTemplate(name, text, names);
  const ctx = { name, text, funcs, defined: defined as ReadonlyMap<string, readonly Node[]> };
  return { execute: (data: unknown) => execute(ctx, root, data) };
}

/** Parse and execute in one step. */
export function renderGoTemplate(text: string, data: unknown, options?: TemplateOptions): string {
  return parseGoTemplate(text, options).execute(data);
}
