/**
 * The Dockerfile AST, shaped like BuildKit's `parser.Node` so that
 * `dumpDockerfile` can reproduce `Node.Dump()` exactly, plus source ranges
 * (line AND column) on every node for the editor and the linter.
 */
import type { Range } from '../../api/diagnostics.ts';

export type { Range, Position } from '../../api/diagnostics.ts';

/** A here-document attached to RUN/COPY/ADD (`<<EOF`, `<<-EOF`, `3<<'EOF'`). */
export interface Heredoc {
  /** The delimiter word with quotes removed (`EOF` for `<<'EOF'`). */
  readonly name: string;
  /** N of `N<<EOF`; 0 when absent. */
  readonly fileDescriptor: number;
  /** False when any part of the delimiter is quoted: the body is then not variable-expanded. */
  readonly expand: boolean;
  /** `<<-`: leading tabs are stripped when matching the terminator and by `chompHeredocContent`. */
  readonly chomp: boolean;
  /** Raw body lines including their newlines; terminator excluded; NOT chomped. */
  readonly content: string;
}

/**
 * One node. An instruction node has `value` = the keyword as written
 * (BuildKit keeps its case: `copy`, `COPY`), `flags`, `original` and `next`;
 * an argument node has only `value` (and, for ONBUILD's argument, `children`
 * holding the trigger instruction).
 */
export interface Node {
  readonly value: string;
  /** BuildKit's `Next` chain, flattened into an array. */
  readonly next: readonly Node[];
  /** Sub-instructions: the root's instructions, or ONBUILD's trigger. */
  readonly children: readonly Node[];
  readonly heredocs: readonly Heredoc[];
  /** Attribute `json`: the arguments were given in exec (JSON array) form. */
  readonly json: boolean;
  /** Builder flags taken from the start of the arguments (`--from=build`). */
  readonly flags: readonly string[];
  /** The logical line (continuations joined) the instruction came from. */
  readonly original: string;
  /** Comment lines directly above the instruction, `#` and surrounding blanks removed. */
  readonly prevComment: readonly string[];
  /**
   * Where the node is. Lines are 1-based and include continuation and heredoc
   * lines; columns are 1-based UTF-16 offsets, `end` one past the last
   * character. Argument nodes point at their word where the parser can tell;
   * exec-form elements (decoded JSON) point at the whole argument list.
   */
  readonly range: Range;
}

/** A non-fatal finding of the parser (BuildKit `parser.Warning`). */
export interface ParseWarning {
  /** Rule it belongs to (`NoEmptyContinuation`). */
  readonly rule: string;
  readonly short: string;
  readonly detail: readonly string[];
  readonly url: string;
  readonly range: Range;
}

/** A parser directive found at the top of the file (`# escape=\``). */
export interface Directive {
  readonly name: 'syntax' | 'escape' | 'check';
  readonly value: string;
  /** 1-based line. */
  readonly line: number;
}

export type EscapeToken = '\\' | '`';

/** The result of `parseDockerfile`. */
export interface DockerfileAst {
  /** One node per instruction. */
  readonly children: readonly Node[];
  /** From the first instruction's start to the last one's end. */
  readonly range: Range;
  readonly warnings: readonly ParseWarning[];
  readonly escapeToken: EscapeToken;
  readonly directives: readonly Directive[];
}
