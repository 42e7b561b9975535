/** issue 8: the learner's own registry — `docker run -d -p 5000:5000 registry:2`, then tag, push, pull. */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

describe('a registry:2 container', () => {
  it('serves localhost:5000 while it runs; stopped, pushes fail with a refused connection', async () => {
    const deps = testDeps();
    const api = createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi;
    const run = await docker(['run', '-d', '--name', 'registry', '-p', '5000:5000', 'registry:2'], api);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("Unable to find image 'registry:2' locally");
    // The entrypoint script execs `registry serve`, which then listens: a moment, as with the real image.
    await deps.timers.advance(100);
    expect((await docker(['ps', '--format', '{{.Image}} {{.Ports}}'], api)).stdout).toBe('registry:2 0.0.0.0:5000->5000/tcp, [::]:5000->5000/tcp\n');
    await docker(['tag', 'busybox', 'localhost:5000/bb'], api);
    const push = await docker(['push', 'localhost:5000/bb'], api);
    expect(push).toMatchObject({ exitCode: 0, stderr: '' });
    expect(push.stdout).toContain('The push refers to repository [localhost:5000/bb]');
    expect(push.stdout).toMatch(/latest: digest: sha256:[0-9a-f]{64} size: \d+/);
    await docker(['rmi', 'localhost:5000/bb'], api);
    const pull = await docker(['pull', 'localhost:5000/bb'], api);
    expect(pull.exitCode).toBe(0);
    expect(pull.stdout).toContain('localhost:5000/bb:latest');
    // Inside the network the registry answers the API root.
    expect((await docker(['run', '--rm', 'busybox', 'wget', '-qO-', 'http://172.17.0.2:5000/v2/'], api)).stdout).toBe('{}');
    await docker(['stop', 'registry'], api);
    const refused = await docker(['push', 'localhost:5000/bb'], api);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('connect: connection refused');
    // Started again, the registry still has the repository (its data lives with the container).
    await docker(['start', 'registry'], api);
    await deps.timers.advance(100);
    await docker(['rmi', 'localhost:5000/bb'], api);
    expect((await docker(['pull', 'localhost:5000/bb'], api)).exitCode).toBe(0);
  });
});

describe('docker pull --all-tags', () => {
  it('pulls every tag of a repository, one Status line at the end, the repository named bare', async () => {
    const deps = testDeps();
    const api = createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi;
    await docker(['run', '-d', '--name', 'registry', '-p', '5000:5000', 'registry:2'], api);
    await deps.timers.advance(100);
    await docker(['tag', 'busybox', 'localhost:5000/bb:1'], api);
    await docker(['tag', 'busybox', 'localhost:5000/bb:2'], api);
    await docker(['push', '-a', 'localhost:5000/bb'], api);
    await docker(['rmi', 'localhost:5000/bb:1', 'localhost:5000/bb:2'], api);
    const r = await docker(['pull', '-a', 'localhost:5000/bb'], api);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('1: Pulling from bb');
    expect(lines.filter((l) => l.endsWith(': Pulling from bb'))).toEqual(['1: Pulling from bb', '2: Pulling from bb']);
    expect(lines.filter((l) => l.startsWith('Status: '))).toEqual(['Status: Downloaded newer image for localhost:5000/bb']);
    expect(lines.at(-1)).toBe('localhost:5000/bb');
    expect((await docker(['images', 'localhost:5000/bb', '--format', '{{.Tag}}'], api)).stdout.split('\n').filter(Boolean).sort()).toEqual(['1', '2']);
    expect(await docker(['pull', '-a', 'busybox:latest'], api)).toEqual({ stdout: '', stderr: "tag can't be used with --all-tags/-a\n", exitCode: 1 });
  });

  it('an official image: every tag the simulated Hub has', async () => {
    const api = createEngine(testDeps()) as EngineApi;
    const r = await docker(['pull', '-a', 'busybox'], api);
    expect(r.exitCode).toBe(0);
    const pulled = r.stdout.split('\n').filter((l) => l.endsWith(': Pulling from library/busybox')).map((l) => l.split(':')[0]);
    const tags = (await docker(['images', 'busybox', '--format', '{{.Tag}}'], api)).stdout.split('\n').filter(Boolean).sort();
    expect(pulled.slice().sort()).toEqual(tags);
    expect(tags).toContain('latest');
    expect(r.stdout.endsWith('Status: Downloaded newer image for busybox\ndocker.io/library/busybox\n')).toBe(true);
  });
});
