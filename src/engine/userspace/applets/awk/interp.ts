import { isFsError } from '../../../fs/errors.ts';
import { decode, encode } from '../../io/text.ts';
import type { AppletIO } from '../lib/applet-io.ts';
import { compilePosix } from '../lib/regex.ts';
import { captureOutput, runWithInput, spawnAndWait } from '../exec-helper.ts';
import type { Expr, Program, Redirect, Stmt } from './ast.ts';
import { awkSprintf } from './format.ts';
import type { Val } from './values.ts';
import { compare, StrNum, toNum, toStr, truthy } from './values.ts';

class Next {}
class NextFile {}
class Exit {
  constructor(readonly code: number) {}
}
class Return {
  constructor(readonly value: Val) {}
}
class Break {}
class Continue {}
export class AwkRuntimeError extends Error {}
/** An input file that cannot be read: reported, exit status 1. */
export class AwkInputError extends Error {}

type Cell = Val | Map<string, Val>;

/** The record source: the operands of awk in order, as records split by RS. */
class Input {
  private files: string[];
  private fileIdx = -1;
  private buf = '';
  private eof = true;
  private chunks: AsyncGenerator<Uint8Array> | null = null;

  constructor(
    private readonly rt: Runtime,
    files: string[],
  ) {
    this.files = files;
  }

  /** The next record, or null at the end of all input. Handles `var=value` operands. */
  async next(): Promise<string | null> {
    for (;;) {
      const rec = this.take();
      if (rec !== null) return rec;
      if (!this.eof && this.chunks) {
        let r: IteratorResult<Uint8Array>;
        try {
          r = await this.chunks.next();
        } catch (e) {
          if (!isFsError(e)) throw e;
          throw new AwkInputError(`${this.files[this.fileIdx] ?? '-'}: ${e.text}`);
        }
        if (r.done) {
          this.eof = true;
          if (this.buf !== '') {
            const rest = this.rt.rs() === '' ? this.buf.replace(/\n+$/, '') : this.buf.endsWith(this.rt.rs() || '\n') ? this.buf.slice(0, -1) : this.buf;
            this.buf = '';
            if (rest !== '') return rest;
          }
          continue;
        }
        this.buf += decode(r.value);
        continue;
      }
      if (!(await this.openNext())) return null;
    }
  }

  private take(): string | null {
    const rs = this.rt.rs();
    if (rs === '') {
      this.buf = this.buf.replace(/^\n+/, '');
      const m = /\n\n+/.exec(this.buf);
      if (!m) return null;
      const rec = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      return rec;
    }
    const sep = rs[0]!;
    const i = this.buf.indexOf(sep);
    if (i < 0) return null;
    const rec = this.buf.slice(0, i);
    this.buf = this.buf.slice(i + 1);
    return rec;
  }

  private async openNext(): Promise<boolean> {
    for (;;) {
      this.fileIdx++;
      if (this.fileIdx >= this.files.length) {
        if (this.fileIdx === this.files.length && !this.rt.sawFile) {
          this.rt.sawFile = true;
          this.start('-');
          return true;
        }
        return false;
      }
      const f = this.files[this.fileIdx]!;
      const eq = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(f);
      if (eq) {
        this.rt.setVar(eq[1]!, new StrNum(this.rt.unescape(eq[2]!)));
        continue;
      }
      this.rt.sawFile = true;
      this.start(f);
      return true;
    }
  }

  private start(f: string): void {
    this.rt.setVar('FILENAME', f === '-' ? '' : f);
    this.rt.setVar('FNR', 0);
    this.chunks = this.rt.io.chunks(f);
    this.eof = false;
    this.buf = '';
  }

  skipFile(): void {
    this.eof = true;
    this.buf = '';
  }
}

/** Executes a parsed awk program over the applet's input and output. */
export class Runtime {
  readonly globals = new Map<string, Cell>();
  private frames: Map<string, Cell>[] = [];
  private fields: string[] = [''];
  private fieldsValid = true;
  private record = '';
  private recordValid = true;
  private nf = 0;
  private input: Input;
  private readonly outputs = new Map<string, { kind: 'file' | 'pipe'; chunks: string[]; path?: string; append?: boolean }>();
  private readonly readers = new Map<string, string[]>();
  private readonly reCache = new Map<string, RegExp>();
  private randState = 0;
  sawFile = false;
  private out = '';

