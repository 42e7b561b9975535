import { isFsError } from '../../fs/errors.ts';
import { decode } from '../io/text.ts';
import { ProcessTerminated } from '../process/errors.ts';
import { shellBuiltins } from '../shell/builtins/index.ts';
import { Shell } from '../shell/interpreter.ts';
import { runFromStdin } from '../shell/repl.ts';
import { OPTION_LETTERS, ShellState } from '../shell/state.ts';
import type { ShellOptions } from '../shell/state.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { defineApplet } from './registry.ts';
import { isTerminal } from './lib/tty.ts';

/**
 * sh / ash: `sh -c 'cmds' [arg0 [args…]]`, `sh script [args…]`, or commands
 * from stdin. Imports the environment as exported variables.
 */
export const sh = defineApplet(['sh', 'ash'], async (io: AppletIO, argv: string[]) => {
  const proc = io.proc;
  const state = new ShellState();
  for (const kv of proc.env) {
    const eq = kv.indexOf('=');
    if (eq > 0) state.vars.set(kv.slice(0, eq), { value: kv.slice(eq + 1), exported: true, readonly: false });
  }
  // ash's built-in default when the environment has no PATH.
  if (!state.vars.has('PATH')) state.vars.set('PATH', { value: '/sbin:/usr/sbin:/bin:/usr/bin', exported: false, readonly: false });
  const level = Number(state.get('SHLVL') ?? '0');
  state.vars.set('SHLVL', { value: String((Number.isInteger(level) ? level : 0) + 1), exported: true, readonly: false });
  state.vars.set('PPID', { value: String(proc.ppid), exported: false, readonly: false });
  state.vars.set('PS4', { value: '+ ', exported: false, readonly: false });
  state.vars.set('IFS', { value: ' \t\n', exported: false, readonly: false });
  state.vars.set('OPTIND', { value: '1', exported: false, readonly: false });
  const pwd = state.get('PWD');
  state.set('PWD', pwd && proc.resolvePath(pwd) === proc.cwd ? pwd : proc.cwd, true);
  state.arg0 = argv[0] ?? 'sh';

  let command: string | null = null;
  let i = 1;
  let readStdin = false;
  let interactive = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if ((a[0] !== '-' && a[0] !== '+') || a.length < 2) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'c') command = '';
      else if (c === 's') readStdin = true;
      else if (c === 'o') {
        const name = argv[++i];
        if (name && name in state.opts) state.opts[name as keyof ShellOptions] = on;
      } else if (OPTION_LETTERS[c]) state.opts[OPTION_LETTERS[c]] = on;
      else if (c === 'i') interactive = true;
      else if (c === 'l') continue;
      else {
        await io.err(`-${c}: invalid option`);
        return 2;
      }
    }
  }
  const shell = new Shell(proc, state, shellBuiltins());
  let src: string;
  if (command !== null) {
    src = argv[i++] ?? '';
    if (i < argv.length) state.arg0 = argv[i++]!;
    state.positional = argv.slice(i);
    state.lineBase = 1;
  } else if (!readStdin && i < argv.length) {
    const script = argv[i]!;
    try {
      src = decode(proc.vfs.readFile(proc.resolvePath(script), proc.cred));
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't open '${script}': ${e.text}`);
      return 2;
    }
    state.arg0 = script;
    state.scriptName = script;
    state.positional = argv.slice(i + 1);
  } else {
    // Commands from stdin, one at a time as they arrive: interactive with -i, or on a terminal (ash: isatty(0) && isatty(1)).
    state.positional = argv.slice(i);
    return runFromStdin(shell, interactive || (isTerminal(proc.fds.get(0)) && isTerminal(proc.fds.get(1))));
  }
  try {
    return await shell.runScript(src);
  } catch (e) {
    if (e instanceof ProcessTerminated) throw e;
    throw e;
  }
});
