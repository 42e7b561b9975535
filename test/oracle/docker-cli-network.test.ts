/**
 * Oracle: the real docker CLI renders Layerlab's networks, volumes and
 * published ports from our Engine API answers; our CLI must print the same.
 * The real CLI also creates containers with -p/-P/-v/--network/--health-cmd
 * through the server, so what it sends is checked to mean the same to the
 * engine as what ours sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { EngineSockets, haveDockerCli, runRealDocker } from '../helpers/real-docker.ts';
import { docker } from '../helpers/run-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');

describe.runIf(enabled)('real docker CLI against Layerlab networks, volumes and ports', () => {
  const deps = testDeps(11);
  const engine = createEngine({ ...deps, preloadImages: ['busybox', 'nginx'] }) as EngineApi;
  const sockets = new EngineSockets();
  let socket = '';
  const realDocker = (...argv: string[]) => runRealDocker(socket, argv);

  beforeAll(async () => {
    socket = await sockets.serve(engine);
    await docker(['network', 'create', 'app'], engine);
    await docker(['volume', 'create', 'data'], engine);
    await docker(['run', '-d', '--name', 'web', '--network', 'app', '-p', '8080:80', '-p', '127.0.0.1:8443:443', '-v', 'data:/data', 'nginx'], engine);
    // The real CLI's own create requests: ranges, -P, an anonymous volume, a health check.
    const real = await realDocker('run', '-d', '--name', 'ranged', '-p', '9000-9001:7000-7001', '-P', '--expose', '5000', '-v', '/cache', '--health-cmd', 'true', 'busybox', 'sleep', '1000');
    expect(real.exitCode, real.stderr).toBe(0);
    await deps.timers.advance(5_000);
  });
  afterAll(() => sockets.closeAll());

  const same = async (...argv: string[]) => {
    const real = await realDocker(...argv);
    const ours = await docker(argv, engine);
    expect(ours, `docker ${argv.join(' ')}`).toEqual(real);
  };

  it('ps PORTS, docker port', async () => {
    await same('ps', '--format', 'table {{.Names}}\t{{.Ports}}\t{{.Status}}');
    await same('ps', '--format', '{{.Names}} {{.Networks}} {{.LocalVolumes}}');
    await same('port', 'web');
    await same('port', 'web', '80');
    await same('port', 'web', '443/tcp');
    await same('port', 'ranged');
    await same('port', 'web', '81');
  });

  it('inspect: ports, mounts, networks, health', async () => {
    await same('inspect', '-f', '{{json .NetworkSettings.Ports}}', 'web', 'ranged');
    await same('inspect', '-f', '{{json .HostConfig.PortBindings}} {{.HostConfig.PublishAllPorts}}', 'ranged');
    await same('inspect', '-f', '{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}} {{.Mode}}{{end}}', 'web');
    await same('inspect', '-f', '{{json .Config.Healthcheck}} {{.State.Health.Status}}', 'ranged');
    await same('inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.DNSNames}}{{end}}', 'web');
  });

  it('network and volume commands', async () => {
    await same('network', 'ls');
    await same('network', 'ls', '-q', '--filter', 'driver=bridge');
    await same('network', 'inspect', 'app');
    await same('network', 'inspect', '-f', '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}', 'app');
    await same('volume', 'ls', '--filter', 'dangling=false');
    await same('volume', 'inspect', 'data');
    await same('network', 'rm', 'app');
    await same('volume', 'rm', 'data');
    await same('network', 'inspect', 'nope');
  });

  it('errors: a volume in use, a duplicate network, connect and disconnect conflicts, aliases on the default bridge, bind mounts', async () => {
    await docker(['network', 'create', 'errs'], engine);
    await docker(['volume', 'create', 'held'], engine);
    await docker(['create', '--name', 'holder', '--network', 'errs', '-v', 'held:/held', 'busybox'], engine);
    await same('volume', 'rm', 'held');
    await same('network', 'create', 'errs');
    await same('network', 'connect', 'errs', 'holder');
    await same('network', 'disconnect', 'bridge', 'holder');
    await same('run', '--rm', '--network-alias', 'x', 'busybox', 'true');
    await same('create', '-v', '/host:/x', 'busybox');
    for (const argv of [['rm', 'holder'], ['network', 'rm', 'errs'], ['volume', 'rm', 'held']]) await docker(argv, engine);
  });

  it('prunes (each side prunes what it just created)', async () => {
    for (const argv of [['network', 'prune', '-f'], ['volume', 'prune', '-af']]) {
      const create = argv[0] === 'network' ? ['network', 'create', 'spare'] : ['volume', 'create', 'spare'];
      await docker(create, engine);
      const real = await realDocker(...argv);
      await docker(create, engine);
      expect(await docker(argv, engine), `docker ${argv.join(' ')}`).toEqual(real);
    }
  });
});

describe.runIf(enabled)('real docker CLI: pull --all-tags through layerlab serve', () => {
  it('prints what ours prints for docker pull -a', async () => {
    const sockets = new EngineSockets();
    const realEngine = createEngine(testDeps(3)) as EngineApi;
    const ourEngine = createEngine(testDeps(3)) as EngineApi;
    const socket = await sockets.serve(realEngine);
    try {
      const real = await runRealDocker(socket, ['pull', '-a', 'hello-world']);
      const ours = await docker(['pull', '-a', 'hello-world'], ourEngine);
      expect(ours).toEqual(real);
      expect(real.stdout).toContain('Status: Downloaded newer image for hello-world');
    } finally {
      await sockets.closeAll();
    }
  });
});
