/**
 * docker build in the tab: the starter workspace is the build context; the
 * learner builds it, runs the image, edits a file and sees the cache decide.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { ensureBuilt, launchChromium, repoRoot, requireChromium, serveDist, type StaticApp } from './harness.ts';

const executable = requireChromium();
const resultsDir = join(repoRoot, 'test-results');

async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function waitForText(page: Page, text: string, timeout = 30_000): Promise<void> {
  try {
    await page.waitForFunction((t) => document.querySelector('.xterm-rows')?.textContent?.includes(t), text, { timeout });
  } catch (e) {
    await page.screenshot({ path: join(resultsDir, 'build-timeout.png') });
    throw new Error(`${(e as Error).message}\nterminal:\n${await page.locator('.xterm-rows').innerText()}`);
  }
}

describe('docker build in Chromium', { skip: !executable }, () => {
  let app: StaticApp;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    ensureBuilt();
    mkdirSync(resultsDir, { recursive: true });
    app = await serveDist();
    context = await launchChromium(executable!);
    page = await context.newPage();
    await page.goto(app.url);
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
  });

  after(async () => {
    await context?.close();
    await app?.close();
  });

  it('builds the workspace with BuildKit progress and runs the image', async () => {
    await typeLine(page, 'docker build --progress=plain -t hello .');
    await waitForText(page, 'naming to docker.io/library/hello:latest');
    await typeLine(page, 'clear');
    await typeLine(page, 'docker run --rm hello');
    await waitForText(page, 'hello from Layerlab');
    await typeLine(page, 'docker build -t hello .');
    await waitForText(page, 'FINISHED');
    const text = await page.locator('.xterm-rows').innerText();
    assert.match(text, /CACHED \[3\/3\] COPY \. \./);
    await page.screenshot({ path: join(resultsDir, 'build-cached.png') });
  });

  it('Ctrl-C cancels a build stuck in a RUN loop, and the terminal answers again', async () => {
    await typeLine(page, 'clear');
    await typeLine(page, "printf 'FROM busybox\\nRUN while true; do :; done\\n' > Dockerfile.loop");
    await typeLine(page, 'docker build --progress=plain -f Dockerfile.loop .');
    await waitForText(page, '#5 [2/2] RUN while true');
    await page.keyboard.press('Control+C');
    // The docker process dies with the shell's ^C; the daemon is told, and the build ends as cancelled.
    const failed = await page.waitForFunction(async () => {
      const api = (globalThis as unknown as { layerlab: { client: { events(f: unknown): Promise<{ topic: string; data: { error?: string } }[]> } } }).layerlab.client;
      const events = await api.events({ topics: ['/build/failed'] });
      return events.at(-1)?.data.error ?? false;
    });
    assert.equal(await failed.jsonValue(), 'Canceled: context canceled');
    await typeLine(page, 'echo back at the prompt');
    await waitForText(page, 'back at the prompt');
  });
});
