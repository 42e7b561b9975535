/**
 * BuildKit build-check conformance (dockerfile_check_test.go cases): rule
 * names, lines, Detail messages, URLs and descriptions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';
import { lintDockerfile, lintRules } from '../../src/engine/dockerfile/index.ts';
import { dockerignoreMatcher, parseDockerignore } from '../../src/engine/dockerfile/dockerignore.ts';

interface Warning {
  RuleName: string;
  Description: string;
  URL: string;
  Detail: string;
  Line: number;
  Level: number;
}
interface Case {
  test: string;
  dockerfile: string;
  dockerignore?: string;
  FrontendAttrs?: Record<string, string>;
  warnings: Warning[] | null;
  unmarshalWarnings?: Warning[];
  BuildErr?: string;
}

const present = haveConformance();
const fx: { cases: Case[] } = present ? JSON.parse(readFileSync(join(conformanceDir, 'buildkit-derived/lint-checks.json'), 'utf8')) : { cases: [] };

/**
 * How much of a case can be compared, said out loud. Two cases have identical
 * input and contradictory expectations (skipped); in others the extraction
 * left a Go format call as Detail (compare rule and line) or took the
 * lint-only lines from a different Dockerfile text (compare rule and Detail).
 */
type Comparison = 'full' | 'rule+line' | 'rule+detail' | 'skip';
function comparison(c: Case): Comparison {
  if (c.test === 'testCopyIgnoredFileContextRoot') return 'skip';
  if ((c.warnings ?? []).some((w) => w.Detail === 'fmt.Sprintf')) return 'rule+line';
  const lines = c.dockerfile.split('\n');
  const misplaced = (c.unmarshalWarnings ?? []).some((w) => w.Detail.startsWith('"ENV') && !/^\s*ENV\b/i.test(lines[w.Line - 1] ?? ''));
  return misplaced ? 'rule+detail' : 'full';
}

function short(how: Comparison, rule: string, detail: string, line: number): string {
  if (how === 'rule+line') return `${rule} (line ${line})`;
  if (how === 'rule+detail') return `${rule}: ${detail}`;
  return `${rule}: ${detail}${line > 0 ? ` (line ${line})` : ''}`;
}

function matcher(text: string): (p: string) => boolean {
  const m = dockerignoreMatcher(parseDockerignore(text));
  return (p) => {
    try {
      return m(p);
    } catch {
      return false;
    }
  };
}

describe.skipIf(!present)('lint-checks.json', () => {
  const usable = fx.cases.map((c, i) => ({ c, i })).filter(({ c }) => comparison(c) !== 'skip');
  it('compares every case but the contradictory pair, saying how', () => {
    const partial = fx.cases.filter((c) => comparison(c) !== 'full');
    console.warn(`*** lint-checks: ${partial.map((c) => `${c.test}: ${comparison(c)}`).join('; ')}`);
    expect(fx.cases.length - usable.length).toBe(2);
  });

  it.each(usable.map(({ c, i }) => [`#${i} ${c.test}`, c] as const))('%s', (_name, c) => {
    const how = comparison(c);
    const diags = lintDockerfile(c.dockerfile, {
      teaching: false,
      ...(c.dockerignore !== undefined ? { isIgnored: matcher(c.dockerignore) } : {}),
      ...(c.FrontendAttrs?.['build-arg:BUILDKIT_DOCKERFILE_CHECK'] !== undefined
        ? { checkOverride: c.FrontendAttrs['build-arg:BUILDKIT_DOCKERFILE_CHECK'] }
        : {}),
    });
    const expected = c.unmarshalWarnings ?? c.warnings ?? [];
    const checks = diags.filter((d) => d.rule !== 'DockerfileParseError');
    const got = checks.map((d) => short(how, d.rule, d.message, d.range.start.line)).sort();
    expect(got).toEqual(expected.map((w) => short(how, w.RuleName, w.Detail, w.Line)).sort());
    for (const w of expected) {
      const rule = lintRules.get(w.RuleName)!;
      expect(rule.description).toBe(w.Description);
      expect(rule.url).toBe(w.URL);
    }
    if (c.BuildErr?.startsWith('dockerfile parse error')) {
      expect(diags.filter((d) => d.rule === 'DockerfileParseError').map((d) => d.message)).toEqual([c.BuildErr]);
    }
    const lintErr = /^lint violation found for rules: (.*)$/.exec(c.BuildErr ?? '');
    if (lintErr) expect(checks.filter((d) => d.severity === 'error').map((d) => d.rule)).toEqual(lintErr[1]!.split(', '));
  });
});
