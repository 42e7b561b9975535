/**
 * End-to-end: the real app in Debian Chromium. Types into the terminal like a
 * learner, and proves the worker boundary (EngineError code/data, batches).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureBuilt, launchChromium, repoRoot, requireChromium, serveDist, type StaticApp } from './harness.ts';

const executable = requireChromium();

const resultsDir = join(repoRoot, 'test-results');

/** Text currently shown in the xterm viewport. */
async function terminalText(page: Page): Promise<string> {
  return page.locator('.xterm-rows').innerText();
}

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

describe('Layerlab in Chromium', { skip: !executable }, () => {
  let app: StaticApp;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    ensureBuilt();
    mkdirSync(resultsDir, { recursive: true });
    app = await serveDist();
    context = await launchChromium(executable!);
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  after(async () => {
    await context?.close();
    await app?.close();
  });

  it('the terminal becomes interactive and `docker version` prints the Server section', async () => {
    const t0 = Date.now();
    await page.goto(app.url);
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
    await page.waitForFunction(() => (globalThis as { layerlab?: unknown }).layerlab !== undefined);
    const interactiveMs = Date.now() - t0;
    await typeLine(page, 'docker version');
    await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('docker-init'));
    const text = await terminalText(page);
    assert.match(text, /Server: Layerlab Engine/);
    assert.match(text, /Storage Driver|API version:\s+1\.51 \(minimum version 1\.24\)/);
    writeFileSync(join(resultsDir, 'e2e-metrics.json'), JSON.stringify({ terminalInteractiveMs: interactiveMs }, null, 2));
    await page.screenshot({ path: join(resultsDir, 'app-docker-version.png') });
  });

  it('an unknown command fails like docker, in red, and the prompt comes back', async () => {
    await typeLine(page, 'docker foo');
    await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('unknown command: docker foo'));
    await typeLine(page, 'docker info');
    await page.waitForFunction(() => document.querySelector('.xterm-rows')?.textContent?.includes('Live Restore Enabled'));
  });

  it('EngineErrors cross the worker boundary with code and data', async () => {
    const result = await page.evaluate(async () => {
      const { client } = (globalThis as unknown as { layerlab: { client: import('../../src/client/engine-client.ts').EngineClient } }).layerlab;
      const doc = await client.exportState();
      try {
        await client.importState({ ...doc, body: { ...doc.body, daemonId: 'tampered' } });
        return { thrown: false };
      } catch (err) {
        const e = err as { name: string; code: string; message: string; data: Record<string, unknown> };
        return { thrown: true, name: e.name, code: e.code, message: e.message, data: e.data, isError: err instanceof Error };
      }
    });
    assert.equal(result.thrown, true);
    assert.equal(result.name, 'EngineError');
    assert.equal(result.code, 'DataLoss');
    assert.equal(result.isError, true);
    assert.match(String(result.data?.expected), /^sha256:[0-9a-f]{64}$/);
  });

  it('command output and events arrive in batches', async () => {
    const result = await page.evaluate(async () => {
      const { client } = (globalThis as unknown as { layerlab: { client: import('../../src/client/engine-client.ts').EngineClient } }).layerlab;
      let outputCalls = 0;
      let bytes = 0;
      const code = await client.runCommandLine('docker --help', { columns: 80 }, (chunks) => {
        outputCalls++;
        for (const c of chunks) bytes += c.data.length;
      });
      const batches: number[] = [];
      const sub = await client.subscribe({ topics: ['/api/'] }, (b) => batches.push(b.length));
      await Promise.all(Array.from({ length: 20 }, () => client.ping()));
      await new Promise((r) => setTimeout(r, 100));
      sub.unsubscribe();
      return { code, outputCalls, bytes, events: batches.reduce((a, b) => a + b, 0), batches: batches.length };
    });
    assert.equal(result.code, 0);
    assert.ok(result.bytes > 2000, `help text arrived (${result.bytes} bytes)`);
    assert.equal(result.outputCalls, 1, 'one output batch for one write burst');
    assert.ok(result.events >= 20, `saw ${result.events} events`);
    assert.ok(result.batches < result.events, `${result.events} events came in ${result.batches} batches`);
  });

  it('loads without console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
