#!/usr/bin/env node
// `npm test`: every check, in order, stopping at the first failure.
// typecheck (app, engine without DOM, node) → svelte-check → dependency rules →
// unit + conformance + oracle tests (vitest) → production build → browser e2e (node:test + Chromium).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const steps = [
  ['typecheck: app', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.json', '--noEmit']],
  ['typecheck: engine (no DOM, no Node)', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.engine.json', '--noEmit']],
  ['typecheck: node, tests, bench', [bin('typescript', 'bin/tsc'), '-p', 'tsconfig.node.json', '--noEmit']],
  ['svelte-check', [bin('svelte-check', 'bin/svelte-check'), '--tsconfig', './tsconfig.json', '--fail-on-warnings', '--output', 'human']],
  ['dependency rules', [bin('dependency-cruiser', 'bin/dependency-cruise.mjs'), '--config', '.dependency-cruiser.cjs', 'src']],
  ['unit, conformance and oracle tests', [bin('vitest', 'vitest.mjs'), 'run']],
  ['production build', [bin('vite', 'bin/vite.js'), 'build', '--logLevel', 'warn']],
  ['browser e2e (Chromium)', ['--import', 'tsx', '--test', '--test-concurrency=1', ...e2eFiles()]],
];

function e2eFiles() {
  return readdirSync(join(root, 'test/e2e'))
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort()
    .map((f) => join('test/e2e', f));
}

for (const [name, args] of steps) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${name}\n`);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`\n✗ ${name} failed (exit ${r.status ?? r.signal}) after ${secs}s\n`);
    process.exit(r.status || 1);
  }
  process.stdout.write(`✓ ${name} (${secs}s)\n`);
}
process.stdout.write('\nAll checks passed.\n');
