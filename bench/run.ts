/**
 * Runs every bench/*.bench.ts suite (or those named on the command line) and
 * writes bench/results.json: an array of { name, value, unit }.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult, BenchSuite } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const results: BenchResult[] = [];
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchSuite };
  process.stdout.write(`bench ${file}\n`);
  for (const r of await mod.default()) {
    process.stdout.write(`  ${r.name}: ${r.value} ${r.unit}${r.note ? `  (${r.note})` : ''}\n`);
    results.push(r);
  }
}
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`wrote bench/results.json (${results.length} figures)\n`);
process.exit(0);
