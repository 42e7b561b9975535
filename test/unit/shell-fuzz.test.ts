import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShellSyntaxError } from '../../src/engine/userspace/shell/parse-error.ts';
import { Parser } from '../../src/engine/userspace/shell/parser.ts';
import { evalArith, ArithError } from '../../src/engine/userspace/shell/arith.ts';

const PIECES = ['echo', ' ', 'a', '"', "'", '$', '{', '}', '(', ')', '((', '))', '`', '\\', '|', '||', '&&', '&', ';', ';;', '\n', '<', '>', '>>', '<<', 'EOF', 'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'case', 'esac', 'while', '#', '~', '*', '=', 'x=1', '${x:-y}', '$(', '!'];

describe('shell parser robustness', () => {
  it('either parses or throws ShellSyntaxError with a position, for any token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (parts) => {
        const src = parts.join('');
        try {
          Parser.parseAll(src);
        } catch (e) {
          expect(e).toBeInstanceOf(ShellSyntaxError);
          const err = e as ShellSyntaxError;
          expect(err.message.startsWith('syntax error: ')).toBe(true);
          expect(err.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('arithmetic either evaluates or throws ArithError', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('1', '0', 'x', 'y', '+', '-', '*', '/', '%', '(', ')', '?', ':', '<<', '==', '!', '~', '&&', '||', '=', ' ', '0x1f', '08'), { maxLength: 20 }), (parts) => {
        const vars = new Map<string, string>([['x', '3'], ['y', 'y']]);
        try {
          const v = evalArith(parts.join(''), { get: (n) => vars.get(n), set: (n, val) => void vars.set(n, val) });
          expect(Number.isFinite(v) || Number.isNaN(v)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(ArithError);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
