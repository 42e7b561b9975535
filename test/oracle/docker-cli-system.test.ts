/**
 * Oracle: the real docker CLI renders `docker version` and `docker info` from
 * our Engine API answers; our own CLI must print the same Server section for
 * the same engine state. (The Client sections differ by design: the real
 * client reports its own version.)
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { createEngineApiServer, listen } from '../../src/node/engine-api-server.ts';
import { docker } from '../helpers/run-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const hasDocker = spawnSync('docker', ['--version']).status === 0;
const enabled = requireOracle('docker CLI', hasDocker, 'install docker.io (client only is enough)');

describe.runIf(enabled)('real docker CLI against the Layerlab Engine API', () => {
  const engine = createEngine(testDeps(42));
  const server = createEngineApiServer(engine);
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-sock-'));
  const socket = join(dir, 'docker.sock');
  // Asynchronous on purpose: the server runs in this process, so a blocking spawn would deadlock.
  const realDocker = async (...argv: string[]) => {
    const env = { PATH: process.env.PATH, HOME: '/home/learner', DOCKER_HOST: `unix://${socket}`, TZ: 'UTC' };
    try {
      const r = await promisify(execFile)('docker', argv, { encoding: 'utf8', env, timeout: 20_000 });
      return { status: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { status: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(err) };
    }
  };

  beforeAll(() => listen(server, { socket }));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  // docker/cli prints the Runtimes names in Go map order (random): compare them as a set.
  const serverSection = (out: string) =>
    out.slice(out.indexOf('\nServer:')).replace(/^( Runtimes:) (.*)$/m, (_, label: string, names: string) => `${label} ${names.split(' ').sort().join(' ')}`);

  it('docker version: same Server section', async () => {
    const real = await realDocker('version');
    expect(real.status, real.stderr).toBe(0);
    const ours = await docker(['version'], engine);
    expect(ours.exitCode).toBe(0);
    expect(serverSection(ours.stdout)).toBe(serverSection(real.stdout));
    expect(ours.stdout).toContain('Server: Layerlab Engine');
  });

  it('docker info: same Server section', async () => {
    const real = await realDocker('info');
    expect(real.status, real.stderr).toBe(0);
    const ours = await docker(['info'], engine);
    expect(ours.exitCode).toBe(0);
    expect(serverSection(ours.stdout)).toBe(serverSection(real.stdout));
    expect(ours.stderr).toBe(real.stderr);
  });
});
