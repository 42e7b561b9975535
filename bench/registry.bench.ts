/**
 * Registry benchmarks: push and pull of a 3-layer image (3 × 256 kB of
 * incompressible data) with Layerlab's client, against the in-engine
 * registry (a function call per request) and against Debian's docker-registry
 * (Distribution 2.8) over loopback HTTP. Each run pushes to a new repository
 * and pulls into an empty store, so nothing is skipped as already present.
 * The ratios say how much of a real push/pull's cost the simulation keeps
 * (hashing and verification are the same work on both sides).
 */
import { SeededRng } from '../src/engine/deps.ts';
import { MemoryImageStore, RegistryClient, RegistryServer, httpTransport, inEngineTransport } from '../src/engine/registry/index.ts';
import type { Transport } from '../src/engine/registry/index.ts';
import { distributionAvailable, startDistribution } from '../test/oracle/registry-distribution.ts';
import { makeImage, storeWith } from '../test/unit/registry-fixture.ts';
import type { FixtureImage } from '../test/unit/registry-fixture.ts';
import type { BenchResult } from './types.ts';
import { median, timeRuns } from './types.ts';

const RUNS = 9;

async function measure(host: string, transport: Transport, image: FixtureImage): Promise<{ push: number; pull: number }> {
  const client = new RegistryClient({ transport });
  let n = 0;
  const push = await timeRuns(RUNS, async () => {
    const ref = `${host}/bench/push${n++}:latest`;
    await client.push(ref, storeWith(image, ref));
  });
  const source = `${host}/bench/source:latest`;
  await client.push(source, storeWith(image, source));
  const pull = await timeRuns(RUNS, () => client.pull(source, new MemoryImageStore()));
  return { push: median(push), pull: median(pull) };
}

export default async function registryBench(): Promise<BenchResult[]> {
  const image = await makeImage({ seed: 'bench', layerCount: 3, fileSize: 256 * 1024 });
  const server = new RegistryServer({ rng: new SeededRng(5) });
  const engine = await measure('localhost:5000', inEngineTransport(new Map([['localhost:5000', server]])), image);
  const out: BenchResult[] = [
    { name: 'registry: push 3-layer image (768 kB), in-engine', value: round(engine.push), unit: 'ms' },
    { name: 'registry: pull 3-layer image (768 kB), in-engine', value: round(engine.pull), unit: 'ms' },
  ];
  if (!distributionAvailable().ok) {
    out.push({ name: 'registry: real registry comparison', value: 0, unit: 'skipped', note: 'docker-registry not installed' });
    return out;
  }
  const real = await startDistribution();
  try {
    const theirs = await measure(real.host, httpTransport(fetch), image);
    out.push(
      { name: 'registry: push 3-layer image, Distribution over loopback HTTP', value: round(theirs.push), unit: 'ms' },
      { name: 'registry: pull 3-layer image, Distribution over loopback HTTP', value: round(theirs.pull), unit: 'ms' },
      { name: 'registry: push time ratio in-engine / real', value: round(engine.push / theirs.push), unit: '×', note: 'below 1: the simulation is faster' },
      { name: 'registry: pull time ratio in-engine / real', value: round(engine.pull / theirs.pull), unit: '×', note: 'below 1: the simulation is faster' },
    );
  } finally {
    await real.stop();
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
