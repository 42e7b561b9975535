import type { Expr, Func, Program, Redirect, Rule, Stmt } from './ast.ts';

export class AwkSyntaxError extends Error {}

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 're'; v: string } | { t: 'name'; v: string } | { t: 'func'; v: string } | { t: 'builtin'; v: string } | { t: 'kw'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const operandEnd = (): boolean => {
    const p = out[out.length - 1];
    if (!p) return false;
    return p.t === 'num' || p.t === 'str' || p.t === 'name' || p.t === 're' || (p.t === 'builtin' && p.v === 'length') || (p.t === 'op' && (p.v === ')' || p.v === ']' || p.v === '$' || p.v === '++' || p.v === '--'));
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      out.push({ t: 'nl' });
      i++;
      continue;
    }
    if (/[0-9.]/.test(c) && /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|0[xX][0-9a-fA-F]+)/.test(src.slice(i))) {
      const m = /^(0[xX][0-9a-fA-F]+|\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      const w = m[0];
      i += w.length;
      if (KEYWORDS.has(w)) out.push({ t: 'kw', v: w === 'func' ? 'function' : w });
      else if (BUILTINS.has(w)) out.push({ t: 'builtin', v: w });
      else if (src[i] === '(') out.push({ t: 'func', v: w });
      else out.push({ t: 'name', v: w });
      continue;
    }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new AwkSyntaxError('unterminated string');
        const d = src[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          const n = src[i + 1] ?? '';
          const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
          if (n in map) {
            s += map[n];
            i += 2;
          } else if (/[0-7]/.test(n)) {
            const m = /^[0-7]{1,3}/.exec(src.slice(i + 1))!;
            s += String.fromCharCode(parseInt(m[0], 8));
            i += 1 + m[0].length;
          } else if (n === '\n') i += 2;
          else {
            s += `\\${n}`;
            i += 2;
          }
          continue;
        }
        s += d;
        i++;
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    if (c === '/' && !operandEnd()) {
      let s = '';
      i++;
      let inBracket = false;
      for (;;) {
        if (i >= src.length || src[i] === '\n') throw new AwkSyntaxError('unterminated regexp');
        const d = src[i]!;
        if (d === '\\' && src[i + 1] === '/') {
          s += '/';
          i += 2;
          continue;
        }
        if (d === '\\') {
          s += d + (src[i + 1] ?? '');
          i += 2;
          continue;
        }
        if (d === '[') inBracket = true;
        else if (d === ']') inBracket = false;
        else if (d === '/' && !inBracket) {
          i++;
          break;
        }
        s += d;
        i++;
      }
      out.push({ t: 're', v: s });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`unexpected character '${c}'`);
    out.push({ t: 'op', v: op === '**' ? '^' : op === '**=' ? '^=' : op });
    i += op.length;
  }
  out.push({ t: 'eof' });
  return out;
}

