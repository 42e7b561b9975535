/**
 * The terminal's login session on the host: a login shell per user (the
 * learner's, and root's on top after `sudo -i` until `exit`), fed one
 * command line at a time by the prompt. Each line runs in a subshell of the
 * login shell, in its own process group (the foreground job), and hands its
 * shell state (variables, functions, cwd, options) back when it ends, so
 * `cd` and `export` last from line to line while Ctrl-C ends just the job.
 *
 * Output goes to the terminal of the line being run; what background jobs
 * write between lines waits for the next line's terminal.
 */
import type { CompletionResult } from '../../api/engine-api.ts';
import type { HostPrompt } from '../../api/host.ts';
import { FdTable } from '../userspace/io/fd-table.ts';
import { StreamFile } from '../userspace/io/special-files.ts';
import { utf8Decode } from '../fs/utf8.ts';
import type { Kernel } from '../userspace/process/kernel.ts';
import type { Process } from '../userspace/process/process.ts';
import { SIGNALS } from '../userspace/process/signals.ts';
import { shellBuiltins } from '../userspace/shell/builtins/index.ts';
import { ShellExit } from '../userspace/shell/control.ts';
import { Shell } from '../userspace/shell/interpreter.ts';
import { parseChunk } from '../userspace/shell/repl.ts';
import { ShellState } from '../userspace/shell/state.ts';
import { passwd } from '../userspace/applets/lib/users.ts';
import { HOST } from '../host.ts';
import { HostTty } from './tty.ts';
import { completeHostLine } from './complete.ts';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

interface Login {
  readonly proc: Process;
  readonly sh: Shell;
}

/** Where a line's output goes: the terminal in the tab, Node's stdout, a test's buffer. */
export type TerminalWriter = (fd: 1 | 2, text: string) => void;

export class HostSession {
  private readonly logins: Login[] = [];
  private writer: TerminalWriter | null = null;
  private held: { fd: 1 | 2; text: string }[] = [];
  private foreground: Process | null = null;
  private pendingLogin: string | null = null;
  /** The subshells running lines: an implementation detail of the session, left out of `ps`. */
  private readonly jobShells = new Set<Process>();
  readonly tty: HostTty;

  constructor(private readonly kernel: Kernel) {
    this.tty = new HostTty(
      (text) => this.emit(1, text),
      () => this.interrupt(),
    );
  }

  /** The terminal's own descriptors (what every line's processes inherit). */
  private terminalFds(): FdTable {
    const fds = new FdTable();
    fds.install(0, new StreamFile(this.tty, null, () => {}, '/dev/pts/0'));
    fds.install(1, new StreamFile(null, { write: (data) => this.emit(1, utf8Decode(data)) }, () => {}, '/dev/pts/0'));
    fds.install(2, new StreamFile(null, { write: (data) => this.emit(2, utf8Decode(data)) }, () => {}, '/dev/pts/0'));
    return fds;
  }

  private emit(fd: 1 | 2, text: string): void {
    if (this.writer) this.writer(fd, text);
    else this.held.push({ fd, text });
  }

