/**
 * The dependency-cruiser rule set must fail on imports that cross the
 * ARCHITECTURE.md table. Runs depcruise on a small throwaway tree that breaks
 * the rules on purpose, and on one that keeps them.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.ts';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-deps-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // The project's rules with the tsconfig lookup dropped (the throwaway tree has none).
  writeFileSync(
    join(dir, 'rules.cjs'),
    `const c = require(${JSON.stringify(join(repoRoot, '.dependency-cruiser.cjs'))});\nmodule.exports = { ...c, options: { ...c.options, tsConfig: undefined } };\n`,
  );
  return dir;
}

function cruise(dir: string) {
  const bin = join(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  return spawnSync(process.execPath, [bin, '--config', 'rules.cjs', '--output-type', 'err', 'src'], { cwd: dir, encoding: 'utf8' });
}

describe('dependency rules', () => {
  it('reject imports across the architecture table', () => {
    const dir = tree({
      'src/engine/index.ts': 'export const engine = 1;\n',
      'src/app/view.ts': "import { engine } from '../engine/index.ts';\nexport const v = engine;\n",
      'src/engine/fs/mem.ts': "import { readFileSync } from 'node:fs';\nimport { v } from '../dockerfile/parse.ts';\nexport const m = [readFileSync, v];\n",
      'src/engine/dockerfile/parse.ts': 'export const v = 2;\n',
      'src/cli/docker.ts': "import { m } from '../engine/fs/mem.ts';\nexport const d = m;\n",
    });
    const r = cruise(dir);
    expect(r.status).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('layering:app');
    expect(out).toContain('layering:engine/fs');
    expect(out).toContain('layering:cli');
    expect(out).toContain('pure-code-has-no-node-builtins');
  });

  it('accept a tree that keeps them', () => {
    const dir = tree({
      'src/lib/util.ts': 'export const u = 1;\n',
      'src/api/index.ts': "import { u } from '../lib/util.ts';\nexport const a = u;\n",
      'src/engine/fs/mem.ts': "import { a } from '../../api/index.ts';\nexport const m = a;\n",
      'src/cli/docker.ts': "import { a } from '../api/index.ts';\nexport const d = a;\n",
    });
    const r = cruise(dir);
    expect(r.stdout + r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
  });
});
