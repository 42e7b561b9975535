/**
 * Oracle: the real docker CLI renders Layerlab's image API answers (served
 * by `layerlab serve`'s routes), and our CLI must print exactly the same for
 * the same engine state: tables, --digests/-a/-q/--format, history in every
 * mode, image inspect JSON, rmi and prune reports, and daemon errors.
 * Mutating commands run on twin engines (same seed, same clock) so each CLI
 * sees the same state.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/api/index.ts';
import { ManualClock, SeededRng } from '../../src/engine/deps.ts';
import { createEngine } from '../../src/engine/index.ts';
import { EngineSockets, haveDockerCli, runRealDocker } from '../helpers/real-docker.ts';
import { docker } from '../helpers/run-docker.ts';
import { requireOracle } from '../helpers/shared.ts';

const enabled = requireOracle('docker CLI', haveDockerCli(), 'install docker.io (client only is enough)');

/** The real client reads the wall clock for CREATED; the engines use the same instant. */
const NOW = Date.now();

async function twin(): Promise<EngineApi> {
  const api = createEngine({ clock: new ManualClock(NOW), rng: new SeededRng(7), schedule: (fn) => queueMicrotask(fn), preloadImages: ['busybox', 'alpine', 'hello-world', 'ubuntu', 'nginx'] });
  await api.imageTag('alpine', 'localhost:5000/team/app:v1');
  await api.imageTag('busybox', 'old:1');
  await api.imageTag('alpine', 'old:1');
  return api;
}

describe.runIf(enabled)('real docker CLI vs Layerlab CLI on the same image store', () => {
  const sockets = new EngineSockets();
  const serve = (api: EngineApi) => sockets.serve(api);
  const real = (socket: string, argv: string[]) => runRealDocker(socket, argv);

  /** Runs argv with the real CLI against one twin and ours against the other. */
  async function compare(argv: string[]) {
    const [a, b] = [await twin(), await twin()];
    const theirs = await real(await serve(a), argv);
    const ours = await docker(argv, b);
    return { theirs, ours };
  }

  afterAll(() => sockets.closeAll());

  const cases: string[][] = [
    ['images'],
    ['images', '-a'],
    ['images', '--digests'],
    ['images', '-q'],
    ['images', '--no-trunc'],
    ['images', '--filter', 'dangling=true'],
    ['images', '--filter', 'reference=old'],
    ['images', 'alpine'],
    ['images', '--format', 'json'],
    ['images', '--format', 'table {{.Repository}}\t{{.Tag}}\t{{.Size}}\t{{.CreatedAt}}'],
    ['history', 'busybox'],
    ['history', 'nginx'],
    ['history', '--no-trunc', 'ubuntu'],
    ['history', '-H=false', 'nginx'],
    ['history', '-q', 'nginx'],
    ['history', '--format', 'json', 'hello-world'],
    ['history', 'nope'],
    ['image', 'inspect', 'busybox'],
    ['image', 'inspect', 'nginx', 'localhost:5000/team/app:v1'],
    ['image', 'inspect', '--format', '{{.Id}} {{.Config.Cmd}} {{.Size}}', 'nginx'],
    ['image', 'inspect', 'nope'],
    ['tag', 'busybox', 'fresh:1'],
    ['tag', 'nope', 'fresh:1'],
    ['rmi', 'old:1'],
    ['rmi', 'alpine'],
    ['rmi', 'busybox', 'hello-world'],
    ['rmi', 'nope'],
    ['image', 'prune', '-f'],
    ['image', 'prune', '-a', '-f'],
  ];

  /**
   * docker/cli groups an image's tags in a Go map, so the rows of one
   * multi-tagged image come in random order: list output is compared with
   * its lines sorted (the header stays first).
   */
  const unordered = (out: string) => {
    const [head, ...rest] = out.split('\n');
    return [head, ...rest.sort()].join('\n');
  };

  for (const argv of cases) {
    it(`docker ${argv.join(' ')}`, async () => {
      const { theirs, ours } = await compare(argv);
      if (argv[0] === 'images') {
        expect({ ...ours, stdout: unordered(ours.stdout) }).toEqual({ ...theirs, stdout: unordered(theirs.stdout) });
      } else expect(ours).toEqual(theirs);
    });
  }
});
