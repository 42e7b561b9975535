import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/api/errors.ts';
import { parseGoTemplate, TemplateExecError, TemplateParseError } from '../../src/cli/format/go-template.ts';
import { parseNormalizedNamed, parseReference, referenceString } from '../../src/engine/oci/reference.ts';

// Fragments that make up real --format templates, so random mixes reach deep into the parser.
const pieces = [
  '{{', '}}', '{{-', ' -}}', '.', '.Name', '.A.B', '$', '$x', ':=', '=', '|', '(', ')', ' ', '\n', '"s"', '`r`',
  "'c'", '1', '-2', '1.5', 'if', 'else', 'end', 'range', 'with', 'break', 'continue', 'and', 'or', 'not', 'eq',
  'len', 'index', 'printf', '"%d %s %v"', 'json', 'join', 'upper', 'nil', 'true', ',', '/*', '*/', 'text', '@',
];

describe('go template under random input', () => {
  it('parses or fails with TemplateParseError; executes or fails with TemplateExecError', () => {
    const data = { Name: 'web', A: { B: [1, 'x'] }, L: [1, 2, 3] };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        let tmpl;
        try {
          tmpl = parseGoTemplate(text);
        } catch (e) {
          expect(e, text).toBeInstanceOf(TemplateParseError);
          expect((e as Error).message.startsWith('template: :')).toBe(true);
          return;
        }
        try {
          expect(typeof tmpl.execute(data)).toBe('string');
        } catch (e) {
          expect(e, text).toBeInstanceOf(TemplateExecError);
        }
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('text without actions comes out unchanged', () => {
    fc.assert(
      fc.property(fc.string().filter((s) => !s.includes('{{')), (s) => {
        expect(parseGoTemplate(s).execute({})).toBe(s);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('image references under random input', () => {
  const alphabet = fc.constantFrom(...'abcXYZ019-_.:/@[]%sha256ef'.split(''), 'sha256:', 'e'.repeat(64), 'localhost', 'docker.io');
  it('Parse either fails with an EngineError or round-trips to the same string', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        try {
          const ref = parseReference(s);
          expect(referenceString(ref)).toBe(s);
        } catch (e) {
          expect(e).toBeInstanceOf(EngineError);
          expect((e as EngineError).code).toBe('InvalidParameter');
        }
        try {
          const named = parseNormalizedNamed(s);
          // Normalising an already normalised name is a no-op.
          expect(referenceString(parseNormalizedNamed(referenceString(named)))).toBe(referenceString(named));
        } catch (e) {
          expect(e).toBeInstanceOf(EngineError);
        }
      }),
      { numRuns: 3000, seed: 1 },
    );
  });
});
