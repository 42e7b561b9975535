import { isFsError } from '../../../fs/errors.ts';
import type { Process } from '../../process/process.ts';
import { parseSignal } from '../../process/signals.ts';
import type { Builtin } from '../interpreter.ts';
import { Shell } from '../interpreter.ts';
import { shellQuote } from './vars.ts';

export const cd: Builtin = async (sh, argv) => {
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  let target = args[0];
  let print = false;
  if (target === undefined) target = sh.state.get('HOME') ?? '/';
  else if (target === '-') {
    target = sh.state.get('OLDPWD') ?? sh.proc.cwd;
    print = true;
  }
  const path = sh.proc.resolvePath(target);
  try {
    const st = sh.proc.vfs.stat(path, sh.proc.cred);
    if (st.type !== 'dir') {
      await sh.err(`can't cd to ${target}: Not a directory`);
      return 2;
    }
  } catch (e) {
    if (!isFsError(e)) throw e;
    await sh.err(`can't cd to ${target}: ${e.text}`);
    return 2;
  }
  sh.state.set('OLDPWD', sh.proc.cwd);
  sh.proc.cwd = path;
  sh.state.set('PWD', path);
  if (print) await sh.out(`${path}\n`);
  return 0;
};

export const pwd: Builtin = async (sh) => {
  await sh.out(`${sh.proc.cwd}\n`);
  return 0;
};

export const umask: Builtin = async (sh, argv) => {
  const a = argv[1];
  if (a === undefined) {
    await sh.out(`${sh.proc.umask.toString(8).padStart(4, '0')}\n`);
    return 0;
  }
  if (a === '-S') {
    const m = ~sh.proc.umask & 0o777;
    const part = (shift: number): string => `${m >> shift & 4 ? 'r' : ''}${m >> shift & 2 ? 'w' : ''}${m >> shift & 1 ? 'x' : ''}`;
    await sh.out(`u=${part(6)},g=${part(3)},o=${part(0)}\n`);
    return 0;
  }
  if (!/^[0-7]+$/.test(a)) {
    await sh.err(`Illegal number: ${a}`);
    return 1;
  }
  sh.proc.umask = parseInt(a, 8);
  return 0;
};

export const trap: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    let out = '';
    for (const [k, v] of sh.state.traps) out += `trap -- ${shellQuote(v)} ${k}\n`;
    await sh.out(out);
    return 0;
  }
  let action: string | null = args[0]!;
  let conds = args.slice(1);
  if (/^\d+$/.test(action) && conds.length === 0) {
    conds = [action];
    action = null;
  } else if (action === '-') action = null;
  let status = 0;
  for (const c of conds) {
    const name = Shell.trapName(c);
    if (name === null) {
      await sh.err(`${c}: bad trap`);
      status = 1;
      continue;
    }
    if (action === null) sh.state.traps.delete(name);
    else sh.state.traps.set(name, action);
    if (name !== 'EXIT') {
      const sig = parseSignal(name)!;
      if (action === null) sh.proc.dispositions.delete(sig);
      else sh.proc.dispositions.set(sig, action === '' ? 'ignore' : 'catch');
    }
  }
  return status;
};

export const wait: Builtin = async (sh, argv) => {
  const pids = argv.slice(1).map(Number);
  let status = 0;
  const targets: Process[] = pids.length === 0 ? [...sh.jobs] : sh.jobs.filter((j) => pids.includes(j.pid));
  for (const pid of pids) if (!sh.jobs.some((j) => j.pid === pid)) status = 127;
  for (const j of targets) {
    status = await sh.waitChild(j, true);
    if (sh.proc.pending.length > 0) {
      await sh.runPendingTraps();
      return 128 + 15;
    }
  }
  sh.jobs = sh.jobs.filter((j) => !j.dead);
  // Without operands, wait returns 0 whatever the jobs returned (POSIX).
  return pids.length === 0 ? 0 : status;
};

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);

/** How a name would be run: keyword, function, builtin or a path. */
function describe(sh: Shell, name: string): { kind: 'keyword' | 'function' | 'special' | 'builtin' | 'file'; path?: string } | null {
  if (KEYWORDS.has(name)) return { kind: 'keyword' };
  if (sh.builtins.special.has(name)) return { kind: 'special' };
  if (sh.state.funcs.has(name)) return { kind: 'function' };
  if (sh.builtins.regular.has(name)) return { kind: 'builtin' };
  const p = sh.lookPath(name);
  return p === null ? null : { kind: 'file', path: name.includes('/') ? name : p };
}

export const type: Builtin = async (sh, argv) => {
  let status = 0;
  for (const name of argv.slice(1)) {
    const d = describe(sh, name);
    if (!d) {
      await sh.out(`${name}: not found\n`);
      status = 127;
      continue;
    }
    const what = { keyword: 'a shell keyword', function: 'a function', special: 'a special shell builtin', builtin: 'a shell builtin', file: d.path };
    await sh.out(`${name} is ${what[d.kind]}\n`);
  }
  return status;
};

export const command: Builtin = async (sh, argv) => {
  let i = 1;
  let mode: 'v' | 'V' | null = null;
  while (argv[i] === '-v' || argv[i] === '-V' || argv[i] === '-p') {
    if (argv[i] !== '-p') mode = argv[i] === '-v' ? 'v' : 'V';
    i++;
  }
  const args = argv.slice(i);
  if (args.length === 0) return 0;
  if (mode === 'V') return type(sh, ['type', ...args]);
  if (mode === 'v') {
    let status = 0;
    for (const name of args) {
      const d = describe(sh, name);
      if (!d) status = 127;
      else await sh.out(`${d.kind === 'file' ? d.path : name}\n`);
    }
    return status;
  }
  const name = args[0]!;
  const b = sh.builtins.special.get(name) ?? sh.builtins.regular.get(name);
  if (b) return sh.callBuiltin(name, b, args);
  const child = sh.forkShell((c) => c.execExternal(args, sh.state.environ()));
  return sh.proc.wait(child.exited);
};
