/** Containers survive exportState/importState: records, logs, upper dirs; running ones start again. */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { openState } from '../../src/engine/state.ts';
import { docker } from '../helpers/run-docker.ts';

describe('containers in engine state', () => {
  it('round-trips stopped and running containers with their writable layers and logs', async () => {
    const deps = testDeps();
    const a = createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi;
    await docker(['run', '--name', 'once', 'busybox', 'sh', '-c', 'echo made > /made; rm /etc/group; echo bye'], a);
    await docker(['run', '-d', '--name', 'web', 'busybox', 'sh', '-c', 'while :; do sleep 1; done'], a);
    await deps.timers.advance(3_000);
    const doc = await a.exportState();

    const b = createEngine({ ...testDeps(), state: await openState(doc) }) as EngineApi;
    expect((await docker(['ps', '-a', '--format', '{{.Names}} {{.State}}'], b)).stdout).toBe('web running\nonce exited\n');
    expect((await docker(['diff', 'once'], b)).stdout).toBe('C /etc\nD /etc/group\nA /made\n');
    expect((await docker(['logs', 'once'], b)).stdout).toBe('bye\n');
    expect((await docker(['start', '-a', 'once'], b)).stdout).toBe('bye\n');
    expect((await docker(['exec', 'web', 'ls', '/etc/hosts'], b)).stdout).toBe('/etc/hosts\n');
    expect((await docker(['rm', '-f', 'web'], b)).exitCode).toBe(0);
  });
});