  constructor(
    readonly io: AppletIO,
    private readonly prog: Program,
    operands: string[],
  ) {
    this.input = new Input(this, operands);
    const g = this.globals;
    for (const [k, v] of [['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'], ['NR', 0], ['FNR', 0], ['RSTART', 0], ['RLENGTH', -1], ['FILENAME', '']] as const) g.set(k, v);
    const env = new Map<string, Val>();
    for (const kv of io.proc.env) {
      const eq = kv.indexOf('=');
      if (eq > 0) env.set(kv.slice(0, eq), new StrNum(kv.slice(eq + 1)));
    }
    g.set('ENVIRON', env);
    const argv = new Map<string, Val>([['0', 'awk'], ...operands.map((a, i) => [String(i + 1), new StrNum(a)] as [string, Val])]);
    g.set('ARGV', argv);
    g.set('ARGC', operands.length + 1);
  }

  rs(): string {
    return toStr(this.getVar('RS'));
  }

  unescape(s: string): string {
    return s.replace(/\\(n|t|\\|")/g, (_, c: string) => ({ n: '\n', t: '\t', '\\': '\\', '"': '"' })[c]!);
  }

  // ---- variables ----

  private cell(name: string): Cell | undefined {
    const f = this.frames[this.frames.length - 1];
    if (f && f.has(name)) return f.get(name);
    return this.globals.get(name);
  }

  getVar(name: string): Val {
    if (name === 'NF') {
      this.splitIfNeeded();
      return this.nf;
    }
    const c = this.cell(name);
    if (c instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return c ?? '';
  }

  setVar(name: string, v: Val): void {
    if (name === 'NF') {
      this.splitIfNeeded();
      this.nf = Math.max(0, Math.trunc(toNum(v)));
      this.fields.length = this.nf + 1;
      for (let i = 1; i <= this.nf; i++) this.fields[i] ??= '';
      this.recordValid = false;
      return;
    }
    const f = this.frames[this.frames.length - 1];
    if (f && f.has(name)) f.set(name, v);
    else this.globals.set(name, v);
  }

  array(name: string): Map<string, Val> {
    const f = this.frames[this.frames.length - 1];
    const scope = f && f.has(name) ? f : this.globals;
    let c = scope.get(name);
    if (c === undefined || c === '') {
      c = new Map();
      scope.set(name, c);
    }
    if (!(c instanceof Map)) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    return c;
  }

  // ---- fields ----

  setRecord(text: string): void {
    this.record = text;
    this.recordValid = true;
    this.fieldsValid = false;
  }

  private splitIfNeeded(): void {
    if (this.fieldsValid) return;
    const parts = this.splitText(this.record, toStr(this.getGlobal('FS')));
    this.fields = ['', ...parts];
    this.nf = parts.length;
    this.fieldsValid = true;
  }

  private getGlobal(name: string): Val {
    const c = this.globals.get(name);
    return c instanceof Map ? '' : (c ?? '');
  }

  splitText(text: string, fs: string): string[] {
    if (text === '') return [];
    if (fs === ' ') return text.split(/[ \t\n]+/).filter((s, i, a) => !(s === '' && (i === 0 || i === a.length - 1)));
    if (fs.length === 1 && fs !== '\\') return text.split(fs);
    return text.split(this.regex(fs));
  }

  getField(i: number): Val {
    if (i === 0) {
      if (!this.recordValid) this.rebuild();
      return new StrNum(this.record);
    }
    this.splitIfNeeded();
    return new StrNum(this.fields[i] ?? '');
  }

  setField(i: number, v: Val): void {
    if (i === 0) {
      this.setRecord(toStr(v));
      return;
    }
    this.splitIfNeeded();
    while (this.nf < i) this.fields[++this.nf] = '';
    this.fields[i] = toStr(v, toStr(this.getGlobal('CONVFMT')));
    this.recordValid = false;
  }

  private rebuild(): void {
    this.record = this.fields.slice(1, this.nf + 1).join(toStr(this.getGlobal('OFS')));
    this.recordValid = true;
  }

  regex(src: string): RegExp {
    let re = this.reCache.get(src);
    if (!re) {
      re = compilePosix(src, true);
      if (this.reCache.size > 200) this.reCache.clear();
      this.reCache.set(src, re);
    }
    return re;
  }

  private reOf(e: Expr): RegExp {
    return e.k === 're' ? this.regex(e.src) : this.regex(toStr(this.eval(e) as Val));
  }

  // ---- output ----

  private async emit(text: string, redir: Redirect): Promise<void> {
    if (!redir) {
      this.out += text;
      if (this.out.length > 4096) await this.flush();
      return;
    }
    const target = toStr(await this.evalAsync(redir.target));
    let o = this.outputs.get(target);
    if (!o) {
      o = redir.op === '|' ? { kind: 'pipe', chunks: [] } : { kind: 'file', chunks: [], path: target, append: redir.op === '>>' };
      if (o.kind === 'file' && !o.append) this.io.proc.vfs.writeFile(this.io.path(target), new Uint8Array(0), { cred: this.io.proc.cred });
      this.outputs.set(target, o);
    }
    o.chunks.push(text);
    if (o.kind === 'file') {
      this.appendFile(o.path!, o.chunks.join(''));
      o.chunks = [];
    }
  }

  private appendFile(path: string, text: string): void {
    const vfs = this.io.proc.vfs;
    const p = this.io.path(path);
    let old: Uint8Array = new Uint8Array(0);
    try {
      old = vfs.readFile(p);
    } catch {
      // new file
    }
    const add = encode(text);
    const all = new Uint8Array(old.length + add.length);
    all.set(old);
    all.set(add, old.length);
    vfs.writeFile(p, all, { cred: this.io.proc.cred });
  }

  async flush(): Promise<void> {
    if (this.out) {
      await this.io.out(this.out);
      this.out = '';
    }
    await this.io.flush();
  }

  private async closeStream(name: string): Promise<number> {
    const o = this.outputs.get(name);
    this.readers.delete(name);
    if (!o) return -1;
    this.outputs.delete(name);
    if (o.kind === 'pipe') {
      await this.flush();
      return runWithInput(this.io.proc, ['sh', '-c', name], encode(o.chunks.join('')), this.io.proc.env);
    }
    return 0;
  }

  // ---- running ----

  async run(): Promise<number> {
    try {
      try {
        for (const r of this.prog.rules) if (r.pattern?.k === 'begin') await this.execBlock(r.body!);
        const main = this.prog.rules.filter((r) => r.pattern?.k !== 'begin' && r.pattern?.k !== 'end');
        const hasEnd = this.prog.rules.some((r) => r.pattern?.k === 'end');
        if (main.length > 0 || hasEnd) {
          for (;;) {
            const rec = await this.input.next();
            if (rec === null) break;
            this.countRecord();
            this.setRecord(rec);
            try {
              for (const r of main) await this.rule(r);
            } catch (e) {
              if (e instanceof Next) continue;
              if (e instanceof NextFile) {
                this.input.skipFile();
                continue;
              }
              throw e;
            }
          }
        }
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        this.exitCode = e.code;
      }
      try {
        for (const r of this.prog.rules) if (r.pattern?.k === 'end') await this.execBlock(r.body!);
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        this.exitCode = e.code;
      }
    } finally {
      await this.flush();
      for (const name of [...this.outputs.keys()]) await this.closeStream(name);
    }
    return this.exitCode;
  }

  private exitCode = 0;

  private countRecord(): void {
    this.globals.set('NR', toNum(this.getGlobal('NR')) + 1);
    this.globals.set('FNR', toNum(this.getGlobal('FNR')) + 1);
  }

  private async rule(r: Program['rules'][number]): Promise<void> {
    const pat = r.pattern;
    let hit: boolean;
    if (!pat) hit = true;
    else if (pat.k === 'expr') hit = truthy(await this.cond(pat.e));
    else if (pat.k === 'range') {
      if (!pat.active) {
        hit = truthy(await this.cond(pat.a));
        if (hit) pat.active = !truthy(await this.cond(pat.b));
      } else {
        hit = true;
        if (truthy(await this.cond(pat.b))) pat.active = false;
      }
    } else hit = false;
    if (!hit) return;
    if (r.body === null) await this.emit(`${toStr(this.getField(0))}${toStr(this.getGlobal('ORS'))}`, null);
    else await this.execBlock(r.body);
  }

  /** A pattern: a bare regex matches $0. */
  private async cond(e: Expr): Promise<Val> {
    if (e.k === 're') return this.regex(e.src).test(toStr(this.getField(0))) ? 1 : 0;
    return this.evalAsync(e);
  }

  private async execBlock(body: Stmt[]): Promise<void> {
    for (const s of body) await this.exec(s);
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.k) {
      case 'expr':
        await this.evalAsync(s.e);
        return;
      case 'print': {
        const ofs = toStr(this.getGlobal('OFS'));
        const ofmt = toStr(this.getGlobal('OFMT'));
        const parts: string[] = [];
        if (s.args.length === 0) parts.push(toStr(this.getField(0)));
        for (const a of s.args) parts.push(toStr(await this.evalAsync(a), ofmt));
        await this.emit(parts.join(ofs) + toStr(this.getGlobal('ORS')), s.redir);
        return;
      }
      case 'printf': {
        const vals: Val[] = [];
        for (const a of s.args) vals.push(await this.evalAsync(a));
        if (vals.length === 0) throw new AwkRuntimeError('printf: no format');
        await this.emit(awkSprintf(toStr(vals[0]!), vals.slice(1)), s.redir);
        return;
      }
      case 'if':
        if (truthy(await this.cond(s.c))) await this.exec(s.then);
        else if (s.else) await this.exec(s.else);
        return;
      case 'while':
        while (truthy(await this.cond(s.c))) {
          await this.io.proc.maybeYield();
          if (await this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          await this.io.proc.maybeYield();
          if (await this.loopBody(s.body)) break;
        } while (truthy(await this.cond(s.c)));
        return;
      case 'for':
        if (s.init) await this.exec(s.init);
        while (s.c === null || truthy(await this.cond(s.c))) {
          await this.io.proc.maybeYield();
          if (await this.loopBody(s.body)) break;
          if (s.step) await this.exec(s.step);
        }
        return;
      case 'forin': {
        const keys = [...this.array(s.arr).keys()];
        for (const k of keys) {
          if (!this.array(s.arr).has(k)) continue;
          this.setVar(s.v, new StrNum(k));
          if (await this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        await this.execBlock(s.body);
        return;
      case 'next':
        throw new Next();
      case 'nextfile':
        throw new NextFile();
      case 'exit':
        throw new Exit(s.e ? Math.trunc(toNum(await this.evalAsync(s.e))) : this.exitCode);
      case 'return':
        throw new Return(s.e ? await this.evalAsync(s.e) : '');
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
      case 'delete': {
        const arr = this.array(s.name);
        if (s.subs === null) arr.clear();
        else arr.delete(await this.subscript(s.subs));
        return;
      }
      case 'getline':
        await this.evalAsync(s.e);
        return;
    }
  }

  /** Runs a loop body; true when it ended with `break`. */
  private async loopBody(body: Stmt): Promise<boolean> {
    try {
      await this.exec(body);
    } catch (e) {
      if (e instanceof Break) return true;
      if (e instanceof Continue) return false;
      throw e;
    }
    return false;
  }

  private async subscript(subs: Expr[]): Promise<string> {
    const parts: string[] = [];
    for (const e of subs) parts.push(toStr(await this.evalAsync(e), toStr(this.getGlobal('CONVFMT'))));
    return parts.join(toStr(this.getGlobal('SUBSEP')));
  }

  private eval(e: Expr): Val | Promise<Val> {
    return this.evalAsync(e);
  }

  private async assignTo(target: Expr, v: Val): Promise<Val> {
    if (target.k === 'var') this.setVar(target.name, v);
    else if (target.k === 'field') this.setField(Math.trunc(toNum(await this.evalAsync(target.e))), v);
    else if (target.k === 'index') this.array(target.name).set(await this.subscript(target.subs), v);
    else if (target.k === 'group') return this.assignTo(target.e, v);
    else throw new AwkRuntimeError('assignment to non-lvalue');
    return v;
  }

  async evalAsync(e: Expr): Promise<Val> {
    switch (e.k) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return this.regex(e.src).test(toStr(this.getField(0))) ? 1 : 0;
      case 'group':
        return this.evalAsync(e.e);
      case 'var':
        return this.getVar(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(await this.evalAsync(e.e))));
      case 'index': {
        const arr = this.array(e.name);
        const k = await this.subscript(e.subs);
        if (!arr.has(k)) arr.set(k, '');
        return arr.get(k)!;
      }
      case 'in':
        return this.array(e.name).has(await this.subscript(e.subs)) ? 1 : 0;
      case 'assign': {
        const rhs = await this.evalAsync(e.e);
        if (e.op === '=') return this.assignTo(e.target, rhs instanceof StrNum ? rhs : rhs);
        const cur = toNum(await this.evalAsync(e.target));
        return this.assignTo(e.target, arith(e.op.slice(0, -1), cur, toNum(rhs)));
      }
      case 'incdec': {
        const cur = toNum(await this.evalAsync(e.target));
        const nv = e.op === '++' ? cur + 1 : cur - 1;
        await this.assignTo(e.target, nv);
        return e.prefix ? nv : cur;
      }
      case 'cond':
        return truthy(await this.evalAsync(e.c)) ? this.evalAsync(e.a) : this.evalAsync(e.b);
      case 'un': {
        const v = await this.evalAsync(e.e);
        if (e.op === '!') return truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'match': {
        const s = toStr(await this.evalAsync(e.a));
        const hit = this.reOf(e.re).test(s);
        return hit !== e.neg ? 1 : 0;
      }
      case 'bin': {
        if (e.op === '&&') return truthy(await this.cond(e.a)) && truthy(await this.cond(e.b)) ? 1 : 0;
        if (e.op === '||') return truthy(await this.cond(e.a)) || truthy(await this.cond(e.b)) ? 1 : 0;
        const a = await this.evalAsync(e.a);
        const b = await this.evalAsync(e.b);
        if (e.op === 'concat') return toStr(a, toStr(this.getGlobal('CONVFMT'))) + toStr(b, toStr(this.getGlobal('CONVFMT')));
        if (['<', '<=', '>', '>=', '==', '!='].includes(e.op)) {
          const c = compare(a, b);
          const r = e.op === '<' ? c < 0 : e.op === '<=' ? c <= 0 : e.op === '>' ? c > 0 : e.op === '>=' ? c >= 0 : e.op === '==' ? c === 0 : c !== 0;
          return r ? 1 : 0;
        }
        return arith(e.op, toNum(a), toNum(b));
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private async call(name: string, args: Expr[]): Promise<Val> {
    const f = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`function '${name}' not defined`);
    const frame = new Map<string, Cell>();
    for (let i = 0; i < f.params.length; i++) {
      const a = args[i];
      const pname = f.params[i]!;
      if (a === undefined) {
        frame.set(pname, '');
        continue;
      }
      // Arrays are passed by reference; everything else by value.
      if (a.k === 'var') {
        const c = this.cell(a.name);
        if (c instanceof Map) {
          frame.set(pname, c);
          continue;
        }
        if (c === undefined) {
          const m = new Map<string, Val>();
          frame.set(pname, m);
          continue;
        }
      }
      frame.set(pname, await this.evalAsync(a));
    }
    if (this.frames.length > 1000) throw new AwkRuntimeError('function call nesting too deep');
    this.frames.push(frame);
    try {
      await this.execBlock(f.body);
      return '';
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.frames.pop();
      // An untouched parameter that became an array stays with the caller's variable.
      for (let i = 0; i < f.params.length; i++) {
        const a = args[i];
        const v = frame.get(f.params[i]!);
        if (a?.k === 'var' && v instanceof Map && this.cell(a.name) === undefined) this.globals.set(a.name, v);
      }
    }
  }

  private async builtin(name: string, args: Expr[]): Promise<Val> {
    const arg = async (i: number): Promise<Val> => (args[i] ? this.evalAsync(args[i]!) : '');
    switch (name) {
      case 'length': {
        if (args.length === 0) return [...toStr(this.getField(0))].length;
        const a = args[0]!;
        if (a.k === 'var' && this.cell(a.name) instanceof Map) return (this.cell(a.name) as Map<string, Val>).size;
        return [...toStr(await this.evalAsync(a))].length;
      }
      case 'substr': {
        const s = [...toStr(await arg(0))];
        const m = toNum(await arg(1));
        const start = Math.round(m);
        const len = args.length > 2 ? Math.round(toNum(await arg(2))) : Infinity;
        const from = Math.max(start, 1);
        const to = len === Infinity ? s.length + 1 : start + len;
        return to <= from ? '' : s.slice(from - 1, to - 1).join('');
      }
      case 'index': {
        const s = toStr(await arg(0));
        return s.indexOf(toStr(await arg(1))) + 1;
      }
      case 'split': {
        const s = toStr(await arg(0));
        const target = args[1];
        if (!target || target.k !== 'var') throw new AwkRuntimeError('split: second argument must be an array');
        const arr = this.array(target.name);
        arr.clear();
        let parts: string[];
        if (args[2]) {
          const sep = args[2].k === 're' ? null : toStr(await this.evalAsync(args[2]));
          parts = sep === null ? (s === '' ? [] : s.split(this.regex((args[2] as { src: string }).src))) : this.splitText(s, sep);
        } else parts = this.splitText(s, toStr(this.getGlobal('FS')));
        parts.forEach((p, i) => arr.set(String(i + 1), new StrNum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = this.reOf(args[0]!);
        const rep = toStr(await arg(1));
        const target = args[2] ?? ({ k: 'field', e: { k: 'num', v: 0 } } as Expr);
        const s = toStr(await this.evalAsync(target));
        let count = 0;
        const g = new RegExp(re.source, name === 'gsub' ? 'g' : '');
        const out = s.replace(g, (m) => {
          count++;
          return rep.replace(/\\\\|\\&|&/g, (t) => (t === '&' ? m : t === '\\&' ? '&' : '\\'));
        });
        if (count > 0) await this.assignTo(target, out);
        return count;
      }
      case 'match': {
        const s = toStr(await arg(0));
        const m = this.reOf(args[1]!).exec(s);
        this.globals.set('RSTART', m ? m.index + 1 : 0);
        this.globals.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf': {
        const vals: Val[] = [];
        for (const a of args) vals.push(await this.evalAsync(a));
        return awkSprintf(toStr(vals[0] ?? ''), vals.slice(1));
      }
      case 'tolower':
        return toStr(await arg(0)).toLowerCase();
      case 'toupper':
        return toStr(await arg(0)).toUpperCase();
      case 'int':
        return Math.trunc(toNum(await arg(0)));
      case 'sqrt':
        return Math.sqrt(toNum(await arg(0)));
      case 'exp':
        return Math.exp(toNum(await arg(0)));
      case 'log':
        return Math.log(toNum(await arg(0)));
      case 'sin':
        return Math.sin(toNum(await arg(0)));
      case 'cos':
        return Math.cos(toNum(await arg(0)));
      case 'atan2':
        return Math.atan2(toNum(await arg(0)), toNum(await arg(1)));
      case 'rand':
        // A deterministic LCG: the engine has no ambient randomness (seed with srand()).
        this.randState = (this.randState * 1103515245 + 12345) % 2147483648;
        return this.randState / 2147483648;
      case 'srand': {
        const prev = this.randState;
        this.randState = args.length ? Math.trunc(toNum(await arg(0))) : Math.floor(this.io.proc.kernel.scheduler.now() / 1000);
        return prev;
      }
      case 'system': {
        await this.flush();
        return spawnAndWait(this.io.proc, ['sh', '-c', toStr(await arg(0))], this.io.proc.env, (m) => this.io.err(m));
      }
      case 'close':
        return this.closeStream(toStr(await arg(0)));
      case 'fflush':
        await this.flush();
        return 0;
    }
    throw new AwkRuntimeError(`unknown function ${name}`);
  }

  private async getline(e: Extract<Expr, { k: 'getline' }>): Promise<Val> {
    let line: string | null;
    if (e.cmd) {
      const cmd = toStr(await this.evalAsync(e.cmd));
      let lines = this.readers.get(cmd);
      if (!lines) {
        await this.flush();
        const r = await captureOutput(this.io.proc, ['sh', '-c', cmd], this.io.proc.env);
        lines = splitLines(decode(r.output));
        this.readers.set(cmd, lines);
      }
      line = lines.shift() ?? null;
    } else if (e.file) {
      const file = toStr(await this.evalAsync(e.file));
      let lines = this.readers.get(file);
      if (!lines) {
        try {
          lines = splitLines(await this.io.readText(file));
        } catch (err) {
          if (isFsError(err)) return -1;
          throw err;
        }
        this.readers.set(file, lines);
      }
      line = lines.shift() ?? null;
    } else {
      line = await this.input.next();
      if (line !== null) this.countRecord();
    }
    if (line === null) return 0;
    if (e.target) await this.assignTo(e.target, new StrNum(line));
    else {
      this.setRecord(line);
      if (e.cmd || e.file) this.globals.set('NR', toNum(this.getGlobal('NR')) + 1);
    }
    return 1;
  }
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function arith(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/':
      if (b === 0) throw new AwkRuntimeError('division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new AwkRuntimeError('division by zero in %');
      return a % b;
    case '^': return a ** b;
  }
  throw new AwkRuntimeError(`bad operator ${op}`);
}
