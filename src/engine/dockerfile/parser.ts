/**
 * `parseDockerfile`: BuildKit's Dockerfile grammar (frontend/dockerfile/parser
 * `Parse`), line by line: parser directives, comments, line continuations with
 * the escape token, empty-continuation warnings, heredoc bodies, and one node
 * per instruction with its line AND column range.
 */
import type { Position, Range } from '../../api/diagnostics.ts';
import type { Directive, DockerfileAst, EscapeToken, Heredoc, Node, ParseWarning } from './ast.ts';
import { DirectiveScanner } from './directives.ts';
import { DockerfileParseError, InstructionError } from './errors.ts';
import { trimLeftSpace, trimSpace, utf8Length } from './go-text.ts';
import { heredocsFromLine } from './heredoc.ts';
import { newRawNode, type RawArg, type RawNode } from './line-parsers.ts';

/** bufio.MaxScanTokenSize - 1: the longest line BuildKit's scanner accepts, in bytes. */
export const maxLineBytes = 65535;

const noEmptyContinuationUrl = 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/';

/** Where each piece of a logical line came from: offset `at` is column `col` of physical line `line`. */
interface Segment {
  readonly at: number;
  readonly line: number;
  readonly col: number;
}

/** The last segment whose offset is below `off` (or at it, when `inclusive`): binary search. */
function segmentAt(segs: readonly Segment[], off: number, inclusive: boolean): Segment {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const at = segs[mid]!.at;
    if (inclusive ? at <= off : at < off) lo = mid;
    else hi = mid - 1;
  }
  return segs[lo]!;
}

function startPos(segs: readonly Segment[], off: number): Position {
  const s = segmentAt(segs, off, true);
  return { line: s.line, column: s.col + (off - s.at) };
}

/** Position just after the character before `end` (so a word ending a line does not point at the next line). */
function endPos(segs: readonly Segment[], start: number, end: number): Position {
  if (end <= start) return startPos(segs, start);
  const s = segmentAt(segs, end, false);
  return { line: s.line, column: s.col + (end - s.at) };
}

const trimNewline = (s: string): string => {
  let j = s.length;
  while (j > 0 && (s[j - 1] === '\n' || s[j - 1] === '\r')) j--;
  return j === s.length ? s : s.slice(0, j);
};

const isComment = (s: string): boolean => trimLeftSpace(s).startsWith('#');

/**
 * BuildKit's continuation rule `([^E])E[ \t]*$|^E[ \t]*$`: the escape token as the
 * last non-blank character, not itself escaped. Returns the line without it (and
 * the blanks after it), or null when the line does not continue.
 */
function trimContinuation(line: string, escape: EscapeToken): string | null {
  let j = line.length;
  while (j > 0 && (line[j - 1] === ' ' || line[j - 1] === '\t')) j--;
  if (j === 0 || line[j - 1] !== escape) return null;
  if (j >= 2 && line[j - 2] === escape) return null;
  return line.slice(0, j - 1);
}

