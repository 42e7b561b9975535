import { isFsError } from '../../fs/errors.ts';
import { Interrupted } from '../io/interrupt.ts';
import type { OpenFile } from '../io/open-file.ts';
import { FdTable } from '../io/fd-table.ts';
import { NullFile } from '../io/special-files.ts';
import { Pipe } from '../io/pipe.ts';
import { decode } from '../io/text.ts';
import { ExecError, ForkError, ProcessTerminated } from '../process/errors.ts';
import type { Process } from '../process/process.ts';
import { SIGNALS, parseSignal, signalMessage, signalName } from '../process/signals.ts';
import type { AndOr, Case, Command, For, If, List, Loop, Pipeline, SimpleCommand } from './ast.ts';
import { BreakLoop, ContinueLoop, ReturnFromFunction, ShellExit, ShellFatal } from './control.ts';
import { Expander } from './expand.ts';
import { matchPattern } from './glob.ts';
import { ShellSyntaxError } from './parse-error.ts';
import { Parser } from './parser.ts';
import { applyRedirs, RedirError, restoreFds } from './redirect.ts';
import type { SavedFds } from './redirect.ts';
import { ReadonlyError, ShellState } from './state.ts';

/** A shell builtin: runs inside the shell's process. */
export type Builtin = (sh: Shell, argv: string[]) => Promise<number>;

/** Builtins and the applets the shell runs without forking (echo, printf, test…). */
export interface BuiltinTable {
  special: ReadonlyMap<string, Builtin>;
  regular: ReadonlyMap<string, Builtin>;
}

/** How often (in commands) the interpreter gives the host a turn. */
const YIELD_EVERY = 256;
/** Nested function calls before the shell "overflows its stack" (BusyBox ash with an 8 MiB stack manages a few thousand). */
const MAX_CALL_DEPTH = 4096;

/**
 * The interpreter: walks the syntax tree in one process. Pipelines,
 * subshells, `$(…)` and `&` fork child processes that run a copy of the
 * shell state; external commands are forked and exec'd through the kernel,
 * so every file they touch goes through the Vfs.
 */
export class Shell {
  readonly ex: Expander;
  /** The line being executed (for error messages and LINENO). */
  lineno = 0;
  /** The builtin currently running, for ash's `sh: cd: line N:` prefix. */
  builtinName: string | null = null;
  jobs: Process[] = [];
  /** Loops currently running (break/continue outside any loop do nothing, as in ash). */
  loopDepth = 0;
  /** Set by `exec` without a command: the current redirections become permanent. */
  keepRedirs = false;
  private commands = 0;
  private errexitSuppressed = 0;
  private substStatus: number | null = null;
  private inTrap = false;

  constructor(
    readonly proc: Process,
    readonly state: ShellState,
    readonly builtins: BuiltinTable,
    readonly shellPid = proc.pid,
  ) {
    this.ex = new Expander({
      state,
      vfs: proc.vfs,
      get cwd() {
        return proc.cwd;
      },
      shellPid,
      substitute: (body) => this.substitute(body),
      homeOf: (user) => this.homeOf(user),
      lineno: () => this.lineno - this.state.lineBase,
    });
  }

  // ---- output helpers -------------------------------------------------

  async out(s: string): Promise<void> {
    await this.proc.write(1, s);
  }

