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

describe('docker version / info --format', () => {
  it('render Go templates and json against the Engine API data', async () => {
    expect((await docker(['version', '--format', '{{.Server.Version}}'])).stdout).toBe('28.5.2\n');
    expect((await docker(['version', '-f', '{{.Client.APIVersion}} {{.Server.Os}}/{{.Server.Arch}}'])).stdout).toBe('1.51 linux/amd64\n');
    const json = JSON.parse((await docker(['version', '--format', 'json'])).stdout) as { Server: { ApiVersion: string } };
    expect(json.Server.ApiVersion).toBe('1.51');
    expect((await docker(['info', '--format', '{{.Driver}} {{.NCPU}}'])).stdout).toBe('overlay2 2\n');
  });
});

describe('docker version --format json', () => {
  it('prints the JSON field names, not the Go ones', async () => {
    const out = (await docker(['version', '--format', 'json'])).stdout;
    expect(out).toContain('"ApiVersion":"1.51"');
    expect(out).not.toContain('"APIVersion"');
  });
});
