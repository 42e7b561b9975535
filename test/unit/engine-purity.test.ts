/**
 * The engine (and the CLI, which runs inside the worker) is pure: time,
 * randomness and scheduling come from injected deps (src/engine/deps.ts). This
 * test fails on any direct use elsewhere; the engine tsconfig (no DOM, no
 * Node types) and dependency-cruiser cover the rest.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/shared.ts';

const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now() — use the injected Clock'],
  [/\bnew Date\s*\(\s*\)/, 'new Date() — use the injected Clock'],
  [/\bMath\.random\s*\(/, 'Math.random() — use the injected Rng'],
  [/\bperformance\.now\s*\(/, 'performance.now() — use the injected Clock'],
  [/\b(setTimeout|setInterval|setImmediate|requestAnimationFrame)\s*\(/, 'timers — use the injected scheduler'],
  [/\bcrypto\.getRandomValues\s*\(/, 'crypto.getRandomValues() — use the injected Rng'],
  [/\b(window|document|localStorage|indexedDB|navigator)\./, 'browser globals'],
  [/\bprocess\.(env|argv|stdout|stderr|exit)\b/, 'Node process globals'],
];

/** The one file allowed to touch the real world: it builds the real deps. */
const ALLOWED = new Set(['src/engine/deps.ts']);

function* tsFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* tsFiles(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('engine purity', () => {
  for (const area of ['src/engine', 'src/cli', 'src/api', 'src/lib']) {
    it(`${area} uses no wall clock, randomness, timers or host globals`, () => {
      const offences: string[] = [];
      for (const file of tsFiles(join(repoRoot, area))) {
        const rel = relative(repoRoot, file);
        if (ALLOWED.has(rel)) continue;
        const lines = stripComments(readFileSync(file, 'utf8')).split('\n');
        lines.forEach((line, i) => {
          for (const [re, why] of FORBIDDEN) if (re.test(line)) offences.push(`${rel}:${i + 1}: ${why}`);
        });
      }
      expect(offences).toEqual([]);
    });
  }
});
