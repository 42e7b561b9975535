import { canExecute } from '../process/binfmt.ts';
import { matchPattern } from '../shell/glob.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { defineApplet } from './registry.ts';

class TestError extends Error {}

/**
 * test EXPR / [ EXPR ]: POSIX's argument-count rules for up to four
 * arguments, then a recursive parser with -a/-o, ! and parentheses.
 * Errors (`missing ]`, `x: bad number`) exit with status 2.
 */
export const test = defineApplet(['test', '['], async (io, argv) => {
  let args = argv.slice(1);
  const close = argv[0] === '[[' ? ']]' : argv[0] === '[' || argv[0]?.endsWith('/[') ? ']' : null;
  if (close !== null) {
    if (args[args.length - 1] !== close) {
      await io.err(`missing ${close}`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(io, args, argv[0] === '[[') ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) {
      await io.err(e.message);
      return 2;
    }
    throw e;
  }
});

const UNARY = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-z', '-n', '-b', '-c', '-p', '-S', '-t', '-g', '-u', '-k', '-O', '-G']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>']);

function evaluate(io: AppletIO, args: string[], patterns: boolean): boolean {
  let i = 0;
  const peek = (): string | undefined => args[i];
  const orExpr = (): boolean => {
    let v = andExpr();
    while (peek() === '-o') {
      i++;
      v = andExpr() || v;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (peek() === '-a') {
      i++;
      v = notExpr() && v;
    }
    return v;
  };
  const notExpr = (): boolean => {
    if (peek() === '!' && i + 1 < args.length) {
      i++;
      return !notExpr();
    }
    return primary();
  };
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '(' && args.length - i > 1) {
      i++;
      const v = orExpr();
      if (args[i] !== ')') throw new TestError('syntax error');
      i++;
      return v;
    }
    const b = args[i + 1];
    if (b !== undefined && BINARY.has(b)) {
      if (i + 2 >= args.length) throw new TestError(`${b}: argument expected`);
      const c = args[i + 2]!;
      i += 3;
      return binary(io, a, b, c, patterns);
    }
    if (UNARY.has(a) && b !== undefined) {
      i += 2;
      return unary(io, a, b);
    }
    i++;
    return a !== '';
  };
  if (args.length === 0) return false;
  const v = orExpr();
  if (i < args.length) throw new TestError(`${args[i]}: unknown operand`);
  return v;
}

function num(s: string): number {
  const t = s.trim();
  if (!/^[-+]?\d+$/.test(t)) throw new TestError(`${s}: bad number`);
  return Number(t);
}

function unary(io: AppletIO, op: string, arg: string): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return false;
  const vfs = io.proc.vfs;
  const path = io.path(arg);
  let st;
  try {
    st = op === '-L' || op === '-h' ? vfs.lstat(path) : vfs.stat(path);
  } catch {
    return false;
  }
  const cred = io.proc.cred;
  switch (op) {
    case '-e': return true;
    case '-f': return st.type === 'file';
    case '-d': return st.type === 'dir';
    case '-L':
    case '-h': return st.type === 'symlink';
    case '-s': return st.size > 0;
    case '-b': return st.type === 'blockdev';
    case '-c': return st.type === 'chardev';
    case '-p': return st.type === 'fifo';
    case '-S': return st.type === 'socket';
    case '-g': return (st.mode & 0o2000) !== 0;
    case '-u': return (st.mode & 0o4000) !== 0;
    case '-k': return (st.mode & 0o1000) !== 0;
    case '-O': return st.uid === cred.uid;
    case '-G': return st.gid === cred.gid;
    case '-x': return cred.uid === 0 ? st.type === 'dir' || (st.mode & 0o111) !== 0 : canExecute(st.mode, st.uid, st.gid, cred);
    case '-r':
    case '-w': {
      if (cred.uid === 0) return true;
      const bit = op === '-r' ? 4 : 2;
      const shift = cred.uid === st.uid ? 6 : cred.gid === st.gid ? 3 : 0;
      return ((st.mode >> shift) & bit) !== 0;
    }
  }
  return false;
}

function binary(io: AppletIO, a: string, op: string, b: string, patterns: boolean): boolean {
  switch (op) {
    // Inside [[ ]], ash matches the right side as a shell pattern.
    case '=':
    case '==': return patterns ? matchPattern(b, a) : a === b;
    case '!=': return patterns ? !matchPattern(b, a) : a !== b;
    case '<': return a < b;
    case '>': return a > b;
    case '-eq': return num(a) === num(b);
    case '-ne': return num(a) !== num(b);
    case '-lt': return num(a) < num(b);
    case '-le': return num(a) <= num(b);
    case '-gt': return num(a) > num(b);
    case '-ge': return num(a) >= num(b);
  }
  const vfs = io.proc.vfs;
  const st = (p: string): { mtimeMs: number; ino: number; dev: number } | null => {
    try {
      return vfs.stat(io.path(p));
    } catch {
      return null;
    }
  };
  const x = st(a);
  const y = st(b);
  if (x === null || y === null) return false;
  if (op === '-nt') return x.mtimeMs > y.mtimeMs;
  if (op === '-ot') return x.mtimeMs < y.mtimeMs;
  return x !== null && y !== null && x.ino === y.ino && x.dev === y.dev;
}