  /** A shell process for `user` (its home as cwd, its environment) with descriptors `fds`. */
  private shellFor(user: string, fds: FdTable): Login {
    const entry = passwd(this.kernel.vfs).find((u) => u.name === user);
    const uid = entry?.uid ?? 0;
    const home = entry?.home ?? '/';
    const cred = { uid, gid: entry?.gid ?? 0, groups: groupsOf(this.kernel, user, entry?.gid ?? 0), umask: uid === 0 ? 0o022 : 0o002 };
    const env = [`HOME=${home}`, `USER=${user}`, `LOGNAME=${user}`, 'SHELL=/bin/sh', `PATH=${PATH}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', `HOSTNAME=${HOST.hostname}`];
    const proc = this.kernel.create({ argv: ['-sh'], env, cwd: home, cred, fds });
    const state = new ShellState();
    for (const kv of env) {
      const eq = kv.indexOf('=');
      state.vars.set(kv.slice(0, eq), { value: kv.slice(eq + 1), exported: true, readonly: false });
    }
    for (const [k, v] of [['PWD', home], ['IFS', ' \t\n'], ['PS1', '\\u@\\h:\\w\\$ '], ['PS2', '> '], ['PS4', '+ '], ['OPTIND', '1'], ['PPID', '1']] as const) {
      state.vars.set(k, { value: v, exported: k === 'PWD', readonly: false });
    }
    state.arg0 = '-sh';
    return { proc, sh: new Shell(proc, state, shellBuiltins()) };
  }

  /** Starts a login shell for `user` on the terminal, on top of the current one. */
  private login(user: string): Login {
    const login = this.shellFor(user, this.terminalFds());
    // An interactive shell survives Ctrl-C; its jobs do not.
    login.proc.dispositions.set(SIGNALS.INT, 'catch');
    this.logins.push(login);
    return login;
  }

  /**
   * Runs a line the way `ssh learner@docker-host 'LINE'` would: a fresh
   * shell of the learner's in the home directory, no terminal (stdin at end
   * of file), output to `write`. Lesson checks and other programs use it, so
   * they never share the terminal's job, cwd or output.
   */
  async exec(line: string, write: TerminalWriter): Promise<number> {
    const fds = new FdTable();
    fds.install(0, new StreamFile({ read: async () => null }, null, () => {}, '/dev/null'));
    fds.install(1, new StreamFile(null, { write: (data) => write(1, utf8Decode(data)) }, () => {}, 'pipe:[1]'));
    fds.install(2, new StreamFile(null, { write: (data) => write(2, utf8Decode(data)) }, () => {}, 'pipe:[2]'));
    const { proc, sh } = this.shellFor('learner', fds);
    const status = new Promise<number>((resolve) => {
      this.kernel.run(proc, async () => {
        const code = await sh.runScript(line);
        resolve(code);
        return code;
      });
      void proc.exited.then(resolve);
    });
    return status;
  }

  private top(): Login {
    return this.logins[this.logins.length - 1] ?? this.login('learner');
  }

  /** `sudo -i`/`su -` asks for a login shell when the current line ends. */
  requestLogin(user: string): void {
    this.pendingLogin = user;
  }

  /**
   * Runs one command line (as typed at the prompt) and resolves with its
   * exit status when the foreground job has ended. Output goes to `write`.
   */
  async run(line: string, write: TerminalWriter): Promise<number> {
    const login = this.top();
    this.writer = write;
    for (const h of this.held.splice(0)) write(h.fd, h.text);
    try {
      const parsed = parseChunk(line.endsWith('\n') ? line : `${line}\n`);
      if ('error' in parsed) {
        write(2, `-sh: ${parsed.error.message}\n`);
        return (login.sh.state.status = 2);
      }
      if ('more' in parsed) {
        write(2, '-sh: syntax error: unexpected end of file\n');
        return (login.sh.state.status = 2);
      }
      if (parsed.lists.length === 0) return login.sh.state.status;
      let job: Shell | null = null;
      let exited = false;
      const child = login.sh.forkShell(async (sh) => {
        job = sh;
        try {
          for (const list of parsed.lists) await sh.runList(list);
          return sh.state.status;
        } catch (e) {
          if (e instanceof ShellExit) exited = true;
          throw e;
        }
      });
      child.pgid = child.pid;
      this.foreground = child;
      this.jobShells.add(child);
      const status = await child.exited;
      this.jobShells.delete(child);
      this.foreground = null;
      const done = job as Shell | null;
      if (done && !child.termsig) {
        const st = login.sh.state;
        const from = done.state;
        st.vars = from.vars;
        st.funcs = from.funcs;
        st.positional = from.positional;
        st.opts = from.opts;
        st.lastBg = from.lastBg;
        login.proc.cwd = done.proc.cwd;
        login.proc.umask = done.proc.umask;
      }
      login.sh.state.status = status;
      if (exited) this.logout(write);
      if (this.pendingLogin) {
        const user = this.pendingLogin;
        this.pendingLogin = null;
        this.login(user);
      }
      return status;
    } finally {
      this.writer = null;
    }
  }

  private logout(write: TerminalWriter): void {
    const login = this.logins.pop();
    if (login) this.kernel.terminate(login.proc, 0);
    write(1, 'logout\n');
    // The learner's own shell ended: the terminal opens a fresh login, as a new tab would.
    if (this.logins.length === 0) this.login('learner');
  }

  /** Keys typed while a line runs (the foreground job's terminal input). */
  input(data: string): void {
    this.tty.input(data);
  }

  /** Ctrl-C: SIGINT to the foreground job's process group. */
  interrupt(): void {
    const fg = this.foreground;
    if (fg && !fg.dead) this.kernel.killGroup(fg.pgid, SIGNALS.INT);
  }

  /** The prompt for the next line. */
  prompt(): HostPrompt {
    const { proc, sh } = this.top();
    const root = proc.cred.uid === 0;
    const user = passwd(this.kernel.vfs).find((u) => u.uid === proc.cred.uid)?.name ?? String(proc.cred.uid);
    const home = sh.state.get('HOME') ?? '/';
    const cwd = proc.cwd;
    const dir = home !== '/' && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
    return { user, hostname: this.kernel.hostname, dir, root, text: `${user}@${this.kernel.hostname}:${dir}${root ? '#' : '$'} ` };
  }

  /** Tab completion for a host command line (commands on PATH, builtins, files). */
  complete(line: string, cursor: number): CompletionResult {
    const { proc, sh } = this.top();
    return completeHostLine(line, cursor, { vfs: this.kernel.vfs, cwd: proc.cwd, path: sh.state.get('PATH') ?? PATH, home: sh.state.get('HOME') ?? '/', builtins: [...sh.builtins.special.keys(), ...sh.builtins.regular.keys()] });
  }

  /**
   * The process `ps` should show for `p`'s parent: a line's subshell stands
   * for its login shell (ash would run the line in the login shell itself).
   */
  visible(p: Process): { hidden: boolean; ppid: number } {
    const parent = [...this.jobShells].find((j) => j.pid === p.ppid);
    return { hidden: this.jobShells.has(p), ppid: parent ? parent.ppid : p.ppid };
  }

  /** The user and cwd of the current login (for tests and the Node host). */
  get cwd(): string {
    return this.top().proc.cwd;
  }
}

function groupsOf(kernel: Kernel, user: string, gid: number): number[] {
  const out = new Set([gid]);
  try {
    for (const line of utf8Decode(kernel.vfs.readFile('/etc/group')).split('\n')) {
      const [, , g, members] = line.split(':');
      if (members?.split(',').includes(user)) out.add(Number(g));
    }
  } catch {
    // no group database: the primary group only
  }
  return [...out];
}
