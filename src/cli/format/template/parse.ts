/**
 * Parser for Go text/template (text/template/parse/parse.go): tokens → a tree
 * of text, actions and control structures. Functions and variables are
 * checked here, as Go checks them at parse time, so `{{foo}}` fails with
 * `function "foo" not defined` before anything runs.
 */
import type { Token, TokenType } from './lex.ts';
import { lex, LexError } from './lex.ts';

export type ArgNode =
  | { readonly kind: 'field'; readonly pos: number; readonly names: readonly string[] }
  | { readonly kind: 'dot'; readonly pos: number }
  | { readonly kind: 'nil'; readonly pos: number }
  | { readonly kind: 'variable'; readonly pos: number; readonly name: string; readonly names: readonly string[] }
  | { readonly kind: 'identifier'; readonly pos: number; readonly name: string }
  | { readonly kind: 'string'; readonly pos: number; readonly value: string; readonly text: string }
  | { readonly kind: 'number'; readonly pos: number; readonly value: number; readonly text: string }
  | { readonly kind: 'bool'; readonly pos: number; readonly value: boolean }
  | { readonly kind: 'chain'; readonly pos: number; readonly node: ArgNode; readonly names: readonly string[] }
  | { readonly kind: 'pipe'; readonly pos: number; readonly pipe: PipeNode };

export interface CommandNode {
  readonly pos: number;
  readonly args: readonly ArgNode[];
}

export interface PipeNode {
  readonly pos: number;
  readonly isAssign: boolean;
  readonly decl: readonly string[];
  readonly cmds: readonly CommandNode[];
}

/** `{{if}}`, `{{range}}` or `{{with}}`: a pipeline, a list and an optional else list. */
export interface BranchNode {
  readonly kind: 'if' | 'range' | 'with';
  readonly pos: number;
  readonly pipe: PipeNode;
  readonly list: readonly Node[];
  readonly elseList: readonly Node[] | null;
}

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'action'; readonly pos: number; readonly pipe: PipeNode }
  | BranchNode
  | { readonly kind: 'break' | 'continue'; readonly pos: number }
  | { readonly kind: 'template'; readonly pos: number; readonly name: string; readonly pipe: PipeNode | null };

/** A template that failed to parse; the message is Go's (`template: NAME:LINE: …`). */
export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

export interface ParseResult {
  readonly root: readonly Node[];
  /** `{{define}}`d and `{{block}}` templates by name. */
  readonly defined: ReadonlyMap<string, readonly Node[]>;
}

/** Go's item.String() for "unexpected X" messages. */
function describe(t: Token): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'keyword') return `<${t.value}>`;
  if (t.type === 'space') return 'space';
  if (t.type === 'rightDelim' || t.type === 'leftDelim') return `"${t.value}"`;
  return t.value.length > 10 ? `"${t.value.slice(0, 10)}"...` : JSON.stringify(t.value);
}

/** Decode a Go interpreted string literal ("…"). */
function unquote(text: string): string {
  const body = text.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'a':
        return '\x07';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'v':
        return '\v';
      case 'x':
      case 'u':
      case 'U':
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(e) ? String.fromCodePoint(parseInt(e, 8)) : e;
    }
  });
}

function parseNumber(text: string): number {
  const clean = text.replace(/_/g, '');
  const sign = clean.startsWith('-') ? -1 : 1;
  const body = clean.replace(/^[+-]/, '');
  if (/^0[xX]/.test(body)) return sign * parseInt(body.slice(2), 16);
  if (/^0[bB]/.test(body)) return sign * parseInt(body.slice(2), 2);
  if (/^0[oO]/.test(body)) return sign * parseInt(body.slice(2), 8);
  if (/^0[0-7]+$/.test(body)) return sign * parseInt(body, 8);
  return sign * Number(body);
}

