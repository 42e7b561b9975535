/**
 * Oracle: the real docker CLI and ours render the same engine state for
 * `docker stats --no-stream`, `docker system df`, `docker events` (with
 * absolute --since/--until: the real CLI resolves relative times with the
 * machine's clock), volumes and networks over the Engine API, `docker
 * system prune`, and `docker import` of an exported container.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { runDocker } from '../../src/cli/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { hostFiles } from '../../src/node/host-files.ts';
import { EngineSockets, haveDockerCli, runRealDocker, type CliResult } from '../helpers/real-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');

describe.runIf(enabled)('real docker CLI and ours: stats, df, events, volumes, networks, prune', () => {
  const deps = testDeps(5);
  const engine = createEngine({ ...deps, preloadImages: ['busybox'] }) as EngineApi;
  const sockets = new EngineSockets();
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-usage-'));
  let socket = '';

  const ours = async (argv: readonly string[]): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const exitCode = await runDocker(argv, { api: engine, files: hostFiles, stdout: { write: (s) => void (stdout += s) }, stderr: { write: (s) => void (stderr += s) } });
    return { stdout, stderr, exitCode };
  };
  const same = async (...argv: string[]) => {
    const real = await runRealDocker(socket, argv);
    expect(await ours(argv), `docker ${argv.join(' ')}`).toEqual(real);
    return real;
  };

  beforeAll(async () => {
    socket = await sockets.serve(engine);
    await ours(['volume', 'create', 'data']);
    await ours(['network', 'create', 'backend']);
    await ours(['run', '-d', '--name', 'web', '-v', 'data:/data', '--network', 'backend', '-l', 'tier=web', 'busybox', 'sh', '-c', 'echo hi > /data/x; while :; do sleep 1; done']);
    await ours(['run', '--name', 'once', 'busybox', 'sh', '-c', 'echo bye > /tmp/bye']);
    await deps.timers.advance(2_000);
  });
  afterAll(async () => {
    await sockets.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stats --no-stream, system df', async () => {
    const stats = await same('stats', '--no-stream');
    expect(stats.stdout).toMatch(/web +0\.00% +[\d.]+[KM]iB \/ 4GiB/);
    await same('stats', '--no-stream', '-a', '--format', '{{.Name}} {{.PIDs}} {{.NetIO}}');
    await same('system', 'df');
    await same('system', 'df', '--format', '{{json .}}');
  });

  it('events between two absolute times, with filters and templates', async () => {
    const until = String(Math.floor((await engine.now()) / 1000));
    await same('events', '--since', '1', '--until', until);
    await same('events', '--since', '1', '--until', until, '--filter', 'event=die', '--format', '{{.Actor.Attributes.name}} {{.Actor.Attributes.exitCode}}');
    await same('events', '--since', '1', '--until', until, '--filter', 'label=tier=web', '--format', '{{json .}}');
    await same('events', '--since', '1', '--until', until, '--filter', 'type=volume');
  });

  it('volumes and networks over the Engine API', async () => {
    await same('volume', 'ls');
    await same('volume', 'inspect', 'data');
    await same('network', 'ls');
    await same('network', 'inspect', 'backend', '--format', '{{.Name}} {{.Driver}} {{len .Containers}}');
    const created = await runRealDocker(socket, ['volume', 'create', 'spare']);
    expect(created).toEqual({ stdout: 'spare\n', stderr: '', exitCode: 0 });
    expect((await runRealDocker(socket, ['network', 'create', 'front'])).exitCode).toBe(0);
    expect(await runRealDocker(socket, ['network', 'connect', 'front', 'web'])).toMatchObject({ exitCode: 0 });
    await same('inspect', '-f', '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}', 'web');
    expect(await runRealDocker(socket, ['network', 'disconnect', 'front', 'web'])).toMatchObject({ exitCode: 0 });
    expect(await runRealDocker(socket, ['volume', 'rm', 'spare'])).toEqual({ stdout: 'spare\n', stderr: '', exitCode: 0 });
    await same('volume', 'rm', 'data');
  });

  it('export | import round trip and system prune', async () => {
    expect((await ours(['export', '-o', join(dir, 'once.tar'), 'once'])).exitCode).toBe(0);
    const imported = await ours(['import', '-c', 'CMD ["cat", "/tmp/bye"]', '-m', 'from once', join(dir, 'once.tar'), 'once:img']);
    expect(imported.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    await same('history', '--format', '{{.CreatedBy}}|{{.Size}}|{{.Comment}}', 'once:img');
    const run = await runRealDocker(socket, ['run', '--rm', 'once:img']);
    expect(run).toEqual({ stdout: 'bye\n', stderr: '', exitCode: 0 });
    // The real CLI prunes; ours then finds nothing left to prune.
    const pruned = await runRealDocker(socket, ['system', 'prune', '-f']);
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain('Deleted Containers:\n');
    expect(pruned.stdout).toContain('Deleted Networks:\nfront\n');
    expect(await ours(['system', 'prune', '-f'])).toEqual({ stdout: 'Total reclaimed space: 0B\n', stderr: '', exitCode: 0 });
    await same('ps', '-a', '--format', '{{.Names}} {{.Status}}');
  });
});
