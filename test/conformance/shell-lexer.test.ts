import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/api/index.ts';
import {
  envFromList,
  expandWithMatches,
  expandWord,
  expandWords,
  type ShellExpansionErrorData,
} from '../../src/engine/dockerfile/shell-words.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

const shellDir = (): string => join(conformanceDir, 'buildkit/frontend/dockerfile/shell');

/** envVarTest rows: `platform | source | expected`, Linux runs `A` and `U`. */
function envVarRows(): { line: number; source: string; expected: string }[] {
  const rows: { line: number; source: string; expected: string }[] = [];
  readFileSync(join(shellDir(), 'envVarTest'), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.startsWith('#') || raw.trim() === '') return;
      const fields = raw.split('|');
      if (fields.length !== 3) throw new Error(`envVarTest line ${i + 1}: expected 3 fields`);
      const [platform, source, expected] = fields.map((f) => f.trim());
      if (platform === 'A' || platform === 'U') rows.push({ line: i + 1, source, expected });
    });
  return rows;
}

/** wordsTest rows with the environment accumulated from the `ENV` lines above each. */
function wordsRows(): { line: number; input: string; expected: string[]; env: string[] }[] {
  const rows: { line: number; input: string; expected: string[]; env: string[] }[] = [];
  const env: string[] = [];
  readFileSync(join(shellDir(), 'wordsTest'), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw === '' || raw.startsWith('#')) return;
      if (raw.startsWith('ENV ')) {
        env.push(raw.slice(4).replace(/^ +/, ''));
        return;
      }
      const bar = raw.indexOf('|');
      if (bar < 0 || raw.indexOf('|', bar + 1) >= 0) throw new Error(`wordsTest line ${i + 1}: expected one |`);
      rows.push({
        line: i + 1,
        input: raw.slice(0, bar).trim(),
        expected: raw.slice(bar + 1).replace(/^ +/, '').split(','),
        env: [...env],
      });
    });
  return rows;
}

describe.runIf(haveConformance())('BuildKit shell lexer: envVarTest (ProcessWord)', () => {
  const env = ['PWD=/home', 'SHELL=bash', 'KOREAN=한국어', 'NULL='];
  const rows = envVarRows();

  it('reads every Linux row of the table', () => {
    expect(rows.length).toBe(115);
  });

  it.each(rows.map((r) => [r.line, r.source, r.expected] as const))('line %i: %s → %s', (_line, source, expected) => {
    if (expected === 'error') {
      expect(() => expandWord(source, env)).toThrow(EngineError);
    } else {
      expect(expandWord(source, env)).toBe(expected);
    }
  });
});

describe.runIf(haveConformance())('BuildKit shell lexer: wordsTest (ProcessWords)', () => {
  const rows = wordsRows();

  it('reads every row of the table', () => {
    expect(rows.length).toBe(12);
  });

  it.each(rows.map((r) => [r.line, r.input, r] as const))('line %i: %s', (_line, input, row) => {
    if (row.expected.length === 1 && row.expected[0] === 'error') {
      expect(() => expandWords(input, row.env)).toThrow(EngineError);
    } else {
      expect(expandWords(input, row.env)).toEqual(row.expected);
    }
  });
});

interface Extra {
  processWordWithMatches: {
    cases: {
      input: string;
      envs: Record<string, string>;
      expectedErr: boolean;
      expected: string;
      matches: string[];
      unmatched: string[];
    }[];
  };
  mandatoryEnvVars: { cases: { input: string; env: string[]; expected?: string; errorContains?: string }[] };
  platformRelease: { input: string; cases: { envs: Record<string, string>; expected: string }[] };
  getEnvLastWins: { env: string[]; get: Record<string, string> };
}