function charValue(text: string): number {
  const inner = text.slice(1, -1);
  const decoded = inner.startsWith('\\') ? unquote(`"${inner}"`) : inner;
  return decoded.codePointAt(0) ?? 0;
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  readonly defined = new Map<string, readonly Node[]>();

  constructor(
    private readonly name: string,
    private readonly tokens: readonly Token[],
    private readonly funcs: ReadonlySet<string>,
  ) {}

  private peek(): Token {
    return this.tokens[this.i]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }
  private fail(message: string, token: Token = this.tokens[Math.max(0, this.i - 1)]!): never {
    throw new TemplateParseError(`template: ${this.name}:${token.line}: ${message}`);
  }
  private expect(type: TokenType, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.fail(`unexpected ${describe(t)} in ${context}`, t);
    return t;
  }

  /** The whole template. */
  parse(): readonly Node[] {
    const [list, end] = this.itemList(true);
    if (end !== 'eof') this.fail(`unexpected {{${end}}}`);
    return list;
  }

  /**
   * Nodes up to `{{end}}`, `{{else}}` or EOF. Returns which one stopped it;
   * EOF is an error unless at the top level.
   */
  private itemList(top = false): [Node[], 'end' | 'else' | 'eof'] {
    const list: Node[] = [];
    for (;;) {
      const t = this.next();
      if (t.type === 'eof') {
        if (!top) this.fail('unexpected EOF', t);
        return [list, 'eof'];
      }
      if (t.type === 'text') {
        list.push({ kind: 'text', text: t.value });
        continue;
      }
      // leftDelim
      const k = this.peekNonSpace();
      if (k.type === 'keyword') {
        if (k.value === 'end' || k.value === 'else') {
          this.nextNonSpace();
          if (top) this.fail(`unexpected {{${k.value}}}`, k);
          if (k.value === 'end') this.expect('rightDelim', 'end');
          return [list, k.value];
        }
        const node = this.control(this.nextNonSpace());
        if (node) list.push(node);
        continue;
      }
      const pipe = this.pipeline('command', 'rightDelim');
      list.push({ kind: 'action', pos: k.pos, pipe });
    }
  }

  private control(k: Token): Node | null {
    switch (k.value) {
      case 'if':
      case 'with':
        return this.branch(k.value, k);
      case 'range': {
        this.rangeDepth++;
        try {
          return this.branch('range', k);
        } finally {
          this.rangeDepth--;
        }
      }
      case 'break':
      case 'continue':
        if (this.rangeDepth === 0) this.fail(`{{${k.value}}} outside {{range}}`, k);
        this.expect('rightDelim', k.value);
        return { kind: k.value, pos: k.pos };
      case 'template':
        return this.templateCall(k);
      case 'define':
        this.define(k);
        return null;
      case 'block': {
        const name = this.templateName(k);
        const pipe = this.pipeline('block', 'rightDelim');
        const save = this.vars;
        this.vars = ['$'];
        const [body, end] = this.itemList();
        this.vars = save;
        if (end !== 'end') this.fail('unexpected {{else}}');
        this.defined.set(name, body);
        return { kind: 'template', pos: k.pos, name, pipe };
      }
      default:
        return this.fail(`unexpected ${describe(k)}`, k);
    }
  }

  private templateName(k: Token): string {
    const t = this.nextNonSpace();
    if (t.type !== 'string' && t.type !== 'rawString') this.fail(`unexpected ${describe(t)} in ${k.value} clause`, t);
    return t.type === 'string' ? unquote(t.value) : t.value.slice(1, -1);
  }

  private templateCall(k: Token): Node {
    const name = this.templateName(k);
    const pipe = this.peekNonSpace().type === 'rightDelim' ? null : this.pipeline('template clause', 'rightDelim');
    if (!pipe) this.nextNonSpace();
    return { kind: 'template', pos: k.pos, name, pipe };
  }

  private define(k: Token): void {
    const name = this.templateName(k);
    this.expect('rightDelim', 'define clause');
    const save = this.vars;
    this.vars = ['$'];
    const [body, end] = this.itemList();
    this.vars = save;
    if (end !== 'end') this.fail('unexpected {{else}}');
    this.defined.set(name, body);
  }

  /** if/range/with: pipeline, list, optional else (incl. `else if` / `else with` chains), end. */
  private branch(kind: 'if' | 'range' | 'with', k: Token): Node {
    const varsBefore = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    const [list, end] = this.itemList();
    let elseList: Node[] | null = null;
    if (end === 'else') {
      const nk = this.peekNonSpace();
      if ((kind === 'if' && nk.value === 'if') || (kind === 'with' && nk.value === 'with')) {
        // `{{else if …}}` is `{{else}}{{if …}}…{{end}}{{end}}` sharing one {{end}}.
        const inner = this.nextNonSpace();
        elseList = [this.branch(kind, inner)];
      } else {
        this.expect('rightDelim', 'else');
        const [els, end2] = this.itemList();
        if (end2 !== 'end') this.fail('expected end; found {{else}}');
        elseList = els;
      }
    }
    this.vars.length = varsBefore;
    return { kind, pos: k.pos, pipe, list, elseList };
  }

  /** [decl :=|=] command ('|' command)*, up to `end`. */
  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipeNode {
    const start = this.peekNonSpace();
    const decl: string[] = [];
    let isAssign = false;
    // Declarations: $x := …, $x = …, and range's $i, $v := …
    if (start.type === 'variable') {
      const save = this.i;
      const v = this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'declare' || after.type === 'assign') {
        this.nextNonSpace();
        decl.push(v.value);
        isAssign = after.type === 'assign';
      } else if (after.type === 'comma' && context === 'range') {
        this.nextNonSpace();
        const v2 = this.nextNonSpace();
        if (v2.type !== 'variable') this.fail(`range can only initialize variables`, v2);
        const op = this.nextNonSpace();
        if (op.type !== 'declare' && op.type !== 'assign') this.fail(`unexpected ${describe(op)} in range`, op);
        decl.push(v.value, v2.value);
        isAssign = op.type === 'assign';
      } else {
        this.i = save;
      }
      if (isAssign) for (const d of decl) this.checkVariable(d, v);
    }
    const cmds: CommandNode[] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if (t.type === end) {
        this.nextNonSpace();
        break;
      }
      if (t.type === 'eof' || t.type === 'rightDelim' || t.type === 'rightParen') {
        this.nextNonSpace();
        this.fail(`unexpected ${describe(t)} in ${context === 'command' ? 'operand' : context}`, t);
      }
      cmds.push(this.command(end));
      const sep = this.peekNonSpace();
      if (sep.type === 'pipe') {
        this.nextNonSpace();
        const after = this.peekNonSpace();
        if (after.type === end) this.fail('missing command after |', after);
      }
    }
    if (cmds.length === 0) this.fail(`missing value for ${context}`, start);
    // Only the first stage may be a plain value.
    cmds.forEach((c, n) => {
      const first = c.args[0]!;
      if (n > 0 && ['bool', 'dot', 'nil', 'number', 'string'].includes(first.kind)) {
        this.fail(`non executable command in pipeline stage ${n + 1}`, start);
      }
    });
    if (!isAssign) this.vars.push(...decl);
    return { pos: start.pos, isAssign, decl, cmds };
  }

  private checkVariable(name: string, at: Token): void {
    const base = name.split('.')[0]!;
    if (!this.vars.includes(base)) this.fail(`undefined variable "${base}"`, at);
  }

  /** Operands up to `|` or the pipeline's end. */
  private command(end: 'rightDelim' | 'rightParen'): CommandNode {
    const args: ArgNode[] = [];
    const pos = this.peekNonSpace().pos;
    for (;;) {
      const t = this.peekNonSpace();
      if (t.type === 'pipe' || t.type === end) break;
      args.push(this.operand());
      const after = this.peek();
      if (after.type === 'space') continue;
      if (after.type === 'pipe' || after.type === end) break;
      this.next();
      this.fail(`unexpected ${describe(after)} in operand`, after);
    }
    if (args.length === 0) this.fail('empty command');
    const head = args[0]!;
    if (head.kind === 'nil' && args.length === 1) this.fail('nil is not a command');
    return { pos, args };
  }

  /** A term followed by field accesses written without spaces: `(…).A.B`, `$x.A`. */
  private operand(): ArgNode {
    let node = this.term();
    const names: string[] = [];
    while (this.peek().type === 'field') names.push(this.next().value.slice(1));
    if (names.length === 0) return node;
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos: node.pos, names: [...node.names, ...names] };
      case 'variable':
        return { kind: 'variable', pos: node.pos, name: node.name, names: [...node.names, ...names] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.fail(`unexpected . after term ${JSON.stringify(argString(node))}`);
      // falls through (fail never returns)
      default:
        node = { kind: 'chain', pos: node.pos, node, names };
        return node;
    }
  }

  private term(): ArgNode {
    const t = this.nextNonSpace();
    switch (t.type) {
      case 'identifier':
        if (!this.funcs.has(t.value)) this.fail(`function "${t.value}" not defined`, t);
        return { kind: 'identifier', pos: t.pos, name: t.value };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable': {
        const [name, ...names] = t.value.split('.');
        this.checkVariable(name!, t);
        return { kind: 'variable', pos: t.pos, name: name!, names };
      }
      case 'field':
        return { kind: 'field', pos: t.pos, names: [t.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.value === 'true' };
      case 'number':
        return { kind: 'number', pos: t.pos, value: parseNumber(t.value), text: t.value };
      case 'charConstant':
        return { kind: 'number', pos: t.pos, value: charValue(t.value), text: t.value };
      case 'string':
        return { kind: 'string', pos: t.pos, value: unquote(t.value), text: t.value };
      case 'rawString':
        return { kind: 'string', pos: t.pos, value: t.value.slice(1, -1), text: t.value };
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { kind: 'pipe', pos: t.pos, pipe };
      }
      default:
        return this.fail(`unexpected ${describe(t)} in operand`, t);
    }
  }
}

