import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/api/index.ts';
import {
  cleanPath,
  compilePattern,
  dockerignoreMatcher,
  ERR_BAD_PATTERN,
  trimBuildFilesFromExcludes,
  filepathMatch,
  matchesDeprecated,
  parseDockerignore,
  PatternMatcher,
  type MatchInfo,
} from '../../src/engine/dockerfile/dockerignore.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

interface Cases {
  singlePattern: { cases: { pattern: string; text: string; pass: boolean; os?: string }[] };
  multiPattern: { cases: { patterns: string[]; text: string; pass: boolean }[] };
  goFilepathMatchCompat: { cases: { pattern: string; text: string; match: boolean; err: string | null }[] };
  simpleMatches: { cases: { file: string; patterns: string[]; match?: boolean; error?: string }[] };
  newPatterns: {
    cases: {
      patterns: string[];
      activePatterns?: number;
      exclusions?: boolean;
      error?: string;
      newOk?: boolean;
      matchText?: string;
      matchError?: string;
    }[];
  };
  compile: { cases: { pattern: string; matchType: string; regexp: string; windowsRegexp: string }[] };
  ignorefileReadAll: { content: string; expected: string[] };
}

/** The error text a fixture names: `ErrBadPattern` is Go's `syntax error in pattern`. */
const errorText = (name: string): string => (name === 'ErrBadPattern' ? ERR_BAD_PATTERN : name);

/** Run `f`, returning the thrown EngineError's message (or fail if something else was thrown). */
function thrownMessage(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(EngineError);
    return (err as EngineError).message;
  }
}

/** MatchesUsingParentResults as the walker calls it: ancestors first, each with its parent's info. */
function matchWalkingParents(pm: PatternMatcher, text: string): boolean {
  const parts = text.split('/');
  let info: MatchInfo = { parentMatched: [] };
  let result = false;
  for (let i = 1; i <= parts.length; i++) {
    const r = pm.matchesUsingParentResults(parts.slice(0, i).join('/'), info);
    info = r.info;
    result = r.matched;
  }
  return result;
}

describe.runIf(haveConformance())('moby patternmatcher / .dockerignore conformance', () => {
  const data = JSON.parse(readFileSync(join(conformanceDir, 'dockerignore-cases.json'), 'utf8')) as Cases;

  it.each(data.singlePattern.cases.map((c) => [c.pattern, c.text, c.pass] as const))(
    'single pattern %s vs %s → %s',
    (pattern, text, pass) => {
      const pm = new PatternMatcher([pattern]);
      expect(pm.matchesOrParentMatches(text)).toBe(pass);
      expect(dockerignoreMatcher([pattern])(text)).toBe(pass);
      expect(pm.matchesUsingParentResults(text).matched).toBe(pass);
      expect(matchWalkingParents(pm, text)).toBe(pass);
    },
  );

  it.each(data.multiPattern.cases.map((c) => [c.patterns.join(' '), c.text, c] as const))(
    'patterns [%s] vs %s',
    (_p, text, c) => {
      expect(new PatternMatcher(c.patterns).matchesOrParentMatches(text)).toBe(c.pass);
      expect(matchWalkingParents(new PatternMatcher(c.patterns), text)).toBe(c.pass);
    },
  );

  it.each(data.goFilepathMatchCompat.cases.map((c) => [c.pattern, c.text, c] as const))(
    'Matches(%s, %s) like filepath.Match',
    (pattern, text, c) => {
      let match = false;
      const viaMatcher = thrownMessage(() => (match = matchesDeprecated(text, [pattern])));
      expect(viaMatcher).toBe(c.err === null ? null : errorText(c.err));
      expect(match).toBe(c.match);
      let direct = false;
      const viaGo = thrownMessage(() => (direct = filepathMatch(pattern, text)));
      expect(viaGo).toBe(c.err === null ? null : errorText(c.err));
      expect(direct).toBe(c.match);
    },
  );

  it.each(data.simpleMatches.cases.map((c) => [c.file, c.patterns.join(' '), c] as const))(
    'deprecated Matches(%s, [%s])',
    (file, _p, c) => {
      let match = false;
      const err = thrownMessage(() => (match = matchesDeprecated(file, c.patterns)));
      expect(err).toBe(c.error === undefined ? null : errorText(c.error));
      if (c.match !== undefined) expect(match).toBe(c.match);
    },
  );

  it.each(data.newPatterns.cases.map((c) => [c.patterns.join(' '), c] as const))('New([%s])', (_p, c) => {
    if (c.error !== undefined) {
      expect(thrownMessage(() => new PatternMatcher(c.patterns))).toBe(errorText(c.error));
      return;
    }
    const pm = new PatternMatcher(c.patterns);
    if (c.activePatterns !== undefined) expect(pm.patterns.length).toBe(c.activePatterns);
    if (c.exclusions !== undefined) expect(pm.exclusions).toBe(c.exclusions);
    if (c.matchText !== undefined && c.matchError !== undefined) {
      // The error must come back on every call, not only the first.
      for (let i = 0; i < 2; i++) {
        expect(thrownMessage(() => pm.matchesOrParentMatches(c.matchText!))).toBe(errorText(c.matchError));
      }
    }
  });

  it.each(data.compile.cases.map((c) => [c.pattern, c] as const))('compile %s', (pattern, c) => {
    const cleaned = cleanPath(pattern);
    expect(compilePattern(cleaned, '/')).toEqual({ matchType: c.matchType, regexp: c.regexp });
    // On Windows filepath.Clean has already turned the slashes into backslashes.
    expect(compilePattern(cleaned.replaceAll('/', '\\'), '\\')).toEqual({ matchType: c.matchType, regexp: c.windowsRegexp });
  });

  it('reads a .dockerignore file like ignorefile.ReadAll', () => {
    expect(parseDockerignore(data.ignorefileReadAll.content)).toEqual(data.ignorefileReadAll.expected);
  });
});

