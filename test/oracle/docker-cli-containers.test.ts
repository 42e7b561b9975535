/**
 * Oracle: the real docker CLI renders Layerlab's containers from our Engine
 * API answers (`layerlab serve` routes, in process); our own CLI must print
 * the same for the same engine state. Columns computed from the client's
 * wall clock (CREATED) are left out: the engine runs on a test clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { EngineSockets, haveDockerCli, runRealDocker } from '../helpers/real-docker.ts';
import { docker } from '../helpers/run-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');

describe.runIf(enabled)('real docker CLI against Layerlab containers', () => {
  const deps = testDeps(7);
  const engine = createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi;
  const sockets = new EngineSockets();
  let socket = '';
  const realDocker = (...argv: string[]) => runRealDocker(socket, argv);

  beforeAll(async () => {
    socket = await sockets.serve(engine);
    await docker(['run', '--name', 'done', '-l', 'tier=db', 'busybox', 'sh', '-c', 'echo out; echo err >&2; echo data > /data; exit 3'], engine);
    await docker(['run', '-d', '--name', 'web', '-e', 'A=1', '-w', '/srv', 'busybox', 'sh', '-c', 'echo started; while :; do sleep 1; done'], engine);
    await docker(['create', '--name', 'fresh', '--restart', 'on-failure:2', 'busybox', 'echo', 'hi there'], engine);
    await deps.timers.advance(5_000);
  });
  afterAll(() => sockets.closeAll());

  const same = async (...argv: string[]) => {
    const real = await realDocker(...argv);
    const ours = await docker(argv, engine);
    expect(ours, `docker ${argv.join(' ')}`).toEqual(real);
  };

  const table = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
  it('ps, ps -a, -q, --no-trunc, -n, filters, -s', async () => {
    await same('ps', '--format', table);
    await same('ps', '-a', '--format', table);
    await same('ps', '-aq');
    await same('ps', '-a', '--no-trunc', '--format', table);
    await same('ps', '-n', '2', '--format', table);
    await same('ps', '-a', '--filter', 'status=exited', '--format', table);
    await same('ps', '-a', '--filter', 'label=tier', '--format', '{{.Names}} {{.Labels}} {{.State}}');
    await same('ps', '-a', '--filter', 'name=we', '-q');
    await same('ps', '-a', '-s', '--format', 'table {{.Names}}\t{{.Size}}');
  });

  it('logs, diff, top, wait', async () => {
    await same('logs', 'done');
    await same('logs', '-t', 'done');
    await same('logs', '--tail', '1', 'web');
    await same('diff', 'done');
    await same('top', 'web');
    await same('wait', 'done');
  });

  it('inspect formats', async () => {
    await same('inspect', '-f', '{{.State.Status}} {{.State.ExitCode}} {{.Config.WorkingDir}} {{json .Config.Env}}', 'web', 'done');
    await same('inspect', '-f', '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}} {{.Path}} {{json .Args}}', 'fresh');
    await same('inspect', '-f', '{{.GraphDriver.Name}} {{.NetworkSettings.IPAddress}} {{.Name}}', 'web');
  });

  it('inspect JSON', async () => {
    await same('inspect', 'web');
    await same('container', 'inspect', 'done', 'fresh');
  });

  it('errors', async () => {
    await same('logs', 'nope');
    await same('rm', 'web');
    await same('kill', 'done');
    await same('stop', 'nope');
    await same('start', 'nope');
  });
});
