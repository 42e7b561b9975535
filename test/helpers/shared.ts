import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const repoRoot = resolve(here, '../..');
/** `../shared` beside the checkout: conformance data and references. */
export const sharedDir = resolve(repoRoot, '../shared');
export const conformanceDir = join(sharedDir, 'conformance');

export const inCI = process.env.CI === 'true';

/**
 * Whether the shared conformance folder is present. When it is absent the
 * conformance suites skip, loudly; under CI=true its absence is a failure.
 */
export function haveConformance(): boolean {
  if (existsSync(conformanceDir)) return true;
  if (inCI) throw new Error(`conformance data missing at ${conformanceDir} (required under CI=true)`);
  console.warn(`\n*** SKIPPING conformance tests: ${conformanceDir} not found ***\n`);
  return false;
}

/**
 * Whether an oracle (a real tool on this machine) is available. Absent: skip
 * loudly; under CI=true: fail, because CI must run every oracle.
 */
export function requireOracle(name: string, available: boolean, why = ''): boolean {
  if (available) return true;
  const msg = `oracle "${name}" unavailable${why ? `: ${why}` : ''}`;
  if (inCI) throw new Error(`${msg} (required under CI=true)`);
  console.warn(`\n*** SKIPPING oracle tests: ${msg} ***\n`);
  return false;
}
