import type { Vfs } from '../../fs/vfs.ts';
import type { List, ParamPart, Word, WordPart } from './ast.ts';
import { ArithError, evalArith } from './arith.ts';
import { ShellFatal } from './control.ts';
import { hasGlobChars, matchPattern, patternSource, unescapePattern } from './glob.ts';
import type { ShellState } from './state.ts';

/** What expansion needs from the running shell. */
export interface ExpandContext {
  readonly state: ShellState;
  readonly vfs: Vfs;
  readonly cwd: string;
  /** `$$`: the PID of the top-level shell (subshells keep it). */
  readonly shellPid: number;
  /** Runs `$(…)`, returning its output (trailing newlines are removed by the caller). */
  substitute(body: List): Promise<string>;
  /** Home directory of a user, for `~user`. */
  homeOf(user: string): string | undefined;
  /** `$LINENO`: the current line as ash numbers it. */
  lineno(): number;
}

interface Field {
  text: string;
  /** The same text with quoted glob characters backslash-escaped. */
  pat: string;
  glob: boolean;
  started: boolean;
}

const GLOB_SPECIAL = /[*?[\]\\]/g;

function escapeGlob(s: string): string {
  return s.replace(GLOB_SPECIAL, '\\$&');
}

/** Builds fields while walking parts: quoted text joins, unquoted expansions split on IFS. */
class Fields {
  readonly out: Field[] = [];
  cur: Field = { text: '', pat: '', glob: false, started: false };
  private afterWs = false;
  constructor(private readonly ifs: string) {}

  quoted(s: string): void {
    this.cur.text += s;
    this.cur.pat += escapeGlob(s);
    this.cur.started = true;
    this.afterWs = false;
  }

  literal(s: string): void {
    if (!s) return;
    this.cur.text += s;
    this.cur.pat += s;
    this.cur.glob ||= hasGlobChars(s);
    this.cur.started = true;
    this.afterWs = false;
  }

  /** Unquoted expansion result: field splitting applies. */
  split(s: string): void {
    const ifs = this.ifs;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (ifs.includes(c)) {
        if (c === ' ' || c === '\t' || c === '\n') {
          if (this.cur.started) this.end();
          this.afterWs = true;
        } else {
          // A non-blank IFS character ends a field, possibly an empty one, unless
          // blanks right before it already ended that field.
          if (!this.afterWs || this.cur.started) this.end(true);
          this.afterWs = false;
        }
      } else {
        this.cur.text += c;
        this.cur.pat += c === '\\' ? '\\\\' : c;
        if (c === '*' || c === '?' || c === '[') this.cur.glob = true;
        this.cur.started = true;
        this.afterWs = false;
      }
    }
  }

  end(force = false): void {
    if (this.cur.started || force) this.out.push(this.cur);
    this.cur = { text: '', pat: '', glob: false, started: false };
  }
}

export class Expander {
  constructor(private readonly ctx: ExpandContext) {}

  private get state(): ShellState {
    return this.ctx.state;
  }

  private ifs(): string {
    const v = this.state.get('IFS');
    return v === undefined ? ' \t\n' : v;
  }

