/**
 * Container runtime benchmarks (issue 7, report only):
 * - engine time of `docker run --rm busybox echo hi` through the CLI and
 *   EngineApi in one process (goal ≤ 2 ms): create (union mount over the
 *   shared image chain), attach, start (PID namespace, /etc files, PID 1),
 *   wait, remove;
 * - 1,000 containers from one image running at once (`sleep 3600` as PID 1):
 *   heap growth after GC, and the time to start them all.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runDocker } from '../src/cli/index.ts';
import { createEngine, testDeps } from '../src/engine/index.ts';
import type { BenchResult } from './types.ts';
import { median, timeRuns } from './types.ts';

function getGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

const sink = { write: () => {} };

export default async function runtimeBench(): Promise<BenchResult[]> {
  const api = createEngine({ ...testDeps(), preloadImages: ['busybox'] });
  const run = (argv: string[]) => runDocker(argv, { api, stdout: sink, stderr: sink });
  // The first run makes the busybox image; every later one reuses its chain.
  await run(['run', '--rm', 'busybox', 'true']);
  const echo = median(await timeRuns(200, () => run(['run', '--rm', 'busybox', 'echo', 'hi']), 20));

  const gc = getGc();
  const many = createEngine({ ...testDeps(), preloadImages: ['busybox'] });
  await many.containerCreate({ Image: 'busybox', Cmd: ['true'] });
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const { Id } = await many.containerCreate({ Image: 'busybox', Cmd: ['sleep', '3600'] });
    await many.containerStart(Id);
    ids.push(Id);
  }
  const startAll = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 50));
  gc?.();
  const growth = (process.memoryUsage().heapUsed - before) / 1e6;
  const running = (await many.containerList()).length;
  return [
    { name: 'runtime: docker run --rm busybox echo hi', value: Number(echo.toFixed(3)), unit: 'ms', note: 'median engine+CLI time in Node; goal ≤ 2 ms' },
    { name: 'runtime: 1,000 running containers from one image, heap growth', value: Number(growth.toFixed(1)), unit: 'MB', note: `${running} running; ${gc ? 'after GC' : 'no GC available'}` },
    { name: 'runtime: start 1,000 containers', value: Number(startAll.toFixed(0)), unit: 'ms', note: 'create + start each, sequentially' },
  ];
}
