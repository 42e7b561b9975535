/**
 * Stepping the visualisations in Debian Chromium: an image whose top layer
 * holds 1,000 files (a container writes them, `docker commit` freezes them),
 * then → / ← between that layer and the base layer in the image explorer
 * (every file listed), the layer stack and the copy-on-write view of the
 * container that wrote them. A step's time is from the key
 * press to the new DOM laid out (script, style and layout; goal ≤ 16 ms).
 */
import { loadavg } from 'node:os';
import { chromiumPath, ensureBuilt, launchChromium, serveDist } from '../test/e2e/harness.ts';
import { median, type BenchResult } from './types.ts';

/** Steps the visual in tab `tab` back and forth `n` times; returns each step's ms. */
async function stepTimes(page: import('playwright-core').Page, tab: string, n: number): Promise<number[]> {
  return page.evaluate(
    async ([id, count]) => {
      const panel = document.querySelector<HTMLElement>(`#viz-panel-${id}`)!;
      const target = panel.querySelector<HTMLElement>('[role="toolbar"] button')!;
      const caption = panel.querySelector<HTMLElement>('[data-testid="viz-caption"]')!;
      const out: number[] = [];
      for (let i = 0; i < (count as number); i++) {
        const before = caption.textContent;
        const key = i % 2 === 0 ? 'ArrowLeft' : 'ArrowRight';
        const t0 = performance.now();
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        // Svelte applies state changes in a microtask; then force style and layout.
        for (let k = 0; k < 5; k++) await Promise.resolve();
        panel.getBoundingClientRect();
        void document.body.offsetHeight;
        const t1 = performance.now();
        if (caption.textContent === before) throw new Error(`step ${i} of ${id as string} did not render`);
        out.push(t1 - t0);
        await new Promise((r) => setTimeout(r, 30));
      }
      return out;
    },
    [tab, n] as const,
  );
}

export default async function vizBench(): Promise<BenchResult[]> {
  ensureBuilt();
  const exe = chromiumPath();
  if (!exe) {
    console.warn('*** bench: no Chromium, skipping the visualisation figures ***');
    return [];
  }
  const app = await serveDist();
  const context = await launchChromium(exe);
  try {
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
    await page.waitForFunction(() => (globalThis as { layerlab?: unknown }).layerlab !== undefined);
    // An image whose top layer adds 1,000 files, made through the Engine API as the docker CLI would.
    await page.evaluate(async () => {
      const { client } = (globalThis as unknown as { layerlab: { client: import('../src/client/engine-client.ts').EngineClient } }).layerlab;
      await client.imagePull('busybox');
      const script = 'i=0; while [ $i -lt 1000 ]; do echo file $i > /data/f$i; i=$((i+1)); done';
      const { Id } = await client.containerCreate({ Image: 'busybox', Cmd: ['sh', '-c', `mkdir /data && ${script}`] });
      const waited = client.containerWait(Id, 'next-exit');
      await client.containerStart(Id);
      await waited;
      await client.containerCommit(Id, { reference: 'thousand:latest' });
      await client.containerRemove(Id);
    });
    const results: BenchResult[] = [];
    for (const [tab, name] of [
      ['explorer', 'viz.explorerStep'],
      ['layers', 'viz.layerStackStep'],
      ['cow', 'viz.copyOnWriteStep'],
    ] as const) {
      await page.locator(`#viz-tab-${tab}`).click();
      const panel = page.locator(`#viz-panel-${tab}`);
      if (tab === 'cow') {
        // The container that wrote the files: ~2,000 operations in the log, stepped one by one.
        await panel.locator('[data-testid="viz-caption"]', { hasText: '/data/f' }).waitFor({ timeout: 30_000 });
        const times = await stepTimes(page, tab, 40);
        results.push({
          name: `${name}.median`,
          value: Math.round(median(times) * 100) / 100,
          unit: 'ms',
          note: `→/← through the file operations of the container that wrote the 1,000 files, 40 steps, p95 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!.toFixed(1)} ms; goal ≤ 16; host load average ${loadavg()[0]!.toFixed(1)}`,
        });
        continue;
      }
      await panel.locator('select').selectOption({ label: 'thousand:latest' });
      // The explorer opens on the top layer; the layer stack on the container layer above it.
      await panel.locator('[data-testid="viz-caption"]', { hasText: tab === 'explorer' ? /100[0-9] added/ : /writable layer/ }).waitFor({ timeout: 30_000 });
      if (tab === 'explorer') await panel.locator('input[type="checkbox"]').uncheck();
      const times = await stepTimes(page, tab, 40);
      results.push({
        name: `${name}.median`,
        value: Math.round(median(times) * 100) / 100,
        unit: 'ms',
        note: `→/← ${tab === 'explorer' ? 'between a 1,000-file layer (every file listed) and the base layer' : 'between the 1,000-file layer and the container layer'}, key press to laid-out DOM, 40 steps, p95 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]!.toFixed(1)} ms; goal ≤ 16; host load average ${loadavg()[0]!.toFixed(1)}`,
      });
    }
    return results;
  } finally {
    await context.close();
    await app.close();
  }
}