  /** Writes an error message with ash's prefix (`sh: `, `sh: cd: line 0: `, `script: line 3: `). */
  async err(msg: string): Promise<void> {
    const st = this.state;
    const line = this.lineno - st.lineBase;
    let prefix = `${st.arg0}: `;
    if (this.builtinName !== null) prefix += `${this.builtinName}: line ${line}: `;
    else if (st.scriptName !== null) prefix += `line ${line}: `;
    try {
      await this.proc.write(2, `${prefix}${msg}\n`);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }

  // ---- top level ------------------------------------------------------

  /**
   * Runs a whole script, one top-level command at a time (as ash does), then
   * the EXIT trap. Returns the exit status.
   */
  async runScript(src: string): Promise<number> {
    const parser = new Parser(src);
    let status: number;
    try {
      for (;;) {
        let list: List | null;
        try {
          list = parser.parseNext();
        } catch (e) {
          if (e instanceof ShellSyntaxError) {
            this.lineno = e.line;
            this.builtinName = null;
            await this.err(e.message);
            throw new ShellExit(2);
          }
          throw e;
        }
        if (!list) break;
        if (this.state.opts.noexec) continue;
        // The script's last command execs in place (ash's -c behaviour), so
        // `sh -c 'sleep 100'` leaves `sleep` as the process, not a child.
        let last = false;
        try {
          last = parser.atEnd();
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
        }
        await this.runList(list, last);
      }
      status = this.state.status;
    } catch (e) {
      status = await this.exitStatusOf(e);
    }
    return this.runExitTrap(status);
  }

  /** Maps a control-flow exception at the top of a shell to an exit status. */
  async exitStatusOf(e: unknown): Promise<number> {
    if (e instanceof ShellExit) return e.status;
    if (e instanceof ShellFatal) {
      await this.err(e.message);
      return e.status;
    }
    if (e instanceof ReadonlyError) {
      await this.err(e.message);
      return 2;
    }
    if (e instanceof ReturnFromFunction) return e.status;
    if (e instanceof BreakLoop || e instanceof ContinueLoop) return this.state.status;
    throw e;
  }

  async runExitTrap(status: number): Promise<number> {
    const action = this.state.traps.get('EXIT');
    if (action === undefined || action === '') return status;
    this.state.traps.delete('EXIT');
    this.state.status = status;
    try {
      await this.evalString(action);
    } catch (e) {
      if (e instanceof ShellExit) return e.status;
      if (e instanceof ProcessTerminated) throw e;
      return this.exitStatusOf(e);
    }
    return status;
  }

  /** Parses and runs text in this shell (eval, traps, `.`). */
  async evalString(src: string): Promise<number> {
    const parser = new Parser(src);
    let status = 0;
    for (;;) {
      let list: List | null;
      try {
        list = parser.parseNext();
      } catch (e) {
        if (e instanceof ShellSyntaxError) throw new ShellFatal(e.message);
        throw e;
      }
      if (!list) break;
      status = await this.runList(list);
    }
    return status;
  }

  /** Between commands: yield now and then, honour kills, run pending traps. */
  private async checkpoint(): Promise<void> {
    this.proc.check();
    if (++this.commands % YIELD_EVERY === 0) {
      await this.proc.kernel.scheduler.yieldNow();
      this.proc.check();
    }
    if (this.proc.pending.length > 0 && !this.inTrap) await this.runPendingTraps();
  }

  async runPendingTraps(): Promise<void> {
    while (this.proc.pending.length > 0) {
      const sig = this.proc.pending.shift()!;
      const name = signalName(sig) ?? String(sig);
      const action = this.state.traps.get(name);
      // Caught without a trap (an interactive shell's SIGINT): nothing to run.
      if (action === undefined || action === '') continue;
      const saved = this.state.status;
      this.inTrap = true;
      try {
        await this.evalString(action);
      } finally {
        this.inTrap = false;
      }
      this.state.status = saved;
    }
  }

  // ---- lists, and-or, pipelines -----------------------------------------

  /**
   * Runs a list. With `lastInPlace` (the body of a forked subshell), the last
   * command execs in this process instead of forking again, as ash does, so
   * `(cmd)` and `cmd &` give the command itself the child's PID.
   */
  async runList(list: List, lastInPlace = false): Promise<number> {
    let status = this.state.status;
    const n = list.items.length;
    for (let i = 0; i < n; i++) {
      const item = list.items[i]!;
      await this.checkpoint();
      if (item.background) {
        this.background(item.cmd);
        status = this.state.status = 0;
      } else status = await this.runAndOr(item.cmd, lastInPlace && i === n - 1 && this.state.traps.size === 0);
    }
    return status;
  }

  private background(cmd: AndOr): void {
    const child = this.forkShell(async (sh) => {
      // Non-interactive shells give background jobs /dev/null as stdin.
      sh.proc.fds.install(0, new NullFile());
      return sh.runAndOr(cmd, true);
    });
    this.state.lastBg = child.pid;
    this.jobs.push(child);
  }

  async runAndOr(a: AndOr, inPlace = false): Promise<number> {
    const n = a.rest.length;
    let status: number;
    if (n > 0) this.errexitSuppressed++;
    try {
      status = await this.runPipeline(a.first, inPlace && n === 0);
      for (let i = 0; i < n; i++) {
        const { op, pipeline } = a.rest[i]!;
        if ((op === '&&') !== (status === 0)) continue;
        const last = i === n - 1;
        if (last) this.errexitSuppressed--;
        try {
          status = await this.runPipeline(pipeline);
        } finally {
          if (last) this.errexitSuppressed++;
        }
      }
    } finally {
      if (n > 0) this.errexitSuppressed--;
    }
    return status;
  }

  private async runPipeline(p: Pipeline, inPlace = false): Promise<number> {
    let status: number;
    if (p.negate) this.errexitSuppressed++;
    try {
      status = p.cmds.length === 1 ? await this.runCommand(p.cmds[0]!, inPlace && !p.negate) : await this.runMulti(p);
    } finally {
      if (p.negate) this.errexitSuppressed--;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.state.status = status;
    if (status !== 0 && !p.negate && this.state.opts.errexit && this.errexitSuppressed === 0) throw new ShellExit(status);
    return status;
  }

  private async runMulti(p: Pipeline): Promise<number> {
    const children: Process[] = [];
    let prevRead: OpenFile | null = null;
    const n = p.cmds.length;
    for (let i = 0; i < n; i++) {
      const cmd = p.cmds[i]!;
      const ends = i < n - 1 ? new Pipe().ends() : null;
      const input = prevRead;
      let child: Process;
      try {
        child = this.forkShell((sh) => sh.runCommand(cmd, true));
      } catch (e) {
        // Fork failed midway (the process limit): drop the pipe ends no child took.
        for (const f of [input, ...(ends ?? [])]) if (f) FdTable.unref(f);
        throw e;
      }
      if (input) {
        child.fds.install(0, input);
      }
      if (ends) {
        child.fds.install(1, ends[1]);
        prevRead = ends[0];
      }
      children.push(child);
    }
    const statuses: number[] = [];
    for (const c of children) statuses.push(await this.proc.wait(c.exited));
    if (this.state.opts.pipefail) {
      for (let i = statuses.length - 1; i >= 0; i--) if (statuses[i] !== 0) return statuses[i]!;
      return 0;
    }
    return statuses[statuses.length - 1]!;
  }

  /** Forks a subshell process running `body` with a copy of this shell's state. */
  forkShell(body: (sh: Shell) => Promise<number>): Process {
    try {
      return this.forkShellOrThrow(body);
    } catch (e) {
      // ash: forkshell() raises "can't fork" (an error that ends a non-interactive shell).
      if (e instanceof ForkError) throw new ShellFatal(`can't fork: ${e.message}`);
      throw e;
    }
  }

  private forkShellOrThrow(body: (sh: Shell) => Promise<number>): Process {
    return this.proc.kernel.fork(this.proc, async (child) => {
      const st = this.state.clone();
      // Traps are reset in a subshell; ignored signals stay ignored.
      for (const [k, v] of st.traps) if (v !== '') st.traps.delete(k);
      for (const [sig, d] of child.dispositions) if (d === 'catch') child.dispositions.delete(sig);
      const sh = new Shell(child, st, this.builtins, this.shellPid);
      sh.lineno = this.lineno;
      let status: number;
      try {
        status = await body(sh);
      } catch (e) {
        if (e instanceof ProcessTerminated) throw e;
        status = await sh.exitStatusOf(e);
      }
      return sh.runExitTrap(status);
    });
  }

  /** `$(…)`: runs `body` in a child with stdout on a pipe and collects the output. */
  private async substitute(body: List): Promise<string> {
    const [r, w] = new Pipe().ends();
    const child = this.forkShell((sh) => sh.runList(body));
    child.fds.install(1, w);
    const chunks: string[] = [];
    try {
      for (;;) {
        const b = await this.proc.wait(r.read(65536, this.proc));
        if (b === null) break;
        chunks.push(decode(b));
      }
    } finally {
      r.refs--;
      r.release();
    }
    const status = await this.proc.wait(child.exited);
    this.substStatus = status;
    this.state.status = status;
    return chunks.join('');
  }

  // ---- commands -----------------------------------------------------------

  async runCommand(cmd: Command, inPlace = false): Promise<number> {
    switch (cmd.type) {
      case 'simple':
        return this.runSimple(cmd, inPlace);
      case 'pipeline':
        return this.runPipeline(cmd);
      case 'andor':
        return this.runAndOr(cmd);
      case 'list':
        return this.runList(cmd);
      case 'func':
        this.state.funcs.set(cmd.name, cmd.body);
        return (this.state.status = 0);
      case 'subshell': {
        if (inPlace) return this.withRedirs(cmd.redirs, () => this.runList(cmd.body, cmd.redirs.length === 0));
        const child = this.forkShell((sh) => sh.withRedirs(cmd.redirs, () => sh.runList(cmd.body, cmd.redirs.length === 0)));
        return this.waitChild(child);
      }
      case 'group':
        return this.withRedirs(cmd.redirs, () => this.runList(cmd.body));
      case 'if':
        return this.withRedirs(cmd.redirs, () => this.runIf(cmd));
      case 'while':
      case 'until':
        return this.withRedirs(cmd.redirs, () => this.runLoop(cmd));
      case 'for':
        return this.withRedirs(cmd.redirs, () => this.runFor(cmd));
      case 'case':
        return this.withRedirs(cmd.redirs, () => this.runCase(cmd));
    }
  }

  /** Runs `fn` with redirections applied, then restores the descriptors. Status 1 if a redirection fails. */
  async withRedirs(redirs: SimpleCommand['redirs'], fn: () => Promise<number>): Promise<number> {
    if (redirs.length === 0) return fn();
    const saved: SavedFds = new Map();
    try {
      try {
        await applyRedirs(this.proc, redirs, this.ex, this.state.opts.noclobber, saved);
      } catch (e) {
        if (e instanceof RedirError) {
          await this.err(e.message);
          return (this.state.status = 1);
        }
        throw e;
      }
      return await fn();
    } finally {
      if (this.keepRedirs) {
        this.keepRedirs = false;
        for (const f of saved.values()) if (f) FdTable.unref(f);
        saved.clear();
      }
      restoreFds(this.proc, saved);
    }
  }

  private async cond(list: List): Promise<number> {
    this.errexitSuppressed++;
    try {
      return await this.runList(list);
    } finally {
      this.errexitSuppressed--;
    }
  }

  private async runIf(c: If): Promise<number> {
    for (const cl of c.clauses) {
      if ((await this.cond(cl.cond)) === 0) return this.runList(cl.body);
    }
    if (c.elseBody) return this.runList(c.elseBody);
    return (this.state.status = 0);
  }

  /** Runs a loop body; returns 'break' or 'continue' when a BreakLoop/ContinueLoop targets this loop. */
  private async loopBody(body: List): Promise<'next' | 'break'> {
    try {
      await this.runList(body);
      return 'next';
    } catch (e) {
      if (e instanceof BreakLoop) {
        this.state.status = 0;
        if (--e.levels > 0) throw e;
        return 'break';
      }
      if (e instanceof ContinueLoop) {
        this.state.status = 0;
        if (--e.levels > 0) throw e;
        return 'next';
      }
      throw e;
    }
  }

  private async runLoop(c: Loop): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
      await this.checkpoint();
      const r = await this.cond(c.cond);
      if ((r === 0) !== (c.type === 'while')) break;
      const flow = await this.loopBody(c.body);
      status = this.state.status;
      if (flow === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    return (this.state.status = status);
  }

  private async runFor(c: For): Promise<number> {
    const items = c.items === null ? [...this.state.positional] : await this.ex.words(c.items);
    let status = 0;
    this.loopDepth++;
    try {
      for (const item of items) {
        await this.checkpoint();
        this.state.set(c.name, item);
        const flow = await this.loopBody(c.body);
        status = this.state.status;
        if (flow === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    return (this.state.status = status);
  }

  private async runCase(c: Case): Promise<number> {
    const subject = await this.ex.string(c.subject);
    for (const arm of c.arms) {
      for (const pw of arm.patterns) {
        const pat = await this.ex.pattern(pw);
        if (matchPattern(pat, subject)) {
          return arm.body ? this.runList(arm.body) : (this.state.status = 0);
        }
      }
    }
    return (this.state.status = 0);
  }

  // ---- simple commands ------------------------------------------------------

  private async runSimple(c: SimpleCommand, inPlace: boolean): Promise<number> {
    this.lineno = c.line;
    this.substStatus = null;
    const argv = await this.ex.words(c.words);
    const assigns: [string, string][] = [];
    for (const a of c.assigns) assigns.push([a.name, await this.ex.string(a.value)]);
    if (this.state.opts.xtrace) await this.trace(assigns, argv);

    if (argv.length === 0) {
      for (const [k, v] of assigns) this.state.set(k, v);
      const status = this.substStatus ?? 0;
      if (c.redirs.length > 0) return this.withRedirs(c.redirs, async () => status);
      return (this.state.status = status);
    }

    const name = argv[0]!;
    const special = this.builtins.special.get(name);
    if (special) {
      for (const [k, v] of assigns) this.state.set(k, v);
      return this.withRedirs(c.redirs, () => this.callBuiltin(name, special, argv));
    }
    const fn = this.state.funcs.get(name);
    if (fn) return this.withRedirs(c.redirs, () => this.withTempVars(assigns, () => this.callFunction(fn, argv)));
    const builtin = this.builtins.regular.get(name);
    if (builtin) return this.withRedirs(c.redirs, () => this.withTempVars(assigns, () => this.callBuiltin(name, builtin, argv)));

    const env = this.state.environ(new Map(assigns));
    if (inPlace) {
      return this.withRedirs(c.redirs, () => this.execExternal(argv, env));
    }
    const child = this.forkShell((sh) => sh.withRedirs(c.redirs, () => sh.execExternal(argv, env)));
    return this.waitChild(child);
  }

  /** Waits for a foreground child; reports death by signal as ash does (`Terminated`). */
  async waitChild(child: Process, wakeOnSignal = false): Promise<number> {
    const status = await this.proc.wait(child.exited, wakeOnSignal);
    const msg = child.termsig !== undefined ? signalMessage(child.termsig) : null;
    if (msg !== null && child.dead) {
      child.termsig = undefined;
      try {
        await this.proc.write(2, `${msg}\n`);
      } catch (e) {
        if (!isFsError(e)) throw e;
      }
    }
    return status;
  }

  private async withTempVars(assigns: [string, string][], fn: () => Promise<number>): Promise<number> {
    if (assigns.length === 0) return fn();
    const saved = assigns.map(([k]) => {
      const v = this.state.vars.get(k);
      return [k, v ? { ...v } : undefined] as const;
    });
    for (const [k, v] of assigns) {
      this.state.set(k, v);
      this.state.vars.get(k)!.exported = true;
    }
    try {
      return await fn();
    } finally {
      for (const [k, v] of saved) {
        if (v) this.state.vars.set(k, v);
        else this.state.vars.delete(k);
      }
    }
  }

  async callBuiltin(name: string, b: Builtin, argv: string[]): Promise<number> {
    const prev = this.builtinName;
    this.builtinName = name;
    try {
      return (this.state.status = await b(this, argv));
    } finally {
      this.builtinName = prev;
    }
  }

  async callFunction(body: Command, argv: string[]): Promise<number> {
    const st = this.state;
    if (st.locals.length >= MAX_CALL_DEPTH) {
      // ash recurses on the C stack: `f() { f; }; f` overflows it and the shell dies of SIGSEGV
      // (the parent prints "Segmentation fault"), rather than eating the tab's memory.
      this.proc.termsig = SIGNALS.SEGV;
      this.proc.kernel.terminate(this.proc, 128 + SIGNALS.SEGV);
      this.proc.check();
    }
    const savedPos = st.positional;
    st.positional = argv.slice(1);
    st.locals.push(new Map());
    try {
      return (st.status = await this.runCommand(body));
    } catch (e) {
      if (e instanceof ReturnFromFunction) return (st.status = e.status);
      throw e;
    } finally {
      const frame = st.locals.pop()!;
      for (const [k, v] of frame) {
        if (v) st.vars.set(k, v);
        else st.vars.delete(k);
      }
      st.positional = savedPos;
    }
  }

  /** set -x: `+ a=1 cmd 'arg with space'` on stderr. */
  private async trace(assigns: [string, string][], argv: string[]): Promise<void> {
    const ps4 = this.state.get('PS4') ?? '+ ';
    const words = [...assigns.map(([k, v]) => `${k}=${traceQuote(v)}`), ...argv.map(traceQuote)];
    try {
      await this.proc.write(2, `${ps4}${words.join(' ')}\n`);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }

  /**
   * Finds a command in PATH, returning the path as ash passes it to execve
   * (`dir/name`, or the name itself when it has a slash); null when not found.
   */
  lookPath(name: string): string | null {
    if (name.includes('/')) return name;
    const path = this.state.get('PATH') ?? '/sbin:/usr/sbin:/bin:/usr/bin';
    for (const dir of path.split(':')) {
      const p = `${dir || '.'}/${name}`;
      try {
        if (this.proc.vfs.stat(this.proc.resolvePath(p), this.proc.cred).type === 'file') return p;
      } catch {
        // keep looking
      }
    }
    return null;
  }

  /** exec of an external command in this (already forked) process, with ash's error messages. */
  async execExternal(argv: string[], env: string[]): Promise<number> {
    const name = argv[0]!;
    const path = this.lookPath(name);
    if (path === null) {
      await this.err(`${name}: not found`);
      return 127;
    }
    try {
      return await this.proc.kernel.exec(this.proc, path, argv, env);
    } catch (e) {
      if (e instanceof ExecError) {
        if (e.code === 'ENOEXEC') {
          // ash runs a file without a recognised format as a shell script.
          return this.proc.kernel.exec(this.proc, '/bin/sh', ['/bin/sh', path, ...argv.slice(1)], env);
        }
        if (e.code === 'ENOENT') {
          await this.err(`${name}: not found`);
          return 127;
        }
        await this.err(`${name}: ${e.code === 'EACCES' ? 'Permission denied' : e.code === 'ENOTDIR' ? 'Not a directory' : 'Symbolic link loop'}`);
        return 126;
      }
      if (e instanceof Interrupted) throw new ProcessTerminated(this.proc.status ?? 130);
      throw e;
    }
  }

  private homeOf(user: string): string | undefined {
    try {
      const passwd = decode(this.proc.vfs.readFile('/etc/passwd'));
      for (const line of passwd.split('\n')) {
        const f = line.split(':');
        if (f[0] === user) return f[5];
      }
    } catch {
      // no passwd: leave ~user alone
    }
    return undefined;
  }

  /** Parses a signal/trap condition name: EXIT, 0, INT, SIGINT, 2… */
  static trapName(s: string): string | null {
    if (s === '0' || s.toUpperCase() === 'EXIT') return 'EXIT';
    const n = parseSignal(s);
    return n === undefined ? null : (signalName(n) ?? null);
  }
}

const RESERVED_WORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);

/** set -x quoting: ash single-quotes anything that is not a plain word (reserved words included). */
function traceQuote(s: string): string {
  if (s === '' || (/^[A-Za-z0-9_.,:/@%+=-]+$/.test(s) && !RESERVED_WORDS.has(s))) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}
