/**
 * App figures measured in Debian Chromium on the production build: initial JS
 * (gzipped bytes of what index.html loads before any lazy chunk), time until
 * the terminal takes input, and the worker round-trip latency.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumPath, distDir, ensureBuilt, launchChromium, serveDist } from '../test/e2e/harness.ts';
import { median, type BenchResult } from './types.ts';

/** Scripts and modulepreloads referenced by dist/index.html, gzipped (zlib level 9, as size reports use). */
function initialJsGzipBytes(): { gzip: number; raw: number; files: string[] } {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  let gzip = 0;
  let raw = 0;
  for (const f of files) {
    const bytes = readFileSync(join(distDir, f));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { gzip, raw, files };
}

export default async function appBench(): Promise<BenchResult[]> {
  ensureBuilt();
  const js = initialJsGzipBytes();
  const results: BenchResult[] = [
    { name: 'app.initialJs.gzip', value: js.gzip, unit: 'bytes', note: `goal ≤ 153600; ${js.files.join(', ')}` },
  ];
  const exe = chromiumPath();
  if (!exe) {
    console.warn('*** bench: no Chromium, skipping browser figures ***');
    return results;
  }
  const app = await serveDist();
  const context = await launchChromium(exe);
  try {
    const page = await context.newPage();
    const interactive: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      await page.goto(app.url);
      await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
      await page.waitForFunction(() => (globalThis as { layerlab?: unknown }).layerlab !== undefined);
      interactive.push(performance.now() - t0);
    }
    const rtts = await page.evaluate(async () => {
      const { client } = (globalThis as unknown as { layerlab: { client: { ping(): Promise<string> } } }).layerlab;
      for (let i = 0; i < 50; i++) await client.ping();
      // performance.now() is coarsened to 100 µs without cross-origin isolation: time
      // batches of 50 sequential calls and take each batch's per-call mean.
      const out: number[] = [];
      for (let b = 0; b < 20; b++) {
        const t0 = performance.now();
        for (let i = 0; i < 50; i++) await client.ping();
        out.push(((performance.now() - t0) * 1000) / 50);
      }
      return out;
    });
    results.unshift({
      name: 'worker.roundTrip.median',
      value: Math.round(median(rtts)),
      unit: 'µs',
      note: 'EngineApi.ping() from the main thread through Comlink; median of 20 batches of 50',
    });
    results.push({
      name: 'app.terminalInteractive.median',
      value: Math.round(median(interactive)),
      unit: 'ms',
      note: 'navigation → terminal accepts input, 5 loads, goal ≤ 1000',
    });
  } finally {
    await context.close();
    await app.close();
  }
  return results;
}
