import type { Command } from './ast.ts';

export interface Var {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

/** `set -o` options ash supports that we implement. */
export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  pipefail: boolean;
  noglob: boolean;
  noclobber: boolean;
  allexport: boolean;
  noexec: boolean;
  verbose: boolean;
}

export const OPTION_LETTERS: Record<string, keyof ShellOptions> = {
  e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber', a: 'allexport', n: 'noexec', v: 'verbose',
};

/**
 * Everything a subshell inherits by copy: variables, functions, positional
 * parameters, options, traps. A forked child gets `clone()`, so its
 * assignments never reach the parent, as with fork(2).
 */
export class ShellState {
  vars = new Map<string, Var>();
  funcs = new Map<string, Command>();
  positional: string[] = [];
  arg0 = 'sh';
  opts: ShellOptions = {
    errexit: false, nounset: false, xtrace: false, pipefail: false, noglob: false, noclobber: false, allexport: false, noexec: false, verbose: false,
  };
  status = 0;
  lastBg: number | undefined;
  traps = new Map<string, string>();
  /** Saved outer values of `local` variables, one frame per function call. */
  locals: Map<string, Var | undefined>[] = [];
  /** -c mode numbers lines from 0, as ash does. */
  lineBase = 0;
  /** Script name for error prefixes (`script: line N: …`), or null under -c. */
  scriptName: string | null = null;

  clone(): ShellState {
    const s = new ShellState();
    for (const [k, v] of this.vars) s.vars.set(k, { ...v });
    s.funcs = new Map(this.funcs);
    s.positional = [...this.positional];
    s.arg0 = this.arg0;
    s.opts = { ...this.opts };
    s.status = this.status;
    s.lastBg = this.lastBg;
    s.traps = new Map(this.traps);
    s.lineBase = this.lineBase;
    s.scriptName = this.scriptName;
    return s;
  }

  get(name: string): string | undefined {
    return this.vars.get(name)?.value;
  }

  /** Assigns; throws ReadonlyError for readonly variables. */
  set(name: string, value: string, exported = false): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ReadonlyError(name);
    if (v) {
      v.value = value;
      if (exported || this.opts.allexport) v.exported = true;
    } else this.vars.set(name, { value, exported: exported || this.opts.allexport, readonly: false });
  }

  unset(name: string): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ReadonlyError(name);
    if (this.locals.length > 0 && this.locals[this.locals.length - 1]!.has(name) && v) v.value = undefined;
    else this.vars.delete(name);
  }

  /** `KEY=value` strings of exported, set variables (the environment for exec). */
  environ(extra?: ReadonlyMap<string, string>): string[] {
    const out: string[] = [];
    for (const [k, v] of this.vars) if (v.exported && v.value !== undefined && !extra?.has(k)) out.push(`${k}=${v.value}`);
    if (extra) for (const [k, v] of extra) out.push(`${k}=${v}`);
    return out;
  }

  /** `$-`: the single-letter options in effect. */
  flags(): string {
    let s = '';
    for (const [letter, name] of Object.entries(OPTION_LETTERS)) if (this.opts[name]) s += letter;
    return s;
  }
}

export class ReadonlyError extends Error {
  override readonly name = 'ReadonlyError';
  constructor(readonly variable: string) {
    super(`${variable}: is read only`);
  }
}
