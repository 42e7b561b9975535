import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/api/index.ts';
import { expandWithMatches, expandWord, expandWords } from '../../src/engine/dockerfile/shell-words.ts';
import { dockerignoreMatcher, ERR_BAD_PATTERN, PatternMatcher } from '../../src/engine/dockerfile/dockerignore.ts';
import { contextTreeFromEntries, walkContext } from '../../src/engine/dockerfile/context-walker.ts';

/** Characters that drive the lexer's states, plus ordinary and non-ASCII ones. */
const shellChar = fc.constantFrom(
  ...'${}:-+?#%/\\`\'" *\t\naAbZ_019@!.=한😀'.split(''),
  '${',
  '${A',
  '${A:',
  '${A//',
  '$A',
  '\\}',
);
const shellWord = fc.string({ unit: shellChar, maxLength: 40 });
const env = ['A=a*b\\c d', 'B=', 'C=$0', 'KOREAN=한국어', 'LONG=' + 'x'.repeat(300)];
const runs = { numRuns: 10_000 };

/** The only acceptable failure: an EngineError carrying BuildKit's context. */
function expectCleanFailure(err: unknown): void {
  expect(err).toBeInstanceOf(EngineError);
  expect((err as EngineError).message).toMatch(/^failed to process ".*": \S/s);
  expect((err as EngineError).code).toBe('InvalidParameter');
}

describe('shell-word expander under random input', () => {
  it('returns a string or fails with a clear EngineError, for both escape tokens', () => {
    fc.assert(
      fc.property(shellWord, fc.constantFrom<'\\' | '`'>('\\', '`'), (word, escape) => {
        let word1: string | undefined;
        try {
          word1 = expandWord(word, env, { escape });
        } catch (err) {
          expectCleanFailure(err);
        }
        // ProcessWords runs the same scanner: it fails exactly when ProcessWord does.
        let words: string[] | undefined;
        try {
          words = expandWords(word, env, { escape });
        } catch (err) {
          expectCleanFailure(err);
        }
        expect(words === undefined).toBe(word1 === undefined);
        if (words) {
          // Field splitting never yields an empty field.
          expect(words.every((w) => w.length > 0)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('keeps single-quoted text literal and reports every referenced variable once', () => {
    fc.assert(
      fc.property(fc.string({ unit: shellChar, maxLength: 30 }), (inner) => {
        fc.pre(!inner.includes("'"));
        expect(expandWord(`'${inner}'`, env)).toBe(inner);
        try {
          const r = expandWithMatches(inner, env);
          expect(new Set([...r.matched, ...r.unmatched]).size).toBe(r.matched.length + r.unmatched.length);
        } catch (err) {
          expectCleanFailure(err);
        }
      }),
      runs,
    );
  });

  it('matches adversarial patterns in linear time', () => {
    const value = 'a'.repeat(5000);
    const started = process.hrtime.bigint();
    expect(expandWord('${V//*a*a*a*a*a*a*a*a*a*b/x}', [`V=${value}`])).toBe(value);
    expect(expandWord('${V%%*a*a*a*a*a*a*a*a*b}', [`V=${value}`])).toBe(value);
    // A backtracking matcher needs minutes here; the DP table, milliseconds.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(3000);
  });
});

const patternChar = fc.constantFrom(...'*?[]^-\\/!ab.é'.split(''), '**', '**/', '[a-z]', '[^a]', '[[:alpha:]]');
const pathChar = fc.constantFrom(...'/ab.-é*?[]\\'.split(''), 'ab/', '/a/');

describe('dockerignore matcher under random input', () => {
  it('answers a boolean or fails with a clear EngineError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: patternChar, maxLength: 12 }), { maxLength: 4 }),
        fc.string({ unit: pathChar, maxLength: 40 }),
        (patterns, path) => {
          let ignored: ((p: string) => boolean) | undefined;
          try {
            ignored = dockerignoreMatcher(patterns);
            expect(typeof ignored(path)).toBe('boolean');
          } catch (err) {
            expect(err).toBeInstanceOf(EngineError);
            expect([ERR_BAD_PATTERN, 'illegal exclusion pattern: "!"']).toContain((err as EngineError).message);
          }
        },
      ),
      runs,
    );
  });

  it('treats a plain name as that path and everything below it', () => {
    const name = fc.stringMatching(/^[a-z]{1,3}(\/[a-z]{1,3}){0,2}$/);
    fc.assert(
      fc.property(name, name, (pattern, path) => {
        const expected = path === pattern || path.startsWith(`${pattern}/`);
        expect(new PatternMatcher([pattern]).matchesOrParentMatches(path)).toBe(expected);
      }),
      runs,
    );
  });

  it('matches adversarial patterns in linear time', () => {
    // MatchesOrParentMatches tries every ancestor (quadratic in depth, as upstream); keep the depth modest.
    const path = `${'a/'.repeat(400)}b`;
    const started = process.hrtime.bigint();
    expect(dockerignoreMatcher(['**/**/**/**/**/**/**/**/c'])(path)).toBe(false);
    expect(dockerignoreMatcher(['a*a*a*a*a*a*a*a*c'])('a'.repeat(5000))).toBe(false);
    // A backtracking matcher needs minutes here; the position-set simulation, milliseconds.
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(3000);
  });
});

const segment = fc.constantFrom('a', 'b', 'a.md', '.x', 'node_modules');
const treeEntries = fc.array(
  fc.record({
    path: fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
    type: fc.constantFrom<'file' | 'dir'>('file', 'dir'),
  }),
  { maxLength: 12 },
);
const excludePattern = fc.oneof(
  fc.array(fc.oneof(segment, fc.constantFrom('*', '**', '*.md', '?')), { minLength: 1, maxLength: 3 }).map((p) => p.join('/')),
  segment,
);

describe('build-context walk under random trees', () => {
  /** Drop entries that would put something below a file (the tree builder would turn that file into a directory). */
  const consistent = (entries: { path: string; type: 'file' | 'dir' }[]) =>
    entries.filter((e) => !entries.some((o) => o.type === 'file' && e.path.startsWith(`${o.path}/`)));

  it('sends every parent before its children, in lexical walk order', () => {
    fc.assert(
      fc.property(treeEntries, fc.array(excludePattern, { maxLength: 3 }), fc.boolean(), (entries, exclude, withException) => {
        const patterns = withException && exclude.length > 0 ? [...exclude, `!${exclude[0]}/a`] : exclude;
        const walk = walkContext(contextTreeFromEntries(consistent(entries)), { exclude: patterns });
        const seen = new Set<string>();
        for (const e of walk.entries) {
          const slash = e.path.lastIndexOf('/');
          if (slash >= 0) expect(seen.has(e.path.slice(0, slash))).toBe(true);
          seen.add(e.path);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('without exceptions, sends exactly the paths the matcher does not ignore', () => {
    fc.assert(
      fc.property(treeEntries, fc.array(excludePattern, { maxLength: 3 }), (entries, exclude) => {
        const tree = contextTreeFromEntries(consistent(entries));
        const all = walkContext(tree).entries.map((e) => e.path);
        const ignored = dockerignoreMatcher(exclude);
        const expected = all.filter((p) => !ignored(p));
        expect(walkContext(tree, { exclude }).entries.map((e) => e.path)).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
