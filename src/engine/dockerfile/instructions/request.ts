/**
 * What every instruction parser receives: BuildKit's `parseRequest`, built
 * from an AST node (keyword, argument strings, heredocs, exec-form attribute,
 * flags, comments, range).
 */
import type { Range } from '../../../api/diagnostics.ts';
import type { Heredoc, Node } from '../ast.ts';
import { dumpNode } from '../dump.ts';
import { InstructionError } from '../errors.ts';
import { BFlags } from './bflags.ts';

export interface ParseRequest {
  /** The keyword as written (`copy`, `COPY`). */
  readonly keyword: string;
  readonly args: readonly string[];
  readonly heredocs: readonly Heredoc[];
  readonly json: boolean;
  readonly original: string;
  readonly flags: BFlags;
  readonly comments: readonly string[];
  readonly node: Node;
}

/** BuildKit `nodeArgs`: argument values; ONBUILD's trigger contributes its keyword and its dump. */
export function nodeArgs(node: Node): string[] {
  const out: string[] = [];
  for (const n of node.next) {
    if (n.children.length === 0) out.push(n.value);
    else if (n.children.length === 1) out.push(n.children[0]!.value, dumpNode(n.children[0]!));
  }
  return out;
}

export function requestFromNode(node: Node): ParseRequest {
  return {
    keyword: node.value,
    args: nodeArgs(node),
    heredocs: node.heredocs,
    json: node.json,
    original: node.original,
    flags: new BFlags(node.flags),
    comments: node.prevComment,
    node,
  };
}

/** Fields every typed instruction carries. */
export interface InstructionBase {
  /** The keyword as written in the Dockerfile (`copy`); `kind` is the canonical name. */
  readonly keyword: string;
  /** The logical source line (continuations joined), as BuildKit prints it in progress output. */
  readonly original: string;
  readonly range: Range;
}

export function base(req: ParseRequest): InstructionBase {
  return { keyword: req.keyword, original: req.original, range: req.node.range };
}

export const errExactlyOne = (cmd: string): InstructionError => new InstructionError(`${cmd} requires exactly one argument`);
export const errAtLeastOne = (cmd: string): InstructionError => new InstructionError(`${cmd} requires at least one argument`);
export const errAtLeastTwo = (cmd: string): InstructionError =>
  new InstructionError(`${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`);

/** BuildKit `handleJSONArgs`: exec form as given, shell form joined into one string. */
export function handleJsonArgs(args: readonly string[], json: boolean): string[] {
  if (args.length === 0) return [];
  return json ? [...args] : [args.join(' ')];
}

/**
 * The doc comment for `name`: the first comment line of the block above the
 * instruction that starts with `<name> ` (BuildKit `getComment`).
 */
export function docComment(comments: readonly string[], name: string): string {
  if (name === '') return '';
  for (const c of comments) if (c.startsWith(name + ' ')) return c.slice(name.length + 1);
  return '';
}
