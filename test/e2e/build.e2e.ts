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
});
