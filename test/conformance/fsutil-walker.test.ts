import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contextTreeFromEntries,
  walkContext,
  type ContextEntryType,
} from '../../src/engine/dockerfile/context-walker.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

interface Scenario {
  test: string;
  tree: string[];
  cases: { include: string[]; exclude: string[]; expectedWalk: string[] }[];
}

/** `ADD <path> <file|dir> [data]` lines → a tree (data is irrelevant to the walk). */
function treeFrom(lines: readonly string[]) {
  return contextTreeFromEntries(
    lines.map((line) => {
      const [verb, path, type] = line.split(' ');
      if (verb !== 'ADD' || (type !== 'file' && type !== 'dir')) throw new Error(`bad tree line: ${line}`);
      return { path, type: type as ContextEntryType };
    }),
  );
}

describe.runIf(haveConformance())('fsutil filtered walk (BuildKit build context)', () => {
  const data = JSON.parse(readFileSync(join(conformanceDir, 'fsutil-walker-cases.json'), 'utf8')) as {
    scenarios: Scenario[];
  };
  const walks = data.scenarios.flatMap((s) =>
    s.cases.map((c, i) => [`${s.test} #${i + 1}`, s.tree, c] as const),
  );

  it('covers every walk of the fixture', () => {
    expect(walks.length).toBe(11);
  });

  it.each(walks)('%s', (_name, tree, c) => {
    const walk = walkContext(treeFrom(tree), { include: c.include, exclude: c.exclude });
    expect(walk.entries.map((e) => `${e.type} ${e.path}`)).toEqual(c.expectedWalk);
  });
});

describe('context walk details', () => {
  const tree = contextTreeFromEntries([
    { path: 'Dockerfile', type: 'file' },
    { path: 'node_modules/a/index.js', type: 'file' },
    { path: 'node_modules/keep/x.js', type: 'file' },
    { path: 'src/app.js', type: 'file' },
    { path: 'src/app.test.js', type: 'file' },
    { path: 'link', type: 'symlink', target: 'src' },
  ]);

  it('prunes an excluded directory when no exception can reach inside it', () => {
    const walk = walkContext(tree, { exclude: ['node_modules', '**/*.test.js'] });
    expect(walk.entries.map((e) => e.path)).toEqual(['Dockerfile', 'link', 'src', 'src/app.js']);
    expect(walk.steps.find((s) => s.path === 'node_modules')?.outcome).toBe('pruned');
    expect(walk.steps.some((s) => s.path.startsWith('node_modules/'))).toBe(false);
    expect(walk.steps.find((s) => s.path === 'src/app.test.js')?.outcome).toBe('excluded');
  });

  it('descends into an excluded directory an exception points into, and sends it as a parent', () => {
    const walk = walkContext(tree, { exclude: ['node_modules', '!node_modules/keep'] });
    expect(walk.entries.map((e) => `${e.type} ${e.path}`)).toEqual([
      'file Dockerfile',
      'symlink link',
      'dir node_modules',
      'dir node_modules/keep',
      'file node_modules/keep/x.js',
      'dir src',
      'file src/app.js',
      'file src/app.test.js',
    ]);
    expect(walk.steps.find((s) => s.path === 'node_modules')?.outcome).toBe('sent-as-parent');
    expect(walk.steps.find((s) => s.path === 'node_modules/a')?.outcome).toBe('pruned');
  });

  it('resolves followPaths symlinks into include patterns', () => {
    const walk = walkContext(tree, { include: ['link'], followPaths: ['link'] });
    expect(walk.entries.map((e) => e.path)).toEqual(['link', 'src', 'src/app.js', 'src/app.test.js']);
  });

  it('classic mode (DOCKER_BUILDKIT=0) descends only for an exception under the directory, and never sends it', () => {
    const walk = walkContext(tree, { exclude: ['node_modules', '!node_modules/keep'], mode: 'classic' });
    expect(walk.entries.map((e) => `${e.type} ${e.path}`)).toEqual([
      'file Dockerfile',
      'symlink link',
      'dir node_modules/keep',
      'file node_modules/keep/x.js',
      'dir src',
      'file src/app.js',
      'file src/app.test.js',
    ]);
    expect(walk.steps.find((s) => s.path === 'node_modules')?.outcome).toBe('excluded');
  });

  it('classic mode misses wildcard exceptions in excluded directories (docker/cli#2919); BuildKit does not', () => {
    const exclude = ['src', '!**/*.test.js'];
    expect(walkContext(tree, { exclude, mode: 'classic' }).entries.map((e) => e.path)).toEqual([
      'Dockerfile',
      'link',
      'node_modules',
      'node_modules/a',
      'node_modules/a/index.js',
      'node_modules/keep',
      'node_modules/keep/x.js',
    ]);
    expect(walkContext(tree, { exclude }).entries.map((e) => e.path)).toContain('src/app.test.js');
  });

  it("reports bad patterns with fsutil's context", () => {
    expect(() => walkContext(tree, { exclude: ['['] })).toThrow('invalid excludepatterns: [[]: syntax error in pattern');
  });
});
