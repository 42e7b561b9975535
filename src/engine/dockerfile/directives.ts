/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`): comment lines at
 * the very top of a Dockerfile that configure the parser itself. BuildKit
 * `parser/directives.go` semantics: the first line that is not a directive
 * (a blank line, an instruction, any other comment) ends the scan for good.
 */
import type { Directive } from './ast.ts';
import { InstructionError } from './errors.ts';

const knownDirectives = new Set(['syntax', 'escape', 'check']);

const ws = '[\\t\\n\\f\\r ]';
const isWs = (c: string): boolean => c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === ' ';
const hashHead = new RegExp(`^#${ws}*([a-zA-Z][a-zA-Z0-9]*)${ws}*=`);
const slashHead = new RegExp(`^//${ws}*([a-zA-Z][a-zA-Z0-9]*)${ws}*=`);

/**
 * BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` (Go RE2 `\s` is
 * [\t\n\f\r ]), evaluated by hand: a JavaScript engine would backtrack
 * quadratically on `(.+?)\s*$` for values with long blank runs.
 */
function matchDirective(head: RegExp, text: string): [string, string] | null {
  const m = head.exec(text);
  if (!m) return null;
  const tail = text.slice(m[0].length);
  if (tail.includes('\n') || tail === '') return null;
  let i = 0;
  while (i < tail.length && isWs(tail[i]!)) i++;
  if (i === tail.length) return [m[1]!, tail[tail.length - 1]!];
  let j = tail.length;
  while (j > i && isWs(tail[j - 1]!)) j--;
  return [m[1]!, tail.slice(i, j)];
}

/**
 * Feeds lines one at a time and recognises directives until the first line
 * that is not one. Throws InstructionError on a repeated directive.
 */
export class DirectiveScanner {
  private line: number;
  private done = false;
  private readonly seen = new Set<string>();
  private readonly head: RegExp;

  constructor(prefix: '#' | '//' = '#', firstLine = 0) {
    this.head = prefix === '#' ? hashHead : slashHead;
    this.line = firstLine;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Offers the next line (newline removed); returns the directive it holds, if any. */
  scan(text: string): Directive | null {
    this.line++;
    if (this.done) return null;
    const m = matchDirective(this.head, text);
    if (!m) {
      this.done = true;
      return null;
    }
    const name = m[0].toLowerCase();
    if (!knownDirectives.has(name)) {
      this.done = true;
      return null;
    }
    if (this.seen.has(name)) throw new InstructionError(`only one ${name} parser directive can be used`);
    this.seen.add(name);
    return { name: name as Directive['name'], value: m[1], line: this.line };
  }
}

/** The result of looking for one directive in a whole file. */
export interface FoundDirective {
  /** Value up to the first space (`docker/dockerfile:1` of `docker/dockerfile:1 // opts`). */
  readonly ref: string;
  /** The whole value. */
  readonly cmdline: string;
  /** 1-based line (0 for the JSON form, which has no line). */
  readonly line: number;
}

function scanAll(key: string, lines: readonly string[], scanner: DirectiveScanner): FoundDirective | null {
  for (const l of lines) {
    if (scanner.finished) break;
    let d: Directive | null;
    try {
      d = scanner.scan(l.endsWith('\r') ? l.slice(0, -1) : l);
    } catch {
      break;
    }
    if (d && d.name === key) {
      const sp = d.value.indexOf(' ');
      return { ref: sp < 0 ? d.value : d.value.slice(0, sp), cmdline: d.value, line: d.line };
    }
  }
  return null;
}

function findDirective(key: string, text: string, anyFormat: boolean): FoundDirective | null {
  let dt = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let first = 0;
  const nl = dt.indexOf('\n');
  const firstLine = nl < 0 ? dt : dt.slice(0, nl);
  if (firstLine.startsWith('#!')) {
    dt = nl < 0 ? '' : dt.slice(nl + 1);
    first = 1;
  }
  const lines = dt.split('\n');
  const hash = scanAll(key, lines, new DirectiveScanner('#', first));
  if (hash || !anyFormat) return hash;
  const slash = scanAll(key, lines, new DirectiveScanner('//', first));
  if (slash) return slash;
  try {
    const obj: unknown = JSON.parse(dt);
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      const v = (obj as Record<string, unknown>)[key];
      if (typeof v === 'string') return { ref: v, cmdline: v, line: first };
    }
  } catch {
    // not JSON: no directive
  }
  return null;
}

/**
 * BuildKit `DetectSyntax`: the `syntax` directive in `#` form, else `//` form,
 * else a whole-file JSON object `{"syntax": "..."}`. A leading BOM is ignored and
 * a `#!` shebang on line 1 is skipped.
 */
export function detectSyntax(text: string): FoundDirective | null {
  return findDirective('syntax', text, true);
}

/** BuildKit `ParseDirective(key)`: `#` form only (used for `check`). */
export function findHashDirective(key: string, text: string): FoundDirective | null {
  return findDirective(key, text, false);
}

/** The `check` directive's settings. */
export interface CheckConfig {
  /** Rule names to skip; `all` skips every rule. */
  readonly skip: readonly string[];
  readonly skipAll: boolean;
  /** `error=true`: warnings fail the build. */
  readonly error: boolean;
  /** Experimental rules switched on (`experimental=InvalidDefinitionDescription`, or `all`). */
  readonly experimental: readonly string[];
}

/**
 * Parses a `check` value: `skip=<rules>|all;error=<bool>;experimental=<rules>|all`.
 * Anything after ` //` is a comment. Unknown keys are ignored.
 */
export function parseCheckValue(value: string): CheckConfig {
  const body = value.split('//')[0]!.trim();
  let skip: string[] = [];
  let error = false;
  let experimental: string[] = [];
  for (const part of body.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim();
    const list = v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (k === 'skip') skip = list;
    else if (k === 'error') error = v.toLowerCase() === 'true' || v === '1';
    else if (k === 'experimental') experimental = list;
  }
  return { skip, skipAll: skip.some((s) => s.toLowerCase() === 'all'), error, experimental };
}
