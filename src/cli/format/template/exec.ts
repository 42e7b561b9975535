/**
 * Executor for parsed templates (text/template/exec.go): walks the tree with
 * a current value (dot) and a variable stack, and reports failures in Go's
 * words: `template: NAME:LINE:COL: executing "NAME" at <NODE>: MESSAGE`.
 */
import type { TemplateFunc } from './funcs.ts';
import { checkArg, FuncError } from './funcs.ts';
import type { ArgNode, BranchNode, CommandNode, Node, PipeNode } from './parse.ts';
import { argString, commandString } from './parse.ts';
import type { GoValue } from './values.ts';
import { formatValue, isMap, isNil, isStruct, MISSING, truth, typeName } from './values.ts';

/** A template that failed while executing; the message is Go's. */
export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';
}

/** Marks "no value piped in" (Go's missingVal), distinct from a piped MISSING. */
const NO_FINAL: unique symbol = Symbol('no final');
type Final = GoValue | typeof NO_FINAL;

class Break {}
class Continue {}

interface Variable {
  readonly name: string;
  value: GoValue;
}

export interface ExecContext {
  readonly name: string;
  readonly text: string;
  readonly funcs: Readonly<Record<string, TemplateFunc>>;
  readonly defined: ReadonlyMap<string, readonly Node[]>;
}

export function execute(ctx: ExecContext, root: readonly Node[], data: GoValue): string {
  // Executing with nil data: dot is Go's invalid value, printed as <no value>.
  const dot = data === null || data === undefined ? MISSING : data;
  return new State(ctx, dot).run(root, dot);
}

class State {
  private out = '';
  private vars: Variable[];
  private at: { pos: number; text: string } = { pos: 0, text: '' };