/** Splits text into physical lines, each keeping its `\n` (BuildKit's scanLines). */
function physicalLines(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl + 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

function tooLong(line: string): boolean {
  // A UTF-16 unit is at most 3 UTF-8 bytes: only long strings need counting.
  return line.length > maxLineBytes / 3 && utf8Length(trimNewline(line)) > maxLineBytes;
}

function toNode(raw: RawNode, segs: readonly Segment[], range: Range, heredocs: readonly Heredoc[], comments: readonly string[]): Node {
  return {
    value: raw.cmd,
    next: raw.args.map((a) => argNode(a, segs, range)),
    children: [],
    heredocs,
    json: raw.json,
    flags: raw.flags,
    original: raw.original,
    prevComment: comments,
    range,
  };
}

function argNode(a: RawArg, segs: readonly Segment[], outer: Range): Node {
  const range: Range = { start: startPos(segs, a.start), end: endPos(segs, a.start, a.end) };
  const sub = a.sub ? toNode(a.sub, segs, { start: startPos(segs, a.sub.start), end: outer.end }, [], []) : null;
  return {
    value: a.value,
    next: [],
    children: sub ? [sub] : [],
    heredocs: [],
    json: false,
    flags: [],
    original: '',
    prevComment: [],
    range: sub ? sub.range : range,
  };
}

/** RUN, COPY, ADD (also as ONBUILD triggers) in shell form may carry heredocs. */
function canContainHeredoc(raw: RawNode): boolean {
  let n = raw;
  if (n.cmd.toLowerCase() === 'onbuild' && n.args[0]?.sub) n = n.args[0].sub;
  const k = n.cmd.toLowerCase();
  return (k === 'run' || k === 'copy' || k === 'add') && !n.json;
}

/**
 * Parses a Dockerfile into its AST. Throws DockerfileParseError (with line and
 * column) on: a repeated or invalid directive, a JSON array with non-strings,
 * `ENV key` without value, an unterminated heredoc, a line over 65535 bytes, or
 * a file with no instructions. Unknown instructions are accepted here (see
 * `toInstruction`). Runs in time linear in the input, apart from heredoc
 * detection which re-lexes only lines containing `<<`.
 */
export function parseDockerfile(text: string): DockerfileAst {
  const lines = physicalLines(text);
  if (lines.length > 0 && lines[0]!.startsWith('\uFEFF')) lines[0] = lines[0]!.slice(1);
  let limit = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (tooLong(lines[i]!)) {
      limit = i;
      break;
    }
  }

  let escape: EscapeToken = '\\';
  const scanner = new DirectiveScanner('#');
  const directives: Directive[] = [];
  const warnings: ParseWarning[] = [];
  const children: Node[] = [];
  let comments: string[] = [];
  let cur = 0; // lines consumed so far = 1-based number of the last line read

  /** BuildKit processLine: strip the newline (and leading blanks), offer it as a directive, drop comments. */
  const processLine = (token: string, stripLeft: boolean): { text: string; lead: number; directive: boolean } => {
    let t = trimNewline(token);
    let lead = 0;
    if (stripLeft) {
      const s = trimLeftSpace(t);
      lead = t.length - s.length;
      t = s;
    }
    let d: Directive | null;
    try {
      d = scanner.scan(t);
    } catch (e) {
      throw new DockerfileParseError((e as Error).message, cur + 1);
    }
    if (d) {
      directives.push(d);
      if (d.name === 'escape') {
        if (d.value !== '`' && d.value !== '\\') {
          throw new DockerfileParseError(`invalid escape token '${d.value}' does not match \` or \\`, cur + 1);
        }
        escape = d.value;
      }
    }
    return { text: isComment(t) ? '' : t, lead, directive: d !== null };
  };

  while (cur < limit) {
    const first = lines[cur]!;
    if (isComment(first)) {
      // BuildKit slices off the first byte (the `#` unless the line is indented), then TrimSpace.
      const c = trimSpace(first.slice(1));
      if (c === '') comments = [];
      else comments.push(c);
    }
    const p = processLine(first, true);
    if (p.directive) comments.pop();
    cur++;
    const startLine = cur;
    const col0 = p.lead + 1; // a BOM is not counted: editors do not show it as a column
    let line = p.text;
    let cont = trimContinuation(line, escape);
    if (cont === null && line === '') continue;
    if (cont !== null) line = cont;
    const segs: Segment[] = [{ at: 0, line: startLine, col: col0 }];
    let emptyContinuation = false;
    while (cont !== null && cur < limit) {
      const phys = lines[cur]!;
      const q = processLine(phys, false);
      cur++;
      if (isComment(phys)) continue;
      if (trimLeftSpace(q.text) === '') {
        emptyContinuation = true;
        continue;
      }
      cont = trimContinuation(q.text, escape);
      segs.push({ at: line.length, line: cur, col: 1 });
      line += cont ?? q.text;
    }
    if (emptyContinuation) {
      const at: Range = { start: { line: cur, column: 1 }, end: { line: cur, column: 1 } };
      warnings.push({
        rule: 'NoEmptyContinuation',
        short: `Empty continuation line found in: ${line}`,
        detail: ['Empty continuation lines will become errors in a future release'],
        url: noEmptyContinuationUrl,
        range: at,
      });
    }

    let raw: RawNode;
    try {
      raw = newRawNode(line, escape);
    } catch (e) {
      if (e instanceof InstructionError) throw new DockerfileParseError(e.message, startLine, col0, cur);
      throw e;
    }

    const heredocs: Heredoc[] = [];
    if (line.includes('<<') && canContainHeredoc(raw)) {
      let headers;
      try {
        headers = heredocsFromLine(line);
      } catch (e) {
        if (e instanceof InstructionError) throw new DockerfileParseError(e.message, startLine, col0, cur);
        throw e;
      }
      for (const h of headers) {
        let content = '';
        let terminated = false;
        while (cur < limit) {
          const body = lines[cur]!;
          cur++;
          let candidate = trimNewline(body);
          if (h.chomp) candidate = candidate.replace(/^\t+/, '');
          if (candidate === h.name) {
            terminated = true;
            break;
          }
          content += body;
        }
        if (!terminated) {
          throw new DockerfileParseError('unterminated heredoc', startLine, col0, cur);
        }
        heredocs.push({ ...h, content });
      }
    }

    const lastLine = cur > 0 ? trimNewline(lines[cur - 1]!) : '';
    const range: Range = { start: { line: startLine, column: col0 }, end: { line: cur, column: lastLine.length + 1 } };
    children.push(toNode(raw, segs, range, heredocs, comments));
    comments = [];
  }

  if (children.length === 0) throw new DockerfileParseError('file with no instructions', Math.max(cur, 1));
  if (limit < lines.length) {
    throw new DockerfileParseError(`dockerfile line greater than max allowed size of ${maxLineBytes}`, limit + 1);
  }
  return {
    children,
    range: { start: children[0]!.range.start, end: children[children.length - 1]!.range.end },
    warnings,
    escapeToken: escape,
    directives,
  };
}