describe('.dockerignore details beyond the fixture', () => {
  it('strips a BOM, CRLF line ends and keeps indented # as a pattern', () => {
    expect(parseDockerignore('\uFEFF# c\r\nnode_modules/\r\n #x\n./a/../b\n!  /c/\n')).toEqual([
      'node_modules',
      '#x',
      'b',
      '!c',
    ]);
  });

  it('re-includes with a later exception and lets the last match win', () => {
    const ignored = dockerignoreMatcher(['*.md', '!README.md', 'docs']);
    expect(ignored('CHANGES.md')).toBe(true);
    expect(ignored('README.md')).toBe(false);
    expect(ignored('docs/README.md')).toBe(true);
    expect(ignored('src/a.md')).toBe(false);
  });

  it('runs Go regexp classes, not JavaScript ones', () => {
    expect(dockerignoreMatcher(['[[:digit:]]*'])('7up')).toBe(true);
    expect(dockerignoreMatcher(['[[:digit:]]*'])('up')).toBe(false);
    expect(dockerignoreMatcher(['a[*]'])('a[/x]')).toBe(false);
    expect(dockerignoreMatcher(['\\d'])('d')).toBe(false);
    expect(dockerignoreMatcher(['\\d'])('4')).toBe(true);
    expect(() => dockerignoreMatcher(['\\y'])('y')).toThrow(ERR_BAD_PATTERN);
    expect(() => dockerignoreMatcher(['[z-a]'])('y')).toThrow(ERR_BAD_PATTERN);
    expect(() => dockerignoreMatcher(['!'])).toThrow('illegal exclusion pattern: "!"');
  });

  it('explains which pattern decided, and which ones were not consulted', () => {
    const pm = new PatternMatcher(['docs', '!docs/README.md', '*.md']);
    expect(pm.explain('docs/README.md')).toEqual({
      matched: false,
      decidedBy: '!docs/README.md',
      steps: [
        { pattern: 'docs', consulted: true, matchedPath: 'docs' },
        { pattern: '!docs/README.md', consulted: true, matchedPath: 'docs/README.md' },
        { pattern: '*.md', consulted: true, matchedPath: null },
      ],
    });
    // `*.md` does not cross a slash, so the exception stands; at the top level it decides.
    expect(pm.explain('CHANGES.md').decidedBy).toBe('*.md');
    // An inclusion is not consulted once the path is already matched, nor an exception before.
    expect(pm.explain('docs/a.txt').steps.map((s) => s.consulted)).toEqual([true, true, false]);
    expect(pm.explain('src/x').steps.map((s) => s.consulted)).toEqual([true, false, true]);
  });

  it('keeps the Dockerfile and .dockerignore in a classic-builder context', () => {
    expect(trimBuildFilesFromExcludes(['*', '!src'], 'Dockerfile')).toEqual([
      '*',
      '!src',
      '!.dockerignore',
      '!Dockerfile',
    ]);
    expect(trimBuildFilesFromExcludes(['*.md'], 'Dockerfile')).toEqual(['*.md']);
    expect(trimBuildFilesFromExcludes(['build'], 'build/Dockerfile', true)).toEqual(['build']);
  });

  it('is filepath.Match on bytes, as Go is', () => {
    // After `*` Go retries at every byte offset, so `??` can match the two
    // trailing bytes of a three-byte character.
    expect(filepathMatch('*??', '☺')).toBe(true);
    expect(filepathMatch('??', '☺')).toBe(false);
    expect(filepathMatch('[☺]', '☺')).toBe(true);
  });
});