describe.runIf(haveConformance())('BuildKit shell lexer: lex_test.go extras', () => {
  const extra = JSON.parse(
    readFileSync(join(conformanceDir, 'buildkit-derived/shell-lexer-extra.json'), 'utf8'),
  ) as Extra;
  const sorted = (xs: readonly string[]): string[] => [...xs].sort();

  it.each(extra.processWordWithMatches.cases.map((c) => [c.input, c] as const))(
    'ProcessWordWithMatches %s',
    (input, c) => {
      const env = new Map(Object.entries(c.envs));
      if (c.expectedErr) {
        let caught: unknown;
        try {
          expandWithMatches(input, env);
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(EngineError);
        const data = (caught as EngineError).data as ShellExpansionErrorData;
        expect(sorted(data.matched)).toEqual(sorted(c.matches));
        expect(sorted(data.unmatched)).toEqual(sorted(c.unmatched));
      } else {
        const r = expandWithMatches(input, env);
        expect(r.result).toBe(c.expected);
        expect(sorted(r.matched)).toEqual(sorted(c.matches));
        expect(sorted(r.unmatched)).toEqual(sorted(c.unmatched));
      }
    },
  );

  it.each(extra.mandatoryEnvVars.cases.map((c) => [c.input, c.env.join(' '), c] as const))(
    'mandatory variable %s with [%s]',
    (input, _env, c) => {
      if (c.errorContains !== undefined) {
        expect(() => expandWord(input, c.env)).toThrow(c.errorContains);
      } else {
        expect(expandWord(input, c.env)).toBe(c.expected);
      }
    },
  );

  it.each(extra.platformRelease.cases.map((c) => [c.expected, c] as const))('platform file name %s', (_e, c) => {
    expect(expandWord(extra.platformRelease.input, new Map(Object.entries(c.envs)))).toBe(c.expected);
  });

  it('builds the environment with the last duplicate winning', () => {
    const env = envFromList(extra.getEnvLastWins.env);
    for (const [key, value] of Object.entries(extra.getEnvLastWins.get)) expect(env.get(key)).toBe(value);
  });
});

describe('shell lexer error texts and escape token', () => {
  it("wraps errors in BuildKit's context with Go quoting", () => {
    expect(() => expandWord('he${}xx', [])).toThrow('failed to process "he${}xx": syntax error: bad substitution');
    expect(() => expandWord('${X:?}', [])).toThrow('X: is not allowed to be unset');
    expect(() => expandWord('${X:?}', ['X='])).toThrow('X: is not allowed to be empty');
    expect(() => expandWord('${X=1}', [])).toThrow('unsupported modifier (=) in substitution');
    expect(() => expandWord('${X:=1}', [])).toThrow('unsupported modifier (:=) in substitution');
    expect(() => expandWord('${X#\\a}', ['X=1'])).toThrow("invalid pattern (\\a) in substitution: invalid escape '\\a'");
    expect(() => expandWord('a\t"', [])).toThrow('failed to process "a\\t\\"": unexpected end');
  });

  it('uses the backtick as escape token under `# escape=`', () => {
    expect(expandWord('a`$X', ['X=1'], { escape: '`' })).toBe('a$X');
    expect(expandWord('C:\\dir\\$X', ['X=1'], { escape: '`' })).toBe('C:\\dir\\1');
    expect(expandWord('"a`"b"', [], { escape: '`' })).toBe('a"b');
  });

  it('gives the results of the reference.md examples', () => {
    const env = ['str=foobarbaz', 'FOO=/bar'];
    expect(expandWord('${str#f*b}', env)).toBe('arbaz');
    expect(expandWord('${str##f*b}', env)).toBe('az');
    expect(expandWord('${str%b*}', env)).toBe('foobar');
    expect(expandWord('${str%%b*}', env)).toBe('foo');
    expect(expandWord('${str/ba/fo}', env)).toBe('fooforbaz');
    expect(expandWord('${str//ba/fo}', env)).toBe('fooforfoz');
    expect(expandWord('${FOO}', env)).toBe('/bar');
    expect(expandWords('\\$FOO /quux', env)).toEqual(['$FOO', '/quux']);
    expect(expandWord('\\${FOO}', env)).toBe('${FOO}');
  });

  it('implements #, %, / with Go regexp semantics', () => {
    const env = ['F=a/b/c.tar.gz', 'N=x\ny', 'R=$0$0'];
    expect(expandWord('${F#*/}', env)).toBe('b/c.tar.gz');
    expect(expandWord('${F##*/}', env)).toBe('c.tar.gz');
    expect(expandWord('${F%.*}', env)).toBe('a/b/c.tar');
    expect(expandWord('${F%%.*}', env)).toBe('a/b/c');
    expect(expandWord('${F//\\//-}', env)).toBe('a-b-c.tar.gz');
    // `?` and `*` are Go's `.`, which stops at a newline.
    expect(expandWord('${N#*}', env)).toBe('x\ny');
    expect(expandWord('${N##*}', env)).toBe('\ny');
    expect(expandWord('${N/?/-}', env)).toBe('-\ny');
    // An empty match next to a previous match is not replaced again.
    expect(expandWord('${F//*/x}', ['F=abc'])).toBe('x');
    // ReplaceAllString treats the replacement as a template ($0 = the match).
    expect(expandWord('${F//b/$R}', ['F=abc', 'R=[$0]'])).toBe('a[b]c');
    expect(expandWord('${F/b/$R}', ['F=abc', 'R=[$0]'])).toBe('a[$0]c');
  });
});
