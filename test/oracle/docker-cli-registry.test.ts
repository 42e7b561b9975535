/**
 * Oracle: the real docker CLI talks to `layerlab serve` (the registry routes
 * over EngineApi) and our CLI to a twin engine; both must print the same
 * for pull (fresh, up to date, denied), push (unauthorized, pushed after
 * login, denied in someone else's namespace), search and a run that pulls.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { createEngine, testDeps } from '../../src/engine/index.ts';
import { createEngineApiServer, listen } from '../../src/node/engine-api-server.ts';
import { docker } from '../helpers/run-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const hasDocker = spawnSync('docker', ['--version']).status === 0;
const enabled = requireOracle('docker CLI', hasDocker, 'install docker.io (client only is enough)');

describe.runIf(enabled)('real docker CLI vs Layerlab CLI: pull, push, search, login', () => {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-reg-sock-'));
  const closers: (() => Promise<void>)[] = [];

  /** Two engines with the same seed: one served to the real CLI, one for ours. */
  async function twins(): Promise<{ real: (argv: string[]) => Promise<Result>; ours: (argv: string[]) => Promise<Result>; apis: EngineApi[] }> {
    const [a, b] = [createEngine(testDeps(3)), createEngine(testDeps(3))];
    const server = createEngineApiServer(a);
    const socket = join(dir, `d${closers.length}.sock`);
    await listen(server, { socket });
    closers.push(() => new Promise<void>((r) => server.close(() => r())));
    const home = mkdtempSync(join(dir, 'home-'));
    const real = async (argv: string[]): Promise<Result> => {
      const env = { PATH: process.env.PATH, HOME: home, DOCKER_HOST: `unix://${socket}`, TZ: 'UTC' };
      try {
        const r = await promisify(execFile)('docker', argv, { encoding: 'utf8', env, timeout: 30_000 });
        return { stdout: r.stdout, stderr: r.stderr, exitCode: 0 };
      } catch (err) {
        const e = err as { code?: number; stdout?: string; stderr?: string };
        return { stdout: e.stdout ?? '', stderr: e.stderr ?? String(err), exitCode: e.code ?? 1 };
      }
    };
    return { real, ours: (argv) => docker(argv, b), apis: [a, b] };
  }

  interface Result {
    stdout: string;
    stderr: string;
    exitCode: number;
  }

  afterAll(async () => {
    for (const close of closers) await close();
    rmSync(dir, { recursive: true, force: true });
  });

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
