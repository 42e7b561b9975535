import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/shared.ts';

/** The scratch directory every golden script runs in, on the host and in our Vfs alike. */
export interface GoldenLayout {
  readonly scratch: string;
  /** mtime of every layout file (so `ls -l` dates match). */
  readonly mtime: string;
  readonly env: string[];
  readonly files: readonly { path: string; text: string; mode?: string }[];
  readonly dirs: readonly { path: string }[];
}

export interface GoldenResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export const fixturesDir = join(repoRoot, 'test/fixtures/busybox');
export const scriptsDir = join(fixturesDir, 'scripts');
export const expectedDir = join(fixturesDir, 'expected');

export function loadLayout(): GoldenLayout {
  return JSON.parse(readFileSync(join(fixturesDir, 'layout.json'), 'utf8')) as GoldenLayout;
}

/** Scripts still failing in our shell, with the reason; skipped (and counted) by the golden test. */
export function loadPending(): Record<string, string> {
  return JSON.parse(readFileSync(join(fixturesDir, 'pending.json'), 'utf8')) as Record<string, string>;
}
