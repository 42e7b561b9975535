/**
 * End-to-end, in Chromium: after the first visit the app works offline. The
 * service worker precaches every built file (lazy chunks too), the page
 * reloads with the network gone, and the terminal still runs containers (the
 * engine is in the tab). A new build is picked up: its sw.js installs a new
 * cache and the next load shows the new page. Served with the app's
 * Content-Security-Policy header, as `vite preview` serves it.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SERVER_CSP } from '../../src/lib/content-security-policy.ts';
import { precacheManifest } from '../../src/offline/precache-plugin.ts';
import { distDir, ensureBuilt, openAppPage, repoRoot, requireChromium, typeLine, type AppPage } from './harness.ts';

const executable = requireChromium();
const resultsDir = join(repoRoot, 'test-results');

interface CacheState {
  controlled: boolean;
  caches: { name: string; entries: string[] }[];
}

/** The page's service-worker control and the Layerlab caches with their entries (as paths under the origin). */
function cacheState(page: Page): Promise<CacheState> {
  return page.evaluate(async () => {
    const names = (await caches.keys()).filter((k) => k.startsWith('layerlab-'));
    const out = [];
    for (const name of names) {
      const keys = await (await caches.open(name)).keys();
      out.push({ name, entries: keys.map((r) => new URL(r.url).pathname.slice(1)).sort() });
    }
    return { controlled: navigator.serviceWorker.controller !== null, caches: out };
  });
}

async function waitForPrecache(page: Page, version: string, files: readonly string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const state = await cacheState(page);
    const cache = state.caches.find((c) => c.name === `layerlab-${version}`);
    if (state.controlled && cache && cache.entries.length === files.length) {
      assert.deepEqual(cache.entries, [...files].sort());
      return;
    }
    if (Date.now() > deadline) assert.fail(`not precached: ${JSON.stringify({ controlled: state.controlled, caches: state.caches.map((c) => [c.name, c.entries.length]) })}`);
    await page.waitForTimeout(250);
  }
}

const terminalReady = (page: Page) => page.locator('[data-testid="terminal"][data-ready="true"]').waitFor({ timeout: 30_000 });

describe('offline after the first visit', { skip: !executable }, () => {
  let browser: AppPage;
  let page: Page;
  let root: string;

  before(async () => {
    ensureBuilt();
    mkdirSync(resultsDir, { recursive: true });
    // A copy of the build, so the test can deploy a "new build" over it.
    root = mkdtempSync(join(tmpdir(), 'layerlab-offline-'));
    cpSync(distDir, root, { recursive: true });
    browser = await openAppPage(executable!, { root, headers: { 'Content-Security-Policy': SERVER_CSP } });
    page = browser.page;
  });

  after(async () => {
    await browser?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('precaches every built file, lazy chunks included, on the first visit', async () => {
    const manifest = precacheManifest(root);
    assert.ok(manifest.files.includes('index.html'));
    assert.ok(manifest.files.some((f) => /^assets\/monaco-setup-.+\.js$/.test(f)), 'Monaco is in the manifest');
    assert.ok(manifest.files.some((f) => /^assets\/lesson\.en-.+\.js$/.test(f)), 'lesson chunks are in the manifest');
    assert.ok(manifest.files.some((f) => f.endsWith('.wasm')), 'WASM is in the manifest');
    await page.goto(browser.app.url);
    await terminalReady(page);
    await waitForPrecache(page, manifest.version, manifest.files);
  });

  it('reloads with the network gone and the terminal runs a container', async () => {
    await browser.context.setOffline(true);
    await page.reload();
    await terminalReady(page);
    await typeLine(page, 'docker run --rm busybox echo offline');
    await page.waitForFunction(() => /^offline\s*$/m.test((globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText()), undefined, { timeout: 60_000 });
    // Lazy chunks come from the cache too: the editor (Monaco) loads.
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
    // Every precached file answers while offline (lessons, Markdown, MicroPython's WASM …).
    const failed = await page.evaluate(async (files) => {
      const bad: string[] = [];
      for (const f of files) if (!(await fetch(f).then((r) => r.ok).catch(() => false))) bad.push(f);
      return bad;
    }, precacheManifest(root).files);
    assert.deepEqual(failed, []);
    // CSP violations are console errors in Chromium.
    assert.deepEqual(browser.consoleErrors, [], 'no errors, no CSP violation');
    await page.screenshot({ path: join(resultsDir, 'offline-terminal.png') });
    // And what is not precached fails as offline requests do.
    assert.equal(await page.evaluate(() => fetch('/not-in-the-build.txt').then(() => 'answered', () => 'failed')), 'failed');
  });

  it('a new build replaces the cached app on the next load', async () => {
    await browser.context.setOffline(false);
    const previous = precacheManifest(root);
    // "Deploy" a new build: a changed index.html, and sw.js with the new manifest's version.
    const html = readFileSync(join(root, 'index.html'), 'utf8').replace('</head>', '<meta name="layerlab-build" content="next" /></head>');
    writeFileSync(join(root, 'index.html'), html);
    const next = precacheManifest(root);
    assert.notEqual(next.version, previous.version);
    writeFileSync(join(root, 'sw.js'), readFileSync(join(root, 'sw.js'), 'utf8').replace(previous.version, next.version));

    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await waitForPrecache(page, next.version, next.files);
    await page.reload();
    await terminalReady(page);
    assert.equal(await page.locator('meta[name="layerlab-build"]').getAttribute('content'), 'next');
    // The previous version is kept for tabs still running it; nothing older.
    const names = (await cacheState(page)).caches.map((c) => c.name).sort();
    assert.deepEqual(names, [`layerlab-${next.version}`, `layerlab-${previous.version}`].sort());
  });
});
