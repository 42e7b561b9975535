/** Health checks: HEALTHCHECK and --health-* on the engine's timers, State.Health, ps STATUS. */
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { docker } from '../helpers/run-docker.ts';

function engine() {
  const deps = testDeps();
  return { api: createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi, timers: deps.timers };
}

const status = async (api: EngineApi) => (await docker(['ps', '-a', '--format', '{{.Status}}'], api)).stdout;

describe('health checks', () => {
  it('starting, then healthy after the first passing check; the log keeps the output', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'app', '--health-cmd', 'echo ok', '--health-interval', '5s', 'busybox', 'sleep', '1000'], api);
    expect(await status(api)).toBe('Up Less than a second (health: starting)\n');
    await timers.advance(5000);
    expect(await status(api)).toBe('Up 5 seconds (healthy)\n');
    const health = JSON.parse((await docker(['inspect', '-f', '{{json .State.Health}}', 'app'], api)).stdout);
    expect(health.Status).toBe('healthy');
    expect(health.FailingStreak).toBe(0);
    expect(health.Log[0]).toMatchObject({ ExitCode: 0, Output: 'ok\n' });
    const cfg = JSON.parse((await docker(['inspect', '-f', '{{json .Config.Healthcheck}}', 'app'], api)).stdout);
    // Zero durations are left out (omitempty), as docker inspect shows them.
    expect(cfg).toEqual({ Test: ['CMD-SHELL', 'echo ok'], Interval: 5_000_000_000 });
  });

  it('unhealthy after --health-retries failures in a row, healthy again once a check passes', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'sick', '--health-cmd', 'test -f /ready', '--health-interval', '1s', '--health-retries', '2', 'busybox', 'sleep', '1000'], api);
    await timers.advance(1000);
    expect(await status(api)).toBe('Up 1 second (health: starting)\n');
    await timers.advance(1000);
    expect(await status(api)).toBe('Up 2 seconds (unhealthy)\n');
    await docker(['exec', 'sick', 'touch', '/ready'], api);
    await timers.advance(1000);
    expect(await status(api)).toBe('Up 3 seconds (healthy)\n');
  });

  it('--no-healthcheck disables it; stop ends the checks', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'quiet', '--no-healthcheck', 'busybox', 'sleep', '1000'], api);
    await timers.advance(60_000);
    expect(await status(api)).toBe('Up About a minute\n');
    expect((await docker(['inspect', '-f', '{{json .Config.Healthcheck}}', 'quiet'], api)).stdout).toBe('{"Test":["NONE"]}\n');
  });
});

describe('health check timeouts', () => {
  it('a check that outlives --health-timeout is killed and fails with docker\'s message', async () => {
    const { api, timers } = engine();
    await docker(['run', '-d', '--name', 'slow', '--health-cmd', 'sleep 60', '--health-interval', '2s', '--health-timeout', '1s', '--health-retries', '1', 'busybox', 'sleep', '1000'], api);
    await timers.advance(3000);
    const health = JSON.parse((await docker(['inspect', '-f', '{{json .State.Health}}', 'slow'], api)).stdout);
    expect(health.Status).toBe('unhealthy');
    expect(health.Log[0]).toMatchObject({ ExitCode: -1, Output: 'Health check exceeded timeout (1s)' });
    // The killed check is gone from the container's processes.
    expect((await docker(['top', 'slow'], api)).stdout.split('\n').filter((l) => l.includes('sleep 60'))).toEqual([]);
  });
});
