/**
 * The shell's syntax tree (POSIX sh as BusyBox ash accepts it). Every command
 * node carries the line it starts on, for `set -x`, LINENO and error messages.
 */

/** A piece of a word, before expansion. */
export type WordPart =
  | { readonly t: 'lit'; readonly v: string }
  /** Text in single quotes, or a backslash-escaped character: taken literally. */
  | { readonly t: 'sq'; readonly v: string }
  | { readonly t: 'dq'; readonly parts: readonly WordPart[] }
  | ParamPart
  | { readonly t: 'cmd'; readonly body: List; readonly backquote: boolean }
  | { readonly t: 'arith'; readonly expr: Word }
  /** `~` or `~user` at the start of a word (or after `:` in an assignment). */
  | { readonly t: 'tilde'; readonly user: string };

export type ParamOp =
  | '-' | '=' | '?' | '+' // ${x-w} etc.; `colon` also tests for empty
  | '#' | '##' | '%' | '%%' // prefix/suffix removal
  | 'len' // ${#x}
  | '/' | '//' // ${x/p/r}, ${x//p/r} (ash extension)
  | 'substr'; // ${x:off:len} (ash extension)

export interface ParamPart {
  readonly t: 'param';
  readonly name: string;
  readonly op?: ParamOp;
  readonly colon?: boolean;
  readonly arg?: Word;
  /** Replacement for `/` ops; length for `substr`. */
  readonly arg2?: Word;
}

export interface Word {
  readonly parts: readonly WordPart[];
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<' | '<<-';

export interface Redir {
  readonly fd: number | null;
  readonly op: RedirOp;
  /** The file, descriptor number or here-doc delimiter. */
  readonly target: Word;
  /** Here-doc body: expanded (like double quotes) unless the delimiter was quoted. */
  heredoc?: { body: Word; quoted: boolean };
}

export interface Assign {
  readonly name: string;
  readonly value: Word;
}

export interface SimpleCommand {
  readonly type: 'simple';
  readonly line: number;
  readonly assigns: readonly Assign[];
  readonly words: readonly Word[];
  readonly redirs: readonly Redir[];
}

export interface Pipeline {
  readonly type: 'pipeline';
  readonly line: number;
  readonly negate: boolean;
  readonly cmds: readonly Command[];
}

export interface AndOr {
  readonly type: 'andor';
  readonly line: number;
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
}

export interface List {
  readonly type: 'list';
  readonly line: number;
  readonly items: readonly { readonly cmd: AndOr; readonly background: boolean }[];
}

export interface Subshell {
  readonly type: 'subshell';
  readonly line: number;
  readonly body: List;
  readonly redirs: readonly Redir[];
}

export interface Group {
  readonly type: 'group';
  readonly line: number;
  readonly body: List;
  readonly redirs: readonly Redir[];
}

export interface If {
  readonly type: 'if';
  readonly line: number;
  readonly clauses: readonly { readonly cond: List; readonly body: List }[];
  readonly elseBody: List | null;
  readonly redirs: readonly Redir[];
}

export interface Loop {
  readonly type: 'while' | 'until';
  readonly line: number;
  readonly cond: List;
  readonly body: List;
  readonly redirs: readonly Redir[];
}

export interface For {
  readonly type: 'for';
  readonly line: number;
  readonly name: string;
  /** null: iterate over "$@". */
  readonly items: readonly Word[] | null;
  readonly body: List;
  readonly redirs: readonly Redir[];
}

export interface Case {
  readonly type: 'case';
  readonly line: number;
  readonly subject: Word;
  readonly arms: readonly { readonly patterns: readonly Word[]; readonly body: List | null; readonly fallthrough: boolean }[];
  readonly redirs: readonly Redir[];
}

export interface FuncDef {
  readonly type: 'func';
  readonly line: number;
  readonly name: string;
  readonly body: Command;
}

export type Command = SimpleCommand | Pipeline | AndOr | List | Subshell | Group | If | Loop | For | Case | FuncDef;
