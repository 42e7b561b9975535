import { isFsError } from '../../fs/errors.ts';
import type { Stat } from '../../fs/vfs.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { spawnAndWait } from './exec-helper.ts';
import { joinPath } from './lib/paths.ts';
import { matchPattern } from '../shell/glob.ts';
import { groups, passwd } from './lib/users.ts';
import { defineApplet } from './registry.ts';

type Node =
  | { t: 'and' | 'or'; a: Node; b: Node }
  | { t: 'not'; a: Node }
  | { t: 'test'; name: string; arg?: string; exec?: string[]; batch?: boolean };

class FindError extends Error {}

/** -quit: stop the whole walk (pending -exec + batches still run). */
class Quit {}

interface Visit {
  readonly path: string;
  readonly st: Stat;
  readonly depth: number;
}

/**
 * find [PATH…] [EXPR]: -name -iname -path -type -maxdepth -mindepth -empty
 * -newer -size, ! -not -a -o ( ), actions -print -print0 -exec ;/+ -delete.
 * Entries are visited in readdir order (sorted by name in our Vfs).
 */
export const find = defineApplet('find', async (io, argv) => {
  const args = argv.slice(1);
  let k = 0;
  let follow = false;
  const paths: string[] = [];
  while (k < args.length && (args[k] === '-L' || args[k] === '-H')) {
    follow = true;
    k++;
  }
  while (k < args.length && !args[k]!.startsWith('-') && args[k] !== '!' && args[k] !== '(') paths.push(args[k++]!);
  if (paths.length === 0) paths.push('.');
  let maxDepth = Infinity;
  let minDepth = 0;
  let depthFirst = false;
  const exprArgs = args.slice(k);
  let i = 0;
  let hasAction = false;
  const batches: { cmd: string[]; items: string[] }[] = [];
  const primary = (): Node => {
    const a = exprArgs[i++];
    if (a === undefined) throw new FindError('expression expected');
    if (a === '(') {
      const n = orExpr();
      if (exprArgs[i++] !== ')') throw new FindError('expected )');
      return n;
    }
    if (a === '!' || a === '-not') return { t: 'not', a: primary() };
    switch (a) {
      case '-maxdepth':
      case '-mindepth': {
        const v = Number(exprArgs[i++]);
        if (a === '-maxdepth') maxDepth = v;
        else minDepth = v;
        return { t: 'test', name: '-true' };
      }
      case '-depth':
        depthFirst = true;
        return { t: 'test', name: '-true' };
      case '-follow':
        follow = true;
        return { t: 'test', name: '-true' };
      case '-quit':
        hasAction = true;
        return { t: 'test', name: '-quit' };
      case '-exec':
      case '-ok': {
        const cmd: string[] = [];
        let batch = false;
        for (;;) {
          const w = exprArgs[i++];
          if (w === undefined) throw new FindError(`-exec: no terminating ';' or '+'`);
          if (w === ';') break;
          if (w === '+' && cmd[cmd.length - 1] === '{}') {
            batch = true;
            cmd.pop();
            break;
          }
          cmd.push(w);
        }
        hasAction = true;
        if (batch) batches.push({ cmd, items: [] });
        return { t: 'test', name: '-exec', exec: cmd, batch, arg: batch ? String(batches.length - 1) : undefined };
      }
      case '-print':
      case '-print0':
      case '-delete':
        hasAction = true;
        if (a === '-delete') depthFirst = true;
        return { t: 'test', name: a };
      case '-true':
      case '-false':
      case '-empty':
        return { t: 'test', name: a };
      case '-name':
      case '-iname':
      case '-path':
      case '-ipath':
      case '-wholename':
      case '-type':
      case '-newer':
      case '-size':
      case '-perm':
      case '-user':
      case '-group': {
        const v = exprArgs[i++];
        if (v === undefined) throw new FindError(`${a}: requires an argument`);
        return { t: 'test', name: a, arg: v };
      }
    }
    throw new FindError(`unrecognized: ${a}`);
  };
  const andExpr = (): Node => {
    let n = primary();
    for (;;) {
      const a = exprArgs[i];
      if (a === undefined || a === ')' || a === '-o' || a === '-or') return n;
      if (a === '-a' || a === '-and') i++;
      n = { t: 'and', a: n, b: primary() };
    }
  };
  const orExpr = (): Node => {
    let n = andExpr();
    while (exprArgs[i] === '-o' || exprArgs[i] === '-or') {
      i++;
      n = { t: 'or', a: n, b: andExpr() };
    }
    return n;
  };
  let expr: Node;
  try {
    expr = exprArgs.length ? orExpr() : { t: 'test', name: '-true' };
    if (i < exprArgs.length) throw new FindError(`unrecognized: ${exprArgs[i]}`);
  } catch (e) {
    if (!(e instanceof FindError)) throw e;
    await io.err(e.message);
    return 1;
  }
  if (!hasAction) expr = { t: 'and', a: expr, b: { t: 'test', name: '-print' } };
  let status = 0;
  const vfs = io.proc.vfs;
  const evalNode = async (n: Node, v: Visit): Promise<boolean> => {
    switch (n.t) {
      case 'and':
        return (await evalNode(n.a, v)) && evalNode(n.b, v);
      case 'or':
        return (await evalNode(n.a, v)) || evalNode(n.b, v);
      case 'not':
        return !(await evalNode(n.a, v));
      case 'test':
        return test(io, n, v, batches, (s) => (status = s));
    }
  };
  const walk = async (path: string, depth: number): Promise<void> => {
    let st: Stat;
    try {
      st = follow ? vfs.stat(io.path(path), io.proc.cred) : vfs.lstat(io.path(path), io.proc.cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${path}: ${e.text}`);
      status = 1;
      return;
    }
    await io.proc.maybeYield();
    const visit = { path, st, depth };
    if (!depthFirst && depth >= minDepth) await evalNode(expr, visit);
    if (st.type === 'dir' && depth < maxDepth) {
      let names: string[] = [];
      try {
        names = vfs.readdir(io.path(path), io.proc.cred).map((e) => e.name);
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.err(`${path}: ${e.text}`);
        status = 1;
      }
      for (const name of names) await walk(joinPath(path, name), depth + 1);
    }
    if (depthFirst && depth >= minDepth) await evalNode(expr, visit);
  };
  try {
    for (const p of paths) await walk(p, 0);
  } catch (e) {
    if (!(e instanceof Quit)) throw e;
  }
  for (const b of batches) {
    if (b.items.length === 0) continue;
    await io.flush();
    const r = await spawnAndWait(io.proc, [...b.cmd, ...b.items], io.proc.env, (m) => io.err(m));
    if (r !== 0) status = 1;
  }
  return status;
});

async function test(io: AppletIO, n: Extract<Node, { t: 'test' }>, v: Visit, batches: { cmd: string[]; items: string[] }[], setStatus: (s: number) => void): Promise<boolean> {
  const base = v.path.replace(/\/+$/, '').slice(v.path.replace(/\/+$/, '').lastIndexOf('/') + 1) || v.path;
  switch (n.name) {
    case '-true':
      return true;
    case '-quit':
      throw new Quit();
    case '-false':
      return false;
    case '-print':
      await io.out(`${v.path}\n`);
      return true;
    case '-print0':
      await io.out(`${v.path}\0`);
      return true;
    case '-name':
      return matchPattern(n.arg!, base);
    case '-iname':
      return matchPattern(n.arg!.toLowerCase(), base.toLowerCase());
    case '-path':
    case '-wholename':
      return matchPattern(n.arg!, v.path);
    case '-ipath':
      return matchPattern(n.arg!.toLowerCase(), v.path.toLowerCase());
    case '-type': {
      const t = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev', b: 'blockdev', p: 'fifo', s: 'socket' }[n.arg!];
      return v.st.type === t;
    }
    case '-empty':
      if (v.st.type === 'dir') return io.proc.vfs.readdir(io.path(v.path)).length === 0;
      return v.st.type === 'file' && v.st.size === 0;
    case '-newer':
      try {
        return v.st.mtimeMs > io.proc.vfs.stat(io.path(n.arg!)).mtimeMs;
      } catch {
        return false;
      }
    case '-size': {
      const m = /^([-+]?)(\d+)([ckMGb]?)$/.exec(n.arg!);
      if (!m) return false;
      const unit = { '': 512, b: 512, c: 1, k: 1024, M: 1048576, G: 1073741824 }[m[3]!]!;
      const size = Math.ceil(v.st.size / unit);
      const want = Number(m[2]);
      return m[1] === '+' ? size > want : m[1] === '-' ? size < want : size === want;
    }
    case '-perm': {
      const m = /^([-/]?)([0-7]+)$/.exec(n.arg!);
      if (!m) return false;
      const want = parseInt(m[2]!, 8);
      const mode = v.st.mode & 0o7777;
      return m[1] === '-' ? (mode & want) === want : m[1] === '/' ? (mode & want) !== 0 : mode === want;
    }
    case '-user': {
      const uid = /^\d+$/.test(n.arg!) ? Number(n.arg) : passwd(io.proc.vfs).find((p) => p.name === n.arg)?.uid;
      return uid === v.st.uid;
    }
    case '-group': {
      const gid = /^\d+$/.test(n.arg!) ? Number(n.arg) : groups(io.proc.vfs).find((g) => g.name === n.arg)?.gid;
      return gid === v.st.gid;
    }
    case '-delete':
      try {
        if (v.st.type === 'dir') io.proc.vfs.rmdir(io.path(v.path), io.proc.cred);
        else io.proc.vfs.unlink(io.path(v.path), io.proc.cred);
        return true;
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.err(`${v.path}: ${e.text}`);
        setStatus(1);
        return false;
      }
    case '-exec': {
      if (n.batch) {
        batches[Number(n.arg)]!.items.push(v.path);
        return true;
      }
      await io.flush();
      const cmd = n.exec!.map((a) => a.split('{}').join(v.path));
      return (await spawnAndWait(io.proc, cmd, io.proc.env, (m) => io.err(m))) === 0;
    }
  }
  return false;
}

