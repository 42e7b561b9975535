import { ArithError, evalArith } from '../arith.ts';
import { ShellFatal } from '../control.ts';
import type { Builtin } from '../interpreter.ts';

/** let EXPR…: arithmetic on shell variables; status 1 when the last value is 0. */
export const letBuiltin: Builtin = async (sh, argv) => {
  let last = 0;
  for (const expr of argv.slice(1)) {
    try {
      last = evalArith(expr, { get: (n) => sh.state.get(n), set: (n, v) => sh.state.set(n, v) });
    } catch (e) {
      if (e instanceof ArithError) throw new ShellFatal(e.message);
      throw e;
    }
  }
  return last === 0 ? 1 : 0;
};