/** Parses an awk program (POSIX awk as BusyBox implements it). */
export function parseAwk(src: string): Program {
  const toks = lex(src);
  let p = 0;
  const peek = (o = 0): Tok => toks[p + o] ?? { t: 'eof' };
  const isOp = (v: string, o = 0): boolean => {
    const t = peek(o);
    return t.t === 'op' && t.v === v;
  };
  const isKw = (v: string): boolean => {
    const t = peek();
    return t.t === 'kw' && t.v === v;
  };
  const expectOp = (v: string): void => {
    if (!isOp(v)) throw new AwkSyntaxError(`syntax error: expected '${v}'`);
    p++;
  };
  const nls = (): void => {
    while (peek().t === 'nl') p++;
  };
  const optNl = (): void => {
    while (peek().t === 'nl' || isOp(';')) p++;
  };
  let noIn = false;
  let noGt = false;

  const primary = (): Expr => {
    const t = peek();
    p++;
    switch (t.t) {
      case 'num':
        return { k: 'num', v: t.v };
      case 'str':
        return { k: 'str', v: t.v };
      case 're':
        return { k: 're', src: t.v };
      case 'name':
        if (isOp('[')) {
          p++;
          const subs = exprList();
          expectOp(']');
          return { k: 'index', name: t.v, subs };
        }
        return { k: 'var', name: t.v };
      case 'func': {
        expectOp('(');
        const args = isOp(')') ? [] : exprList();
        expectOp(')');
        return { k: 'call', name: t.v, args };
      }
      case 'builtin': {
        if (!isOp('(')) {
          if (t.v === 'length') return { k: 'builtin', name: 'length', args: [] };
          throw new AwkSyntaxError(`syntax error: ${t.v}`);
        }
        p++;
        const saveIn = noIn;
        const saveGt = noGt;
        noIn = false;
        noGt = false;
        const args = isOp(')') ? [] : exprList();
        noIn = saveIn;
        noGt = saveGt;
        expectOp(')');
        return { k: 'builtin', name: t.v, args };
      }
      case 'kw':
        if (t.v === 'getline') {
          const target = lvalueStart() ? unaryNoConcat() : null;
          let file: Expr | null = null;
          if (isOp('<')) {
            p++;
            file = unaryNoConcat();
          }
          return { k: 'getline', target, file, cmd: null };
        }
        break;
      case 'op':
        if (t.v === '(') {
          const saveIn = noIn;
          const saveGt = noGt;
          noIn = false;
          noGt = false;
          const first = expr();
          if (isOp(',')) {
            const subs = [first];
            while (isOp(',')) {
              p++;
              nls();
              subs.push(expr());
            }
            expectOp(')');
            noIn = saveIn;
            noGt = saveGt;
            if (!isKw('in')) throw new AwkSyntaxError('syntax error: expected in');
            p++;
            const arr = peek();
            if (arr.t !== 'name') throw new AwkSyntaxError('syntax error: array name expected');
            p++;
            return { k: 'in', subs, name: arr.v };
          }
          expectOp(')');
          noIn = saveIn;
          noGt = saveGt;
          return { k: 'group', e: first };
        }
        if (t.v === '$') return { k: 'field', e: incdecExpr() };
        if (t.v === '-' || t.v === '+' || t.v === '!') return { k: 'un', op: t.v, e: unary() };
        if (t.v === '++' || t.v === '--') return { k: 'incdec', op: t.v, prefix: true, target: incdecExpr() };
        break;
    }
    throw new AwkSyntaxError(`syntax error: unexpected ${'v' in t ? t.v : t.t === 'nl' ? 'newline' : 'end of program'}`);
  };
  const lvalueStart = (): boolean => {
    const t = peek();
    return t.t === 'name' || (t.t === 'op' && t.v === '$');
  };
  const postfix = (): Expr => {
    const e = primary();
    if ((isOp('++') || isOp('--')) && (e.k === 'var' || e.k === 'index' || e.k === 'field')) {
      const op = (peek() as { v: '++' | '--' }).v;
      p++;
      return { k: 'incdec', op, prefix: false, target: e };
    }
    return e;
  };
  const incdecExpr = (): Expr => {
    const t = peek();
    if (t.t === 'op' && (t.v === '++' || t.v === '--')) {
      p++;
      return { k: 'incdec', op: t.v, prefix: true, target: incdecExpr() };
    }
    if (t.t === 'op' && t.v === '-') {
      p++;
      return { k: 'un', op: '-', e: incdecExpr() };
    }
    return postfix();
  };
  const power = (): Expr => {
    const base = postfix();
    if (isOp('^')) {
      p++;
      return { k: 'bin', op: '^', a: base, b: unary() };
    }
    return base;
  };
  const unary = (): Expr => {
    const t = peek();
    if (t.t === 'op' && (t.v === '-' || t.v === '+' || t.v === '!')) {
      p++;
      return { k: 'un', op: t.v, e: unary() };
    }
    return power();
  };
  const unaryNoConcat = (): Expr => unary();
  const mul = (): Expr => {
    let e = unary();
    while (isOp('*') || isOp('/') || isOp('%')) {
      const op = (peek() as { v: string }).v;
      p++;
      e = { k: 'bin', op, a: e, b: unary() };
    }
    return e;
  };
  const add = (): Expr => {
    let e = mul();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as { v: string }).v;
      p++;
      e = { k: 'bin', op, a: e, b: mul() };
    }
    return e;
  };
  const startsOperand = (): boolean => {
    const t = peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 're' || t.t === 'name' || t.t === 'func' || t.t === 'builtin') return true;
    if (t.t === 'op') return t.v === '$' || t.v === '(' || t.v === '!' || t.v === '-' || t.v === '++' || t.v === '--';
    return false;
  };
  const concat = (): Expr => {
    let e = add();
    while (startsOperand() && !(isOp('!') || isOp('-')) && !(noIn && isKw('in'))) {
      e = { k: 'bin', op: 'concat', a: e, b: add() };
    }
    return e;
  };
  const relational = (): Expr => {
    const e = concat();
    const t = peek();
    if (t.t === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.v) && !(noGt && t.v === '>')) {
      p++;
      return { k: 'bin', op: t.v, a: e, b: concat() };
    }
    return e;
  };
  const matchExpr = (): Expr => {
    let e = relational();
    while (isOp('~') || isOp('!~')) {
      const neg = (peek() as { v: string }).v === '!~';
      p++;
      e = { k: 'match', neg, a: e, re: relational() };
    }
    return e;
  };
  const inExpr = (): Expr => {
    let e = matchExpr();
    while (!noIn && isKw('in')) {
      p++;
      const arr = peek();
      if (arr.t !== 'name') throw new AwkSyntaxError('syntax error: array name expected');
      p++;
      e = { k: 'in', subs: [e], name: arr.v };
    }
    return e;
  };
  const andExpr = (): Expr => {
    let e = inExpr();
    while (isOp('&&')) {
      p++;
      nls();
      e = { k: 'bin', op: '&&', a: e, b: inExpr() };
    }
    return e;
  };
  const orExpr = (): Expr => {
    let e = andExpr();
    while (isOp('||')) {
      p++;
      nls();
      e = { k: 'bin', op: '||', a: e, b: andExpr() };
    }
    return e;
  };
  const ternary = (): Expr => {
    const c = orExpr();
    if (!isOp('?')) return c;
    p++;
    nls();
    const a = ternary();
    nls();
    expectOp(':');
    nls();
    return { k: 'cond', c, a, b: ternary() };
  };
  const pipeGetline = (e: Expr): Expr => {
    let cur = e;
    while (isOp('|') && peek(1).t === 'kw' && (peek(1) as { v: string }).v === 'getline') {
      p += 2;
      const target = lvalueStart() ? postfix() : null;
      cur = { k: 'getline', target, file: null, cmd: cur };
    }
    return cur;
  };
  const expr = (): Expr => {
    const left = pipeGetline(ternary());
    const t = peek();
    if (t.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.v) && (left.k === 'var' || left.k === 'index' || left.k === 'field')) {
      p++;
      nls();
      return { k: 'assign', op: t.v, target: left, e: expr() };
    }
    return left;
  };
  const exprList = (): Expr[] => {
    const out = [expr()];
    while (isOp(',')) {
      p++;
      nls();
      out.push(expr());
    }
    return out;
  };

  const simpleOrBlock = (): Stmt => {
    nls();
    return statement();
  };
  const endStmt = (): void => {
    if (isOp(';') || peek().t === 'nl') {
      p++;
      return;
    }
    if (isOp('}') || peek().t === 'eof') return;
    throw new AwkSyntaxError(`syntax error: unexpected ${'v' in peek() ? (peek() as { v: string }).v : 'token'}`);
  };
  const printArgs = (): { args: Expr[]; redir: Redirect } => {
    let args: Expr[] = [];
    const ends = (): boolean => isOp(';') || isOp('}') || isOp('>') || isOp('>>') || isOp('|') || peek().t === 'nl' || peek().t === 'eof';
    if (isOp('(')) {
      // `print (a, b) > f`: a parenthesised list is the argument list.
      const save = p;
      p++;
      try {
        const list = exprList();
        if (isOp(')')) {
          p++;
          if (ends()) return { args: list, redir: redirect() };
        }
      } catch (e) {
        if (!(e instanceof AwkSyntaxError)) throw e;
      }
      p = save;
    }
    noGt = true;
    if (!ends()) args = exprList();
    noGt = false;
    return { args, redir: redirect() };
  };
  const redirect = (): Redirect => {
    if (isOp('>') || isOp('>>') || isOp('|')) {
      const op = (peek() as { v: '>' | '>>' | '|' }).v;
      p++;
      return { op, target: concat() };
    }
    return null;
  };
  const statement = (): Stmt => {
    const t = peek();
    if (t.t === 'op' && t.v === '{') {
      p++;
      const body = stmtList();
      expectOp('}');
      return { k: 'block', body };
    }
    if (t.t === 'op' && t.v === ';') {
      p++;
      return { k: 'block', body: [] };
    }
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          p++;
          expectOp('(');
          const c = expr();
          expectOp(')');
          const then = simpleOrBlock();
          const save = p;
          optNl();
          if (isKw('else')) {
            p++;
            return { k: 'if', c, then, else: simpleOrBlock() };
          }
          p = save;
          return { k: 'if', c, then, else: null };
        }
        case 'while': {
          p++;
          expectOp('(');
          const c = expr();
          expectOp(')');
          if (isOp(';')) {
            p++;
            return { k: 'while', c, body: { k: 'block', body: [] } };
          }
          return { k: 'while', c, body: simpleOrBlock() };
        }
        case 'do': {
          p++;
          const body = simpleOrBlock();
          optNl();
          if (!isKw('while')) throw new AwkSyntaxError('syntax error: expected while');
          p++;
          expectOp('(');
          const c = expr();
          expectOp(')');
          endStmt();
          return { k: 'do', body, c };
        }
        case 'for': {
          p++;
          expectOp('(');
          if (peek().t === 'name' && peek(1).t === 'kw' && (peek(1) as { v: string }).v === 'in' && peek(2).t === 'name' && isOp(')', 3)) {
            const v = (peek() as { v: string }).v;
            const arr = (peek(2) as { v: string }).v;
            p += 4;
            return { k: 'forin', v, arr, body: simpleOrBlock() };
          }
          const init = isOp(';') ? null : ({ k: 'expr', e: expr() } as Stmt);
          expectOp(';');
          nls();
          const c = isOp(';') ? null : expr();
          expectOp(';');
          nls();
          const step = isOp(')') ? null : ({ k: 'expr', e: expr() } as Stmt);
          expectOp(')');
          if (isOp(';')) {
            p++;
            return { k: 'for', init, c, step, body: { k: 'block', body: [] } };
          }
          return { k: 'for', init, c, step, body: simpleOrBlock() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          p++;
          endStmt();
          return { k: t.v } as Stmt;
        case 'exit':
        case 'return': {
          p++;
          const e = isOp(';') || isOp('}') || peek().t === 'nl' || peek().t === 'eof' ? null : expr();
          endStmt();
          return { k: t.v, e };
        }
        case 'delete': {
          p++;
          const n = peek();
          if (n.t !== 'name') throw new AwkSyntaxError('syntax error: delete needs an array');
          p++;
          let subs: Expr[] | null = null;
          if (isOp('[')) {
            p++;
            subs = exprList();
            expectOp(']');
          }
          endStmt();
          return { k: 'delete', name: n.v, subs };
        }
        case 'print':
        case 'printf': {
          p++;
          const { args, redir } = printArgs();
          endStmt();
          return { k: t.v, args, redir };
        }
      }
    }
    const e = expr();
    endStmt();
    return { k: 'expr', e };
  };
  const stmtList = (): Stmt[] => {
    const out: Stmt[] = [];
    for (;;) {
      optNl();
      if (isOp('}') || peek().t === 'eof') return out;
      out.push(statement());
    }
  };

  const rules: Rule[] = [];
  const funcs = new Map<string, Func>();
  for (;;) {
    optNl();
    const t = peek();
    if (t.t === 'eof') break;
    if (t.t === 'kw' && t.v === 'function') {
      p++;
      const n = peek();
      if (n.t !== 'name' && n.t !== 'func') throw new AwkSyntaxError('syntax error: function name expected');
      p++;
      expectOp('(');
      const params: string[] = [];
      while (!isOp(')')) {
        const q = peek();
        if (q.t !== 'name') throw new AwkSyntaxError('syntax error: parameter name expected');
        params.push(q.v);
        p++;
        if (isOp(',')) {
          p++;
          nls();
        }
      }
      p++;
      nls();
      expectOp('{');
      const body = stmtList();
      expectOp('}');
      funcs.set(n.v, { params, body });
      continue;
    }
    let pattern: Rule['pattern'] = null;
    if (t.t === 'kw' && (t.v === 'BEGIN' || t.v === 'END')) {
      p++;
      pattern = { k: t.v === 'BEGIN' ? 'begin' : 'end' };
    } else if (!isOp('{')) {
      const a = expr();
      if (isOp(',')) {
        p++;
        nls();
        pattern = { k: 'range', a, b: expr(), active: false };
      } else pattern = { k: 'expr', e: a };
    }
    let body: Stmt[] | null = null;
    if (isOp('{')) {
      p++;
      body = stmtList();
      expectOp('}');
    } else if (pattern && (pattern.k === 'begin' || pattern.k === 'end')) throw new AwkSyntaxError('syntax error: BEGIN/END need an action');
    rules.push({ pattern, body });
  }
  return { rules, funcs };
}
