import { isFsError } from '../../../fs/errors.ts';
import { decode } from '../../io/text.ts';
import { BreakLoop, ContinueLoop, ReturnFromFunction, ShellExit, ShellFatal } from '../control.ts';
import type { Builtin } from '../interpreter.ts';

/** Parses a status/count argument as ash does: `Illegal number: x` otherwise. */
export function number(arg: string): number {
  if (!/^\d+$/.test(arg)) throw new ShellFatal(`Illegal number: ${arg}`);
  return Number(arg);
}

export const colon: Builtin = async () => 0;

export const exit: Builtin = async (sh, argv) => {
  const status = argv[1] !== undefined ? number(argv[1]) & 0xff : sh.state.status;
  throw new ShellExit(status);
};

export const ret: Builtin = async (sh, argv) => {
  throw new ReturnFromFunction(argv[1] !== undefined ? number(argv[1]) & 0xff : sh.state.status);
};

/** break/continue [N]: N is capped at the loop depth; outside a loop they do nothing. */
export const brk: Builtin = async (sh, argv) => {
  const n = argv[1] !== undefined ? number(argv[1]) : 1;
  if (n === 0) throw new ShellFatal(`Illegal number: ${argv[1]}`);
  if (sh.loopDepth === 0) return 0;
  throw new BreakLoop(Math.min(n, sh.loopDepth));
};

export const cont: Builtin = async (sh, argv) => {
  const n = argv[1] !== undefined ? number(argv[1]) : 1;
  if (n === 0) throw new ShellFatal(`Illegal number: ${argv[1]}`);
  if (sh.loopDepth === 0) return 0;
  throw new ContinueLoop(Math.min(n, sh.loopDepth));
};

export const evalBuiltin: Builtin = async (sh, argv) => {
  const src = argv.slice(1).join(' ');
  if (src.trim() === '') return 0;
  return sh.evalString(src);
};

/** `.`: runs a file in the current shell (searched in PATH when it has no slash). */
export const dot: Builtin = async (sh, argv) => {
  const name = argv[1];
  if (name === undefined) return 0;
  const path = name.includes('/') ? sh.proc.resolvePath(name) : (sh.lookPath(name) ?? sh.proc.resolvePath(name));
  let text: string;
  try {
    text = decode(sh.proc.vfs.readFile(path, sh.proc.cred));
  } catch (e) {
    if (!isFsError(e)) throw e;
    await sh.err(`can't open '${name}': ${e.text}`);
    throw new ShellExit(2);
  }
  const savedPos = sh.state.positional;
  if (argv.length > 2) sh.state.positional = argv.slice(2);
  const prev = sh.builtinName;
  sh.builtinName = null;
  try {
    return await sh.evalString(text);
  } catch (e) {
    if (e instanceof ReturnFromFunction) return e.status;
    throw e;
  } finally {
    sh.builtinName = prev;
    if (argv.length > 2) sh.state.positional = savedPos;
  }
};

/** exec: replace the shell with a command, or (without one) keep the redirections. */
export const exec: Builtin = async (sh, argv) => {
  if (argv.length < 2) {
    sh.keepRedirs = true;
    return 0;
  }
  const status = await sh.execExternal(argv.slice(1), sh.state.environ());
  throw new ShellExit(status);
};

export const shift: Builtin = async (sh, argv) => {
  const n = argv[1] !== undefined ? number(argv[1]) : 1;
  // ash fails silently when there are not enough parameters.
  if (n > sh.state.positional.length) return 1;
  sh.state.positional = sh.state.positional.slice(n);
  return 0;
};