  /** Full expansion of command words: fields, then pathname expansion. */
  async words(words: readonly Word[]): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) {
      const plain = plainLiteral(w);
      if (plain !== null && !hasGlobChars(plain)) {
        out.push(plain);
        continue;
      }
      const f = new Fields(this.ifs());
      await this.parts(w.parts, f, false);
      f.end();
      for (const field of f.out) {
        if (field.glob && !this.state.opts.noglob) {
          const matches = this.glob(field.pat);
          if (matches.length > 0) {
            out.push(...matches);
            continue;
          }
        }
        out.push(field.text);
      }
    }
    return out;
  }

  /** Expansion without field splitting or globbing (assignments, redirection targets, here-docs). */
  async string(w: Word): Promise<string> {
    const plain = plainLiteral(w);
    if (plain !== null) return plain;
    const f = new Fields('');
    await this.parts(w.parts, f, false, true);
    return f.cur.text;
  }

  /** A pattern (case, ${x#pat}): quoted characters are escaped, the rest stays special. */
  async pattern(w: Word): Promise<string> {
    const f = new Fields('');
    await this.parts(w.parts, f, false, true);
    return f.cur.pat;
  }

  private async parts(parts: readonly WordPart[], f: Fields, inDq: boolean, noSplit = false): Promise<void> {
    for (const p of parts) {
      switch (p.t) {
        case 'lit':
          if (inDq) f.quoted(p.v);
          else f.literal(p.v);
          break;
        case 'sq':
          f.quoted(p.v);
          break;
        case 'dq':
          if (p.parts.length === 1 && p.parts[0]!.t === 'param' && p.parts[0]!.name === '@' && !p.parts[0]!.op) {
            this.quotedAt(f);
            break;
          }
          f.quoted('');
          await this.parts(p.parts, f, true, noSplit);
          break;
        case 'tilde': {
          const home = p.user === '' ? this.state.get('HOME') : this.ctx.homeOf(p.user);
          if (home === undefined) f.literal(`~${p.user}`);
          else f.quoted(home);
          break;
        }
        case 'param':
          await this.param(p, f, inDq, noSplit);
          break;
        case 'cmd': {
          const out = (await this.ctx.substitute(p.body)).replace(/\n+$/, '');
          this.emit(out, f, inDq, noSplit);
          break;
        }
        case 'arith': {
          const text = await this.string(p.expr);
          let v: number;
          try {
            v = evalArith(text, { get: (n) => this.state.get(n), set: (n, val) => this.state.set(n, val) });
          } catch (e) {
            if (e instanceof ArithError) throw new ShellFatal(e.message);
            throw e;
          }
          this.emit(String(v), f, inDq, noSplit);
          break;
        }
      }
    }
  }

  private emit(s: string, f: Fields, inDq: boolean, noSplit: boolean): void {
    if (inDq || noSplit) f.quoted(s);
    else f.split(s);
  }

  /** "$@": one field per positional parameter. */
  private quotedAt(f: Fields): void {
    const pos = this.state.positional;
    pos.forEach((arg, i) => {
      if (i > 0) f.end(true);
      f.quoted(arg);
    });
  }

  private special(name: string): string | undefined {
    const s = this.state;
    switch (name) {
      case '?': return String(s.status);
      case '#': return String(s.positional.length);
      case '$': return String(this.ctx.shellPid);
      case '!': return s.lastBg === undefined ? '' : String(s.lastBg);
      case '-': return s.flags();
      case '0': return s.arg0;
      case '@':
      case '*': return s.positional.join(name === '*' ? (this.ifs()[0] ?? '') : ' ');
    }
    if (/^[0-9]+$/.test(name)) return s.positional[Number(name) - 1];
    if (name === 'LINENO' && !s.vars.has('LINENO')) return String(this.ctx.lineno());
    return s.get(name);
  }

  private async param(p: ParamPart, f: Fields, inDq: boolean, noSplit: boolean): Promise<void> {
    const name = p.name;
    let value = this.special(name);
    const isSet = value !== undefined && !((name === '@' || name === '*') && this.state.positional.length === 0);
    const op = p.op;
    if (op === 'len') {
      this.checkSet(name, value);
      this.emit(String([...(value ?? '')].length), f, inDq, noSplit);
      return;
    }
    if (op === '-' || op === '=' || op === '?' || op === '+') {
      const useArg = op === '+' ? isSet && !(p.colon && value === '') : !isSet || (p.colon === true && value === '');
      if (op === '+') {
        if (useArg) await this.parts(p.arg!.parts, f, inDq, noSplit);
        return;
      }
      if (useArg) {
        if (op === '-') {
          await this.parts(p.arg!.parts, f, inDq, noSplit);
          return;
        }
        const arg = await this.string(p.arg!);
        if (op === '?') throw new ShellFatal(`${name}: ${arg || (p.colon ? 'parameter not set or null' : 'parameter not set')}`);
        if (/^[0-9]/.test(name) || name.length === 1 && '@*#?-$!'.includes(name)) throw new ShellFatal(`${name}: bad variable name`);
        this.state.set(name, arg);
        value = arg;
      }
    } else if (op !== undefined) {
      this.checkSet(name, value);
      value = await this.transform(p, value ?? '');
    } else {
      this.checkSet(name, value);
      if ((name === '@' || name === '*') && !inDq && !noSplit) {
        for (const arg of this.state.positional) {
          f.split(arg);
          f.end();
        }
        return;
      }
    }
    this.emit(value ?? '', f, inDq, noSplit);
  }

  private checkSet(name: string, value: string | undefined): void {
    if (value === undefined && this.state.opts.nounset && name !== '@' && name !== '*') throw new ShellFatal(`${name}: parameter not set`);
  }

  private async transform(p: ParamPart, value: string): Promise<string> {
    const op = p.op!;
    if (op === 'substr') {
      const off = Number(evalArith(await this.string(p.arg!), this.arithVars()));
      const chars = [...value];
      const start = off < 0 ? Math.max(0, chars.length + off) : Math.min(off, chars.length);
      if (!p.arg2) return chars.slice(start).join('');
      const len = Number(evalArith(await this.string(p.arg2), this.arithVars()));
      return chars.slice(start, len < 0 ? chars.length + len : start + len).join('');
    }
    const pat = await this.pattern(p.arg!);
    const src = patternSource(pat);
    switch (op) {
      case '#':
      case '##': {
        const m = new RegExp(`^(${op === '#' ? lazy(src) : src})`).exec(value);
        if (op === '#') {
          for (let i = 0; i <= value.length; i++) if (matchPattern(pat, value.slice(0, i))) return value.slice(i);
          return value;
        }
        return m ? value.slice(m[1]!.length) : value;
      }
      case '%':
      case '%%': {
        if (op === '%') {
          for (let i = value.length; i >= 0; i--) if (matchPattern(pat, value.slice(i))) return value.slice(0, i);
          return value;
        }
        for (let i = 0; i <= value.length; i++) if (matchPattern(pat, value.slice(i))) return value.slice(0, i);
        return value;
      }
      case '/':
      case '//': {
        const rep = p.arg2 ? await this.string(p.arg2) : '';
        if (pat === '') return value;
        const re = new RegExp(src, op === '//' ? 'g' : '');
        return value.replace(re, () => rep);
      }
    }
    return value;
  }

  private arithVars(): { get(n: string): string | undefined; set(n: string, v: string): void } {
    return { get: (n) => this.state.get(n), set: (n, v) => this.state.set(n, v) };
  }

  /** Pathname expansion of one pattern, sorted; [] when nothing matches. */
  glob(pattern: string): string[] {
    const absolute = pattern.startsWith('/');
    const segs = pattern.split('/').filter((s, i) => s !== '' || i === 0);
    let paths: string[] = [absolute ? '/' : ''];
    for (let i = absolute ? 1 : 0; i < segs.length; i++) {
      const seg = segs[i]!;
      const next: string[] = [];
      const last = i === segs.length - 1;
      for (const base of paths) {
        const dir = base === '' ? this.ctx.cwd : base.startsWith('/') ? base : `${this.ctx.cwd}/${base}`;
        if (!hasGlobChars(seg)) {
          const name = unescapePattern(seg);
          const p = base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`;
          if (last) {
            if (this.exists(p)) next.push(p);
          } else next.push(p);
          continue;
        }
        let entries;
        try {
          entries = this.ctx.vfs.readdir(dir);
        } catch {
          continue;
        }
        const dotOk = seg.startsWith('.') || seg.startsWith('\\.');
        // readdir omits `.` and `..`; a pattern starting with a dot can match them.
        if (dotOk) entries = [{ name: '.', type: 'dir' as const, ino: 0 }, { name: '..', type: 'dir' as const, ino: 0 }, ...entries];
        for (const e of entries) {
          if (e.name.startsWith('.') && !dotOk) continue;
          if (!matchPattern(seg, e.name)) continue;
          const p = base === '' ? e.name : base.endsWith('/') ? base + e.name : `${base}/${e.name}`;
          if (!last && !this.isDir(p)) continue;
          next.push(p);
        }
      }
      paths = next;
      if (paths.length === 0) return [];
    }
    if (pattern.endsWith('/')) paths = paths.filter((p) => this.isDir(p)).map((p) => `${p}/`);
    return paths.sort(byteOrder);
  }

  private abs(p: string): string {
    return p.startsWith('/') ? p : `${this.ctx.cwd}/${p}`;
  }

  private exists(p: string): boolean {
    try {
      this.ctx.vfs.lstat(this.abs(p));
      return true;
    } catch {
      return false;
    }
  }

  private isDir(p: string): boolean {
    try {
      return this.ctx.vfs.stat(this.abs(p)).type === 'dir';
    } catch {
      return false;
    }
  }
}

function lazy(src: string): string {
  return src.replace(/\[\\s\\S\]\*/g, '[\\s\\S]*?');
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The text of a word made only of unquoted literal parts, or null. */
function plainLiteral(w: Word): string | null {
  if (w.parts.length === 0) return null;
  if (w.parts.length === 1 && w.parts[0]!.t === 'lit') return w.parts[0]!.v;
  return null;
}
