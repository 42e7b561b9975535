/**
 * Oracle: the real docker CLI renders `docker version` and `docker info` from
 * our Engine API answers; our own CLI must print the same Server section for
 * the same engine state. (The Client sections differ by design: the real
 * client reports its own version.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { EngineSockets, haveDockerCli, runRealDocker } from '../helpers/real-docker.ts';
import { docker } from '../helpers/run-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');

describe.runIf(enabled)('real docker CLI against the Layerlab Engine API', () => {
  const engine = createEngine(testDeps(42));
  const sockets = new EngineSockets();
  let socket = '';

  beforeAll(async () => {
    socket = await sockets.serve(engine);
  });
  afterAll(() => sockets.closeAll());

  // docker/cli prints the Runtimes names in Go map order (random): compare them as a set.
  const serverSection = (out: string) =>
    out.slice(out.indexOf('\nServer:')).replace(/^( Runtimes:) (.*)$/m, (_, label: string, names: string) => `${label} ${names.split(' ').sort().join(' ')}`);

  it('docker version: same Server section', async () => {
    const real = await runRealDocker(socket, ['version']);
    expect(real.exitCode, real.stderr).toBe(0);
    const ours = await docker(['version'], engine);
    expect(ours.exitCode).toBe(0);
    expect(serverSection(ours.stdout)).toBe(serverSection(real.stdout));
    expect(ours.stdout).toContain('Server: Layerlab Engine');
  });

  it('docker info: same Server section', async () => {
    const real = await runRealDocker(socket, ['info']);
    expect(real.exitCode, real.stderr).toBe(0);
    const ours = await docker(['info'], engine);
    expect(ours.exitCode).toBe(0);
    expect(serverSection(ours.stdout)).toBe(serverSection(real.stdout));
    expect(ours.stderr).toBe(real.stderr);
  });
});
