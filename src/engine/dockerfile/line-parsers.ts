/**
 * The per-instruction argument parsers of BuildKit's dispatch table
 * (`parser/line_parsers.go`): each turns the text after the keyword and flags
 * into the node's `Next` chain. Offsets are kept so every argument node can be
 * given a source range.
 */
import type { EscapeToken } from './ast.ts';
import { InstructionError } from './errors.ts';
import { goQuote, isGoSpace, reWhitespace } from './go-text.ts';
import { parseJsonArray } from './json-args.ts';
import { splitCommand } from './split-command.ts';
import { parseWords } from './words.ts';

/** An argument node before ranges are attached; offsets are absolute in the logical line. */
export interface RawArg {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** ONBUILD's trigger instruction. */
  readonly sub?: RawNode;
}

/** An instruction node before ranges are attached. */
export interface RawNode {
  readonly cmd: string;
  readonly flags: string[];
  readonly args: RawArg[];
  readonly json: boolean;
  readonly original: string;
  readonly start: number;
  readonly end: number;
}

interface Parsed {
  readonly args: RawArg[];
  readonly json: boolean;
}

type LineParser = (rest: string, escape: EscapeToken, base: number) => Parsed;

const none: Parsed = { args: [], json: false };

const arg = (value: string, start: number, end: number): RawArg => ({ value, start, end });

/** Words separated by `[\t\v\f\r ]+` (FROM, EXPOSE, and shell-form ADD/COPY/VOLUME). */
function stringsWhitespaceDelimited(rest: string, _e: EscapeToken, base: number): Parsed {
  if (rest === '') return none;
  const args: RawArg[] = [];
  const re = /[\t\v\f\r ]+/g;
  let from = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    args.push(arg(rest.slice(from, m.index), base + from, base + m.index));
    from = m.index + m[0].length;
  }
  args.push(arg(rest.slice(from), base + from, base + rest.length));
  return { args, json: false };
}

/** The whole rest as one node (MAINTAINER, WORKDIR, USER, STOPSIGNAL). */
function oneString(rest: string, _e: EscapeToken, base: number): Parsed {
  if (rest === '') return none;
  return { args: [arg(rest, base, base + rest.length)], json: false };
}

function jsonOrNull(rest: string, base: number): Parsed | null {
  const list = parseJsonArray(rest);
  if (list === null) return null;
  return { args: list.map((v) => arg(v, base, base + rest.length)), json: true };
}

/** Exec form, else the raw rest as one node (RUN, CMD, ENTRYPOINT, SHELL). */
function maybeJson(rest: string, escape: EscapeToken, base: number): Parsed {
  if (rest === '') return none;
  return jsonOrNull(rest, base) ?? oneString(rest, escape, base);
}

/** Exec form, else whitespace-separated words (ADD, COPY, VOLUME). */
function maybeJsonToList(rest: string, escape: EscapeToken, base: number): Parsed {
  return jsonOrNull(rest, base) ?? stringsWhitespaceDelimited(rest, escape, base);
}

/**
 * ENV and LABEL: `KEY value with spaces` (legacy) or `k=v k2="v 2"`; each pair
 * becomes the triple key, value, separator (`=` or `` for legacy).
 */
function nameVal(key: string): LineParser {
  return (rest, escape, base) => {
    const words = parseWords(rest, escape);
    if (words.length === 0) return none;
    const first = words[0]!;
    if (!first.text.includes('=')) {
      const m = reWhitespace.exec(rest);
      if (!m) throw new InstructionError(`${key} must have two arguments`);
      const v = m.index + m[0].length;
      return {
        args: [
          arg(rest.slice(0, m.index), base, base + m.index),
          arg(rest.slice(v), base + v, base + rest.length),
          arg('', base + rest.length, base + rest.length),
        ],
        json: false,
      };
    }
    const args: RawArg[] = [];
    for (const w of words) {
      const eq = w.text.indexOf('=');
      if (eq < 0) throw new InstructionError(`Syntax error - can't find = in ${goQuote(w.text)}. Must be of the form: name=value`);
      const s = base + w.start;
      args.push(arg(w.text.slice(0, eq), s, s + eq), arg(w.text.slice(eq + 1), s + eq + 1, base + w.end), arg('=', s + eq, s + eq + 1));
    }
    return { args, json: false };
  };
}

/** ARG: one node per raw word (`foo`, `bar=baz`). */
function nameOrNameVal(rest: string, escape: EscapeToken, base: number): Parsed {
  return { args: parseWords(rest, escape).map((w) => arg(w.text, base + w.start, base + w.end)), json: false };
}

/** HEALTHCHECK: the type word (CMD, NONE…) then exec or shell form. */
function healthConfig(rest: string, escape: EscapeToken, base: number): Parsed {
  let sep = 0;
  while (sep < rest.length && !isGoSpace(rest.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < rest.length && isGoSpace(rest.charCodeAt(next))) next++;
  if (sep === 0) return none;
  const cmd = maybeJson(rest.slice(next), escape, base + next);
  return { args: [arg(rest.slice(0, sep), base, base + sep), ...cmd.args], json: cmd.json };
}

/** ONBUILD: the trigger is parsed as an instruction of its own. */
function subCommand(rest: string, escape: EscapeToken, base: number): Parsed {
  if (rest === '') return none;
  const sub = newRawNode(rest, escape, base);
  return { args: [{ value: '', start: sub.start, end: sub.end, sub }], json: false };
}

const dispatch: Readonly<Record<string, LineParser>> = {
  add: maybeJsonToList,
  arg: nameOrNameVal,
  cmd: maybeJson,
  copy: maybeJsonToList,
  entrypoint: maybeJson,
  env: nameVal('ENV'),
  expose: stringsWhitespaceDelimited,
  from: stringsWhitespaceDelimited,
  healthcheck: healthConfig,
  label: nameVal('LABEL'),
  maintainer: oneString,
  onbuild: subCommand,
  run: maybeJson,
  shell: maybeJson,
  stopsignal: oneString,
  user: oneString,
  volume: maybeJsonToList,
  workdir: oneString,
};

/** Whether BuildKit's parser knows the keyword (unknown ones parse, then fail in `toInstruction`). */
export function isKnownKeyword(cmd: string): boolean {
  return Object.hasOwn(dispatch, cmd.toLowerCase());
}

/**
 * BuildKit `newNodeFromLine`: keyword, flags, then the keyword's line parser.
 * Unknown keywords are accepted here and rejected by `toInstruction`.
 */
export function newRawNode(line: string, escape: EscapeToken, base = 0): RawNode {
  const sc = splitCommand(line);
  const key = sc.cmd.toLowerCase();
  const fn = Object.hasOwn(dispatch, key) ? dispatch[key]! : null;
  // BuildKit's parseIgnore yields one empty argument node: the dump shows `(foo "")`.
  const at = base + sc.argsOffset;
  const parsed = fn ? fn(sc.args, escape, at) : { args: [arg('', at, at)], json: false };
  let start = 0;
  while (start < line.length && isGoSpace(line.charCodeAt(start))) start++;
  let end = line.length;
  while (end > start && isGoSpace(line.charCodeAt(end - 1))) end--;
  return { cmd: sc.cmd, flags: sc.flags, args: parsed.args, json: parsed.json, original: line, start: base + start, end: base + end };
}
