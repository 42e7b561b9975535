/**
 * docker/cli's `--format` rendering (cli/command/formatter/formatter.go):
 *
 * - `table …`: the rest is a template; `\t` and `\n` typed literally become
 *   a tab and a newline; the header row is the same template executed over
 *   the column headers (functions like `upper` leave headers alone); rows and
 *   header go through tabwriter(minwidth 10, tabwidth 1, padding 3), so every
 *   tab-terminated cell is padded to max(widest + 3, 10).
 * - `json`: each item as `{{json .}}`.
 * - anything else: a template executed once per item, each followed by "\n".
 *
 * Template errors read as the docker CLI prints them:
 * `template parsing error: template: :1: function "x" not defined`.
 */
import { EngineError } from '../../api/errors.ts';
import type { TemplateFunc } from './go-template.ts';
import { parseGoTemplate } from './go-template.ts';
import { formatTabbed } from './tabwriter.ts';

const TABLE_KEY = 'table';
const JSON_KEY = 'json';

/** docker's tabwriter settings for every table. */
export const TABLE_WRITER = Object.freeze({ minwidth: 10, tabwidth: 1, padding: 3, padchar: ' ' });

export function isTableFormat(format: string): boolean {
  return format.startsWith(TABLE_KEY);
}

/**
 * The template text docker executes for a `--format` value: `table` removed,
 * surrounding spaces trimmed, literal `\t` / `\n` turned into tab / newline.
 */
export function templateText(format: string): string {
  if (format === JSON_KEY) return '{{json .}}';
  const body = isTableFormat(format) ? format.slice(TABLE_KEY.length) : format;
  return body.replace(/^ +| +$/g, '').replaceAll('\\t', '\t').replaceAll('\\n', '\n');
}

/** Header functions: in the header row every docker function returns its first argument. */
const identity1: TemplateFunc = { params: ['any'], call: (v) => v };
const identity2: TemplateFunc = { params: ['any', 'any'], call: (v) => v };
const identity3: TemplateFunc = { params: ['any', 'any', 'any'], call: (v) => v };
const headerFuncs: Readonly<Record<string, TemplateFunc>> = {
  json: identity1,
  split: identity2,
  join: identity2,
  title: identity1,
  lower: identity1,
  upper: identity1,
  pad: identity3,
  truncate: identity2,
};

function templateError(err: unknown, format: string): never {
  const message = err instanceof Error ? err.message : String(err);
  throw new EngineError('InvalidParameter', `template parsing error: ${message}`, { format });
}

export interface RenderOptions {
  /** Column headers by field name (`{ ID: 'IMAGE', CreatedSince: 'CREATED', … }`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Extra template functions (docker's are always there). */
  readonly funcs?: Readonly<Record<string, TemplateFunc>>;
}

/**
 * Render `items` with a docker `--format` value. Returns the full output,
 * newline-terminated rows; a table prints its header even with no items.
 */
export function renderFormat(format: string, items: readonly unknown[], options: RenderOptions = {}): string {
  const text = templateText(format);
  const funcs = options.funcs ?? {};
  let tmpl;
  try {
    tmpl = parseGoTemplate(text, { funcs });
  } catch (e) {
    templateError(e, format);
  }
  let body = '';
  for (const item of items) {
    try {
      body += `${tmpl.execute(item)}\n`;
    } catch (e) {
      templateError(e, format);
    }
  }
  if (!isTableFormat(format)) return body;
  let header: string;
  try {
    header = parseGoTemplate(text, { funcs: { ...funcs, ...headerFuncs } }).execute(options.headers ?? {});
  } catch (e) {
    templateError(e, format);
  }
  return formatTabbed(`${header}\n${body}`, TABLE_WRITER);
}
