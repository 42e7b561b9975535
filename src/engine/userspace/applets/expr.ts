import { compilePosix, RegexSyntaxError } from './lib/regex.ts';
import { defineApplet } from './registry.ts';

class ExprError extends Error {}

type Val = string | number;

const isInt = (v: Val): boolean => typeof v === 'number' || /^[-+]?\d+$/.test(v);
const toInt = (v: Val): number => {
  if (!isInt(v)) throw new ExprError('non-numeric argument');
  return typeof v === 'number' ? v : Number(v);
};
const isNull = (v: Val): boolean => v === '' || v === 0 || (typeof v === 'string' && /^[-+]?0+$/.test(v));

/** expr EXPRESSION: prints the value; status 0 if it is neither null nor 0, 1 if it is, 2 on errors. */
export const expr = defineApplet('expr', async (io, argv) => {
  const args = argv.slice(1);
  let i = 0;
  const peek = (): string | undefined => args[i];
  const need = (): string => {
    const t = args[i++];
    if (t === undefined) throw new ExprError('syntax error');
    return t;
  };
  const primary = (): Val => {
    const t = peek();
    if (t === undefined) throw new ExprError('syntax error');
    if (t === '(') {
      i++;
      const v = or();
      if (args[i++] !== ')') throw new ExprError('syntax error');
      return v;
    }
    if (t === 'length' && args.length - i > 1) {
      i++;
      return [...String(primary())].length;
    }
    if (t === 'substr' && args.length - i > 3) {
      i++;
      const s = String(primary());
      const pos = toInt(primary());
      const len = toInt(primary());
      return pos < 1 || len < 1 ? '' : s.slice(pos - 1, pos - 1 + len);
    }
    if (t === 'index' && args.length - i > 2) {
      i++;
      const s = String(primary());
      const chars = String(primary());
      let best = 0;
      for (let k = 0; k < s.length; k++) if (chars.includes(s[k]!)) {
        best = k + 1;
        break;
      }
      return best;
    }
    if (t === 'match' && args.length - i > 2) {
      i++;
      return match(String(primary()), String(primary()));
    }
    if (t === '+') {
      i++;
      return need();
    }
    i++;
    return t;
  };
  const matchExpr = (): Val => {
    let v = primary();
    while (peek() === ':') {
      i++;
      v = match(String(v), String(primary()));
    }
    return v;
  };
  const mul = (): Val => {
    let v = matchExpr();
    for (let op = peek(); op === '*' || op === '/' || op === '%'; op = peek()) {
      i++;
      const r = toInt(matchExpr());
      const l = toInt(v);
      if (op !== '*' && r === 0) throw new ExprError('division by zero');
      v = op === '*' ? l * r : op === '/' ? Math.trunc(l / r) : l % r;
    }
    return v;
  };
  const add = (): Val => {
    let v = mul();
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      i++;
      const r = toInt(mul());
      v = op === '+' ? toInt(v) + r : toInt(v) - r;
    }
    return v;
  };
  const cmp = (): Val => {
    let v = add();
    for (let op = peek(); op !== undefined && ['<', '<=', '=', '==', '!=', '>=', '>'].includes(op); op = peek()) {
      i++;
      const r = add();
      const c = isInt(v) && isInt(r) ? toInt(v) - toInt(r) : String(v) < String(r) ? -1 : String(v) > String(r) ? 1 : 0;
      const ok = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '>=' ? c >= 0 : c > 0;
      v = ok ? 1 : 0;
    }
    return v;
  };
  const and = (): Val => {
    let v = cmp();
    while (peek() === '&') {
      i++;
      const r = cmp();
      v = isNull(v) || isNull(r) ? 0 : v;
    }
    return v;
  };
  const or = (): Val => {
    let v = and();
    while (peek() === '|') {
      i++;
      const r = and();
      v = !isNull(v) ? v : !isNull(r) ? r : 0;
    }
    return v;
  };
  try {
    if (args.length === 0) throw new ExprError('too few arguments');
    const v = or();
    if (i < args.length) throw new ExprError('syntax error');
    await io.out(`${v}\n`);
    return isNull(v) ? 1 : 0;
  } catch (e) {
    if (e instanceof ExprError || e instanceof RegexSyntaxError) {
      await io.err(e.message);
      return 2;
    }
    throw e;
  }
});

/** STRING : REGEX, anchored at the start: the first group's text, or the match length. */
function match(s: string, re: string): Val {
  const r = compilePosix(re, false);
  const m = new RegExp(`^(?:${r.source})`).exec(s);
  const groups = /\\\(/.test(re);
  if (!m) return groups ? '' : 0;
  return groups ? (m[1] ?? '') : m[0].length;
}
