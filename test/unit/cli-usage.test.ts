import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docker } from '../helpers/run-docker.ts';
import { repoRoot } from '../helpers/shared.ts';

interface Case {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

// Recorded from the real docker CLI by test/oracle/record-docker-cli.mjs.
const recorded = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/docker-cli/cases.json'), 'utf8')) as {
  recordedWith: string;
  cases: Case[];
};

describe(`docker CLI usage matches the real CLI (${recorded.recordedWith})`, () => {
  for (const c of recorded.cases) {
    it(`docker ${c.argv.join(' ') || '(no arguments)'}`, async () => {
      const r = await docker(c.argv);
      expect({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode }).toEqual({
        stdout: c.stdout,
        stderr: c.stderr,
        exitCode: c.exitCode,
      });
    });
  }
});
