/**
 * Oracle: the real docker CLI talks to `layerlab serve` (the registry routes
 * over EngineApi) and our CLI to a twin engine; both must print the same
 * for pull (fresh, up to date, denied), push (unauthorized, pushed after
 * login, denied in someone else's namespace), search and a run that pulls.
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { EngineSockets, haveDockerCli, runRealDocker } from '../helpers/real-docker.ts';
import { docker } from '../helpers/run-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');

describe.runIf(enabled)('real docker CLI vs Layerlab CLI: pull, push, search, login', () => {
  const sockets = new EngineSockets();

  /** Two engines with the same seed: one served to the real CLI, one for ours. */
  async function twins(): Promise<{ real: (argv: string[]) => Promise<Result>; ours: (argv: string[]) => Promise<Result>; apis: EngineApi[] }> {
    const [a, b] = [createEngine(testDeps(3)), createEngine(testDeps(3))];
    const socket = await sockets.serve(a);
    const home = mkdtempSync(join(sockets.dir, 'home-'));
    const real = (argv: string[]): Promise<Result> => runRealDocker(socket, argv, home);
    return { real, ours: (argv) => docker(argv, b), apis: [a, b] };
  }

  interface Result {
    stdout: string;
    stderr: string;
    exitCode: number;
  }

  afterAll(() => sockets.closeAll());

  it('pull: fresh, up to date, by digest, and a repository that does not exist', async () => {
    const { real, ours, apis } = await twins();
    for (const argv of [['pull', 'busybox'], ['pull', 'busybox'], ['pull', 'nope'], ['pull', '-q', 'alpine:latest']]) {
      const theirs = await real(argv);
      if (process.env.ORACLE_DEBUG) console.log(argv, theirs);
      expect(await ours(argv), argv.join(' ')).toEqual(theirs);
    }
    const digest = (await apis[1]!.imageInspect('busybox')).RepoDigests[0]!;
    const argv = ['pull', digest];
    expect(await ours(argv)).toEqual(await real(argv));
  });

  it('push: unauthorized without login, pushed after login, denied in another namespace', async () => {
    const { real, ours, apis } = await twins();
    for (const api of apis) {
      await api.imagePull('busybox');
      await api.imageTag('busybox', 'alice/tools');
      await api.imageTag('busybox', 'bob/tools:v1');
    }
    const theirs = await real(['push', 'alice/tools']);
    expect(theirs.exitCode).toBe(1);
    expect(await ours(['push', 'alice/tools'])).toEqual(theirs);
    // Login prints the config path, which differs (the real CLI's temporary HOME): compared without stderr.
    const login = ['login', '-u', 'alice', '-p', 'pw'];
    const [rl, ol] = [await real(login), await ours(login)];
    expect([ol.stdout, ol.exitCode]).toEqual([rl.stdout, rl.exitCode]);
    for (const argv of [['push', 'alice/tools'], ['push', 'alice/tools:latest'], ['push', 'bob/tools:v1'], ['search', 'alice']]) {
      const r = await real(argv);
      if (process.env.ORACLE_DEBUG) console.log(argv, r);
      expect(await ours(argv), argv.join(' ')).toEqual(r);
    }
  });

  it('search with --filter, --limit, --no-trunc and --format', async () => {
    const { real, ours } = await twins();
    for (const argv of [
      ['search', 'busybox'],
      ['search', '--no-trunc', 'linux'],
      ['search', '--filter', 'is-official=true', '--limit', '2', 'linux'],
      ['search', '-f', 'stars=5000', '--format', '{{.Name}} {{.StarCount}} {{.IsOfficial}}', 'a'],
    ]) {
      expect(await ours(argv), argv.join(' ')).toEqual(await real(argv));
    }
  });
});
