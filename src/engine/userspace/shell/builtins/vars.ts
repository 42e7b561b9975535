import { decode } from '../../io/text.ts';
import { ShellFatal } from '../control.ts';
import type { Builtin, Shell } from '../interpreter.ts';
import { OPTION_LETTERS } from '../state.ts';
import type { ShellOptions } from '../state.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Single-quotes a value the way ash's `set`/`export -p` print it. */
export function shellQuote(v: string): string {
  return `'${v.replace(/'/g, `'"'"'`)}'`;
}

async function listVars(sh: Shell, prefix: string, pick: (exported: boolean, ro: boolean) => boolean): Promise<void> {
  const names = [...sh.state.vars.keys()].sort();
  let out = '';
  for (const n of names) {
    const v = sh.state.vars.get(n)!;
    if (!pick(v.exported, v.readonly)) continue;
    out += v.value === undefined ? `${prefix}${n}\n` : `${prefix}${n}=${shellQuote(v.value)}\n`;
  }
  await sh.out(out);
}

export const set: Builtin = async (sh, argv) => {
  if (argv.length === 1) {
    await listVars(sh, '', (_e, _r) => true);
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      sh.state.positional = argv.slice(i);
      return 0;
    }
    if (a === '-' ) {
      i++;
      break;
    }
    if ((a[0] !== '-' && a[0] !== '+') || a.length < 2) break;
    const on = a[0] === '-';
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'o') {
        const name = argv[++i];
        if (name === undefined) {
          await printOptions(sh, on);
          continue;
        }
        if (!setNamed(sh, name, on)) throw new ShellFatal(`set: line ${sh.lineno - sh.state.lineBase}: illegal option -o ${name}`);
        continue;
      }
      const opt = OPTION_LETTERS[c];
      if (!opt) throw new ShellFatal(`set: line ${sh.lineno - sh.state.lineBase}: illegal option ${a[0]}${c}`);
      sh.state.opts[opt] = on;
    }
  }
  if (i < argv.length) sh.state.positional = argv.slice(i);
  return 0;
};

function setNamed(sh: Shell, name: string, on: boolean): boolean {
  if (name in sh.state.opts) {
    sh.state.opts[name as keyof ShellOptions] = on;
    return true;
  }
  return false;
}

async function printOptions(sh: Shell, human: boolean): Promise<void> {
  let out = '';
  for (const [k, v] of Object.entries(sh.state.opts)) out += human ? `${k.padEnd(16)}${v ? 'on' : 'off'}\n` : `set ${v ? '-' : '+'}o ${k}\n`;
  await sh.out(out);
}

function assignArgs(sh: Shell, argv: string[], mark: (name: string) => void): number {
  let status = 0;
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) throw new ShellFatal(`${argv[0]}: ${name}: bad variable name`);
    if (eq >= 0) sh.state.set(name, a.slice(eq + 1));
    mark(name);
  }
  return status;
}

export const exportBuiltin: Builtin = async (sh, argv) => {
  if (argv.length === 1 || argv[1] === '-p') {
    await listVars(sh, 'export ', (e) => e);
    return 0;
  }
  return assignArgs(sh, argv, (n) => {
    const v = sh.state.vars.get(n);
    if (v) v.exported = true;
    else sh.state.vars.set(n, { value: undefined, exported: true, readonly: false });
  });
};

export const readonly: Builtin = async (sh, argv) => {
  if (argv.length === 1 || argv[1] === '-p') {
    await listVars(sh, 'readonly ', (_e, r) => r);
    return 0;
  }
  return assignArgs(sh, argv, (n) => {
    const v = sh.state.vars.get(n);
    if (v) v.readonly = true;
    else sh.state.vars.set(n, { value: undefined, exported: false, readonly: true });
  });
};

export const unset: Builtin = async (sh, argv) => {
  let funcs = false;
  for (const a of argv.slice(1)) {
    if (a === '-f') funcs = true;
    else if (a === '-v') funcs = false;
    else if (funcs) sh.state.funcs.delete(a);
    else sh.state.unset(a);
  }
  return 0;
};

export const local: Builtin = async (sh, argv) => {
  const frame = sh.state.locals[sh.state.locals.length - 1];
  if (!frame) {
    await sh.err('not in a function');
    return 1;
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME.test(name)) throw new ShellFatal(`local: ${name}: bad variable name`);
    if (!frame.has(name)) {
      const old = sh.state.vars.get(name);
      frame.set(name, old ? { ...old } : undefined);
    }
    if (eq >= 0) sh.state.set(name, a.slice(eq + 1));
    else if (!sh.state.vars.has(name)) sh.state.vars.set(name, { value: undefined, exported: false, readonly: false });
  }
  return 0;
};

/** read [-r] [-p prompt] [name…]: one line from stdin, split on IFS. */
export const read: Builtin = async (sh, argv) => {
  let raw = false;
  let i = 1;
  let prompt = '';
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    for (let j = 1; j < a.length; j++) {
      if (a[j] === 'r') raw = true;
      else if (a[j] === 'p') {
        prompt = a.slice(j + 1) || argv[++i] || '';
        break;
      } else {
        await sh.err(`read: invalid option -- '${a[j]}'`);
        return 2;
      }
    }
  }
  const names = argv.slice(i);
  if (names.length === 0) names.push('REPLY');
  if (prompt) await sh.proc.write(2, prompt);
  // Byte at a time, so the rest of the input stays for the next reader (as ash does on pipes).
  const bytes: number[] = [];
  let eof = false;
  for (;;) {
    const b = await sh.proc.read(0, 1);
    if (b === null || b.length === 0) {
      eof = true;
      break;
    }
    const c = b[0]!;
    if (c === 10) {
      if (!raw && bytes.length > 0 && bytes[bytes.length - 1] === 92) {
        bytes.pop();
        continue;
      }
      break;
    }
    bytes.push(c);
  }
  const line = decode(Uint8Array.from(bytes));
  const ifs = sh.state.get('IFS') ?? ' \t\n';
  const fields = splitRead(line, ifs, names.length, raw);
  names.forEach((n, k) => sh.state.set(n, fields[k] ?? ''));
  return eof && bytes.length === 0 ? 1 : eof ? 1 : 0;
};

/** Splits a read line into at most `n` fields; the last takes the rest. */
function splitRead(line: string, ifs: string, n: number, raw: boolean): string[] {
  const ws = (c: string): boolean => ifs.includes(c) && (c === ' ' || c === '\t' || c === '\n');
  const isIfs = (c: string): boolean => ifs.includes(c);
  const out: string[] = [];
  let i = 0;
  while (i < line.length && ws(line[i]!)) i++;
  while (i < line.length) {
    if (out.length === n - 1) {
      let rest = line.slice(i);
      let end = rest.length;
      while (end > 0 && ws(rest[end - 1]!)) end--;
      rest = rest.slice(0, end);
      out.push(raw ? rest : unbackslash(rest));
      return out;
    }
    let field = '';
    while (i < line.length && !isIfs(line[i]!)) {
      if (!raw && line[i] === '\\' && i + 1 < line.length) {
        field += line[i + 1];
        i += 2;
        continue;
      }
      field += line[i];
      i++;
    }
    out.push(field);
    while (i < line.length && ws(line[i]!)) i++;
    if (i < line.length && isIfs(line[i]!) && !ws(line[i]!)) {
      i++;
      while (i < line.length && ws(line[i]!)) i++;
    }
  }
  return out;
}

function unbackslash(s: string): string {
  return s.replace(/\\([\s\S])/g, '$1');
}