/** Go's Node.String() of an operand, for error contexts (`at <.Foo>`). */
export function argString(n: ArgNode): string {
  switch (n.kind) {
    case 'field':
      return n.names.map((x) => `.${x}`).join('');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'variable':
      return n.name + n.names.map((x) => `.${x}`).join('');
    case 'identifier':
      return n.name;
    case 'string':
    case 'number':
      return n.text;
    case 'bool':
      return String(n.value);
    case 'chain':
      return argString(n.node) + n.names.map((x) => `.${x}`).join('');
    case 'pipe':
      return `(${pipeString(n.pipe)})`;
  }
}

export function commandString(c: CommandNode): string {
  return c.args.map(argString).join(' ');
}

export function pipeString(p: PipeNode): string {
  const decl = p.decl.length > 0 ? `${p.decl.join(', ')} ${p.isAssign ? '=' : ':='} ` : '';
  return decl + p.cmds.map(commandString).join(' | ');
}

/** Parse `text` as template `name`, knowing which function names exist. */
export function parseTemplate(name: string, text: string, funcs: ReadonlySet<string>): ParseResult {
  let tokens: Token[];
  try {
    tokens = lex(text);
  } catch (e) {
    if (e instanceof LexError) throw new TemplateParseError(`template: ${name}:${e.line}: ${e.message}`);
    throw e;
  }
  const p = new Parser(name, tokens, funcs);
  const root = p.parse();
  return { root, defined: p.defined };
}
