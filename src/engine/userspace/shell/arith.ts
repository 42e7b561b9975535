/**
 * `$((…))` evaluation: C integer expressions over shell variables, after
 * parameter and command substitution have already been applied to the text.
 * Errors carry ash's messages ("arithmetic syntax error", "divide by zero").
 */
export class ArithError extends Error {
  override readonly name = 'ArithError';
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: number } | { k: 'id'; v: string } | { k: 'op'; v: string };

const OPS = ['<<=', '>>=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F]+|[0-9]+#[0-9a-zA-Z@_]+|[0-9]+)/.exec(s.slice(i))!;
      out.push({ k: 'num', v: parseNumber(m[0]) });
      i += m[0].length;
      if (/[A-Za-z_]/.test(s[i] ?? '')) throw new ArithError('arithmetic syntax error');
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))!;
      out.push({ k: 'id', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) throw new ArithError('arithmetic syntax error');
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

function parseNumber(t: string): number {
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  const hash = t.indexOf('#');
  if (hash > 0) return parseInt(t.slice(hash + 1), Number(t.slice(0, hash)));
  if (t.length > 1 && t[0] === '0') {
    if (/[89]/.test(t)) throw new ArithError('arithmetic syntax error');
    return parseInt(t, 8);
  }
  return Number(t);
}

/** Wraps to a signed 64-bit-like integer (JS numbers are exact to 2^53). */
function int(n: number): number {
  return Math.trunc(n);
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7,
  '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

export function evalArith(text: string, vars: ArithVars, depth = 0): number {
  if (text.trim() === '') return 0;
  // A variable whose value names itself (x=x) would recurse forever.
  if (depth > 100) throw new ArithError('expression recursion loop detected');
  const toks = tokenize(text);
  let i = 0;
  const peek = (): Tok | undefined => toks[i];
  const isOp = (v: string): boolean => toks[i]?.k === 'op' && toks[i]!.v === v;

  const varValue = (name: string, skip: boolean): number => {
    if (skip) return 0;
    const v = vars.get(name);
    if (v === undefined || v === '') return 0;
    return evalArith(v, vars, depth + 1);
  };

  const binop = (op: string, a: number, b: number): number => {
    switch (op) {
      case '+': return int(a + b);
      case '-': return int(a - b);
      case '*': return int(a * b);
      case '/': if (b === 0) throw new ArithError('divide by zero'); return int(a / b);
      case '%': if (b === 0) throw new ArithError('divide by zero'); return int(a % b);
      case '**': if (b < 0) throw new ArithError('exponent less than 0'); return int(a ** b);
      case '<<': return int(a * 2 ** b);
      case '>>': return Math.floor(a / 2 ** b);
      case '<': return a < b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '&': return Number(BigInt.asIntN(64, BigInt(a) & BigInt(b)));
      case '|': return Number(BigInt.asIntN(64, BigInt(a) | BigInt(b)));
      case '^': return Number(BigInt.asIntN(64, BigInt(a) ^ BigInt(b)));
      case '&&': return a && b ? 1 : 0;
      case '||': return a || b ? 1 : 0;
    }
    throw new ArithError('arithmetic syntax error');
  };

  const assignment = (skip: boolean): number => {
    const t = peek();
    const n = toks[i + 1];
    if (t?.k === 'id' && n?.k === 'op' && ASSIGN.has(n.v)) {
      i += 2;
      const rhs = assignment(skip);
      if (skip) return 0;
      const val = n.v === '=' ? rhs : binop(n.v.slice(0, -1), varValue(t.v, false), rhs);
      vars.set(t.v, String(val));
      return val;
    }
    return ternary(skip);
  };

  const ternary = (skip: boolean): number => {
    const c = binary(1, skip);
    if (!isOp('?')) return c;
    i++;
    const a = assignment(skip || !c);
    if (!isOp(':')) throw new ArithError('arithmetic syntax error');
    i++;
    const b = assignment(skip || !!c);
    return c ? a : b;
  };

  const binary = (minPrec: number, skip: boolean): number => {
    let left = unary(skip);
    for (;;) {
      const t = peek();
      if (t?.k !== 'op') return left;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < minPrec) return left;
      i++;
      const shortSkip = skip || (t.v === '&&' && !left) || (t.v === '||' && !!left);
      const right = t.v === '**' ? binary(prec, shortSkip) : binary(prec + 1, shortSkip);
      left = shortSkip && (t.v === '&&' || t.v === '||') ? (t.v === '||' ? 1 : 0) : skip ? 0 : binop(t.v, left, right);
    }
  };

  const unary = (skip: boolean): number => {
    const t = peek();
    if (t?.k === 'op') {
      if (t.v === '+' || t.v === '-' || t.v === '!' || t.v === '~') {
        i++;
        const v = unary(skip);
        return t.v === '-' ? -v : t.v === '!' ? (v ? 0 : 1) : t.v === '~' ? -v - 1 : v;
      }
      if (t.v === '++' || t.v === '--') {
        i++;
        const id = peek();
        if (id?.k !== 'id') throw new ArithError('arithmetic syntax error');
        i++;
        const v = varValue(id.v, skip) + (t.v === '++' ? 1 : -1);
        if (!skip) vars.set(id.v, String(v));
        return v;
      }
      if (t.v === '(') {
        i++;
        const v = comma(skip);
        if (!isOp(')')) throw new ArithError('arithmetic syntax error');
        i++;
        return v;
      }
      throw new ArithError('arithmetic syntax error');
    }
    if (t?.k === 'num') {
      i++;
      return t.v;
    }
    if (t?.k === 'id') {
      i++;
      const v = varValue(t.v, skip);
      if (isOp('++') || isOp('--')) {
        const d = toks[i]!.v === '++' ? 1 : -1;
        i++;
        if (!skip) vars.set(t.v, String(v + d));
      }
      return v;
    }
    throw new ArithError('arithmetic syntax error');
  };

  const comma = (skip: boolean): number => {
    let v = assignment(skip);
    while (isOp(',')) {
      i++;
      v = assignment(skip);
    }
    return v;
  };

  const result = comma(false);
  if (i < toks.length) throw new ArithError('arithmetic syntax error');
  return result;
}