  constructor(
    private readonly ctx: ExecContext,
    data: GoValue,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  run(list: readonly Node[], dot: GoValue): string {
    this.walkList(list, dot);
    return this.out;
  }

  private mark(pos: number, text: string): void {
    this.at = { pos, text };
  }

  private fail(message: string): never {
    const before = this.ctx.text.slice(0, this.at.pos);
    const nl = before.lastIndexOf('\n');
    const line = before.split('\n').length;
    const col = nl < 0 ? this.at.pos : this.at.pos - (nl + 1);
    const context = this.at.text.length > 20 ? `${this.at.text.slice(0, 20)}...` : this.at.text;
    const name = this.ctx.name;
    throw new TemplateExecError(`template: ${name}:${line}:${col}: executing "${name}" at <${context}>: ${message}`);
  }

  private walkList(list: readonly Node[], dot: GoValue): void {
    for (const node of list) this.walk(node, dot);
  }

  private withScope(fn: () => void): void {
    const depth = this.vars.length;
    try {
      fn();
    } finally {
      this.vars.length = depth;
    }
  }

  private walk(node: Node, dot: GoValue): void {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.out += this.printable(value);
        return;
      }
      case 'if':
      case 'with':
        this.withScope(() => {
          const value = this.evalPipeline(dot, node.pipe);
          if (truth(value)) this.walkList(node.list, node.kind === 'with' ? value : dot);
          else if (node.elseList) this.walkList(node.elseList, dot);
        });
        return;
      case 'range':
        this.withScope(() => this.walkRange(node, dot));
        return;
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'template': {
        this.mark(node.pos, `{{template ${JSON.stringify(node.name)}}}`);
        const body = this.ctx.defined.get(node.name);
        if (!body) this.fail(`template ${JSON.stringify(node.name)} not defined`);
        const value = node.pipe ? this.evalPipeline(dot, node.pipe) : null;
        const saved = this.vars;
        this.vars = [{ name: '$', value }];
        try {
          this.walkList(body, value);
        } finally {
          this.vars = saved;
        }
        return;
      }
    }
  }

  private printable(v: GoValue): string {
    if (typeof v === 'function') this.fail(`can't print ${this.at.text} of type func`);
    return formatValue(v, true);
  }

  private walkRange(node: BranchNode, dot: GoValue): void {
    const value = this.evalPipelineValue(dot, node.pipe);
    const decl = node.pipe.decl;
    const entries: [GoValue, GoValue][] = [];
    if (Array.isArray(value)) value.forEach((v, i) => entries.push([i, v]));
    else if (typeof value === 'number' && Number.isInteger(value)) for (let i = 0; i < value; i++) entries.push([i, i]);
    else if (isMap(value)) for (const k of Object.keys(value).sort()) entries.push([k, value[k]]);
    else if (!isNil(value)) {
      this.mark(node.pipe.pos, pipeText(node.pipe));
      this.fail(`range can't iterate over ${formatValue(value)}`);
    }
    if (entries.length === 0) {
      if (node.elseList) this.walkList(node.elseList, dot);
      return;
    }
    const base = this.vars.length;
    for (const [key, elem] of entries) {
      this.vars.length = base;
      if (decl.length === 1) this.bind(decl[0]!, typeof value === 'number' ? key : elem, node.pipe.isAssign);
      if (decl.length === 2) {
        this.bind(decl[0]!, key, node.pipe.isAssign);
        this.bind(decl[1]!, elem, node.pipe.isAssign);
      }
      try {
        this.walkList(node.list, elem);
      } catch (e) {
        if (e instanceof Break) break;
        if (e instanceof Continue) continue;
        throw e;
      }
    }
  }

  private bind(name: string, value: GoValue, assign: boolean): void {
    if (assign) {
      for (let i = this.vars.length - 1; i >= 0; i--) {
        if (this.vars[i]!.name === name) {
          this.vars[i]!.value = value;
          return;
        }
      }
      this.fail(`undefined variable: ${name}`);
    }
    this.vars.push({ name, value });
  }

  /** Evaluate the commands of a pipeline, ignoring its declarations. */
  private evalPipelineValue(dot: GoValue, pipe: PipeNode): GoValue {
    let value: Final = NO_FINAL;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    return value === NO_FINAL ? MISSING : value;
  }

  /** Evaluate a pipeline and bind its declared variable, if any. */
  private evalPipeline(dot: GoValue, pipe: PipeNode): GoValue {
    const value = this.evalPipelineValue(dot, pipe);
    for (const name of pipe.decl) this.bind(name, value, pipe.isAssign);
    return value;
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0]!;
    const args = cmd.args.slice(1);
    switch (first.kind) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.names, args, final);
      case 'chain': {
        const receiver = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, receiver, first, first.names, args, final);
      }
      case 'variable': {
        const value = this.variable(first.name, first);
        if (first.names.length === 0) {
          this.notAFunction(first, args, final);
          return value;
        }
        return this.evalFieldChain(dot, value, first, first.names, args, final);
      }
      case 'identifier':
        return this.evalFunction(dot, first.name, cmd, args, final);
      case 'pipe':
        this.notAFunction(first, args, final);
        return this.evalPipeline(dot, first.pipe);
      default:
        this.notAFunction(first, args, final);
        return this.evalArg(dot, first);
    }
  }

  private notAFunction(node: ArgNode, args: readonly ArgNode[], final: Final): void {
    if (args.length > 0 || final !== NO_FINAL) {
      this.mark(node.pos, argString(node));
      this.fail(`can't give argument to non-function ${argString(node)}`);
    }
  }

  private variable(name: string, node: ArgNode): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i]!.name === name) return this.vars[i]!.value;
    this.mark(node.pos, argString(node));
    return this.fail(`undefined variable: ${name}`);
  }

  /** An argument's value: literals, fields, variables, parenthesised pipelines, niladic functions. */
  private evalArg(dot: GoValue, node: ArgNode): GoValue {
    this.mark(node.pos, argString(node));
    switch (node.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'bool':
      case 'number':
      case 'string':
        return node.value;
      case 'field':
        return this.evalFieldChain(dot, dot, node, node.names, [], NO_FINAL);
      case 'variable': {
        const value = this.variable(node.name, node);
        return node.names.length === 0 ? value : this.evalFieldChain(dot, value, node, node.names, [], NO_FINAL);
      }
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, node.node), node, node.names, [], NO_FINAL);
      case 'pipe':
        return this.evalPipelineValue(dot, node.pipe);
      case 'identifier':
        return this.evalFunction(dot, node.name, { pos: node.pos, args: [node] }, [], NO_FINAL);
    }
  }

  private evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: ArgNode,
    names: readonly string[],
    args: readonly ArgNode[],
    final: Final,
  ): GoValue {
    let value = receiver;
    names.forEach((name, i) => {
      const last = i === names.length - 1;
      value = this.evalField(dot, name, node, last ? args : [], last ? final : NO_FINAL, value);
    });
    return value;
  }

  private evalField(
    dot: GoValue,
    name: string,
    node: ArgNode,
    args: readonly ArgNode[],
    final: Final,
    receiver: GoValue,
  ): GoValue {
    this.mark(node.pos, argString(node));
    // A missing map key stays missing all along the chain (Go's invalid value).
    if (receiver === MISSING) return MISSING;
    if (receiver === null || receiver === undefined) this.fail(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = args.length > 0 || final !== NO_FINAL;
    if (typeof receiver === 'object') {
      const obj = receiver as Record<string, unknown>;
      const member = Object.hasOwn(obj, name) || isStruct(obj) ? obj[name] : undefined;
      if (typeof member === 'function') {
        return this.callMethod(dot, name, obj, member as (...a: unknown[]) => unknown, node, args, final);
      }
      if (isStruct(obj)) {
        if (!Object.hasOwn(obj, name)) this.fail(`can't evaluate field ${name} in type ${typeName(obj)}`);
        if (hasArgs) this.fail(`${name} has arguments but cannot be invoked as function`);
        return obj[name];
      }
      if (!Array.isArray(obj)) {
        if (hasArgs) this.fail(`${name} is not a method but has arguments`);
        return Object.hasOwn(obj, name) ? obj[name] : MISSING;
      }
    }
    return this.fail(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  private evalArgs(dot: GoValue, args: readonly ArgNode[], final: Final): GoValue[] {
    const values = args.map((a) => this.evalArg(dot, a));
    if (final !== NO_FINAL) values.push(final);
    return values;
  }

  private callMethod(
    dot: GoValue,
    name: string,
    receiver: object,
    method: (...a: unknown[]) => unknown,
    node: ArgNode,
    args: readonly ArgNode[],
    final: Final,
  ): GoValue {
    const values = this.evalArgs(dot, args, final);
    this.mark(node.pos, argString(node));
    try {
      return method.apply(receiver, values);
    } catch (e) {
      return this.fail(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private evalFunction(dot: GoValue, name: string, cmd: CommandNode, args: readonly ArgNode[], final: Final): GoValue {
    const cmdText = commandString(cmd);
    if (name === 'and' || name === 'or') {
      if (args.length + (final === NO_FINAL ? 0 : 1) === 0) {
        this.mark(cmd.pos, name);
        this.fail(`wrong number of args for ${name}: want at least 1 got 0`);
      }
      // Lazy: stop at the first false (and) / true (or) operand and return it.
      let value: GoValue = MISSING;
      for (const a of args) {
        value = this.evalArg(dot, a);
        if (truth(value) === (name === 'or')) return value;
      }
      if (final !== NO_FINAL) value = final;
      return value;
    }
    const fn = this.ctx.funcs[name];
    if (!fn) {
      this.mark(cmd.pos, name);
      return this.fail(`"${name}" is not a defined function`);
    }
    const given = args.length + (final === NO_FINAL ? 0 : 1);
    if (fn.variadic !== undefined) {
      if (given < fn.params.length) {
        this.mark(cmd.pos, name);
        this.fail(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
      }
    } else if (given !== fn.params.length) {
      this.mark(cmd.pos, name);
      this.fail(`wrong number of args for ${name}: want ${fn.params.length} got ${given}`);
    }
    const values: GoValue[] = [];
    args.forEach((a, i) => {
      const v = this.evalArg(dot, a);
      const problem = checkArg(fn.params[i] ?? fn.variadic!, v);
      if (problem) {
        this.mark(a.pos, argString(a));
        this.fail(problem);
      }
      values.push(v === MISSING ? null : v);
    });
    if (final !== NO_FINAL) {
      const problem = checkArg(fn.params[args.length] ?? fn.variadic!, final);
      if (problem) {
        this.mark(cmd.pos, cmdText);
        this.fail(problem);
      }
      values.push(final === MISSING ? null : final);
    }
    this.mark(cmd.pos, cmdText);
    try {
      return fn.call(...values);
    } catch (e) {
      if (e instanceof FuncError || e instanceof Error) return this.fail(`error calling ${name}: ${e.message}`);
      throw e;
    }
  }
}

function pipeText(p: PipeNode): string {
  return p.cmds.map(commandString).join(' | ');
}
