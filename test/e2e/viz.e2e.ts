/**
 * End-to-end: the step-by-step visualisations in Debian Chromium at 1280×720,
 * driven like a learner: type docker commands in the terminal, open each
 * visualisation tab, step with the keyboard, and save a screenshot of each
 * (test-results/viz-*.png) in both themes and languages.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, openAppPage, repoRoot, requireChromium, typeLine, waitForTerminalText, type AppPage } from './harness.ts';

const executable = requireChromium();
const resultsDir = join(repoRoot, 'test-results');
const TABS = ['layers', 'cow', 'build', 'cmd', 'arch', 'explorer'] as const;

/** Runs a command and waits for the prompt to come back (the n-th `$ ` prompt after it). */
async function run(page: Page, line: string, until: string, count = 1): Promise<void> {
  await typeLine(page, line);
  await waitForTerminalText(page, until, count, 60_000);
}

async function openTab(page: Page, id: string): Promise<void> {
  await page.locator(`#viz-tab-${id}`).click();
  await page.locator(`#viz-panel-${id} [data-testid="viz-caption"]`).waitFor();
}

/** The visualisation pane only, for screenshots. */
async function shot(page: Page, name: string): Promise<void> {
  await page.locator('#pane-viz').screenshot({ path: join(resultsDir, name) });
}

describe('Layerlab visualisations in Chromium', { skip: !executable }, () => {
  let session: AppPage;
  let page: Page;

  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    session = await openAppPage(executable!);
    page = session.page;
    await page.goto(session.app.url);
    await page.evaluate(() => localStorage.setItem('layerlab:preferences', JSON.stringify({ theme: 'dark', locale: 'en', presenter: false })));
    await page.reload();
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
  });

  after(async () => {
    await session?.close();
  });

  it('copy-on-write: a container changes and deletes base files; the steps show copy-up and whiteout, per driver', async () => {
    await run(page, 'docker run --name cow busybox sh -c "echo hi >> /etc/passwd; rm /etc/group; rm -r /home; mkdir /home"', 'docker run --name cow');
    await page.waitForFunction(() => document.querySelector('#pane-terminal')?.textContent !== null);
    await openTab(page, 'cow');
    const panel = page.locator('#viz-panel-cow');
    // Step back from the last operation to the copy-up of /etc/passwd.
    await panel.locator('[data-testid="cow-op"]').waitFor({ timeout: 30_000 });
    const caption = panel.locator('[data-testid="viz-caption"]');
    await panel.locator('button[aria-label^="First step"]').click();
    // The runtime's own writes (/etc/hostname, /etc/hosts…) come first, as in Docker.
    for (let i = 0; i < 40 && !/\/etc\/passwd: found/.test(await caption.innerText()); i++) await panel.locator('button[aria-label^="Next step"]').click();
    assert.match(await caption.innerText(), /\/etc\/passwd: found in layer 1; first the whole file .* is copied up/);
    await panel.locator('[data-testid="cow-driver"]', { hasText: 'overlay2' }).waitFor();
    await shot(page, 'viz-cow-copy-up.png');
    await panel.locator('label', { hasText: 'devicemapper' }).click();
    await panel.locator('[data-testid="cow-driver"]', { hasText: '64 KiB' }).waitFor();
    await shot(page, 'viz-cow-devicemapper.png');
    // Keyboard: → moves on to the removal, which leaves a whiteout.
    await panel.locator('label', { hasText: 'overlay2' }).click();
    await page.locator('#viz-panel-cow button[aria-label^="Next step"]').focus();
    for (let i = 0; i < 10 && !/whiteout/.test(await caption.innerText()); i++) await page.keyboard.press('ArrowRight');
    assert.match(await caption.innerText(), /\/etc\/group: it lives in a read-only layer, so a whiteout/);
    await shot(page, 'viz-cow-whiteout.png');
    // A directory made where a lower one was deleted is opaque.
    for (let i = 0; i < 10 && !/opaque/.test(await caption.innerText()); i++) await page.keyboard.press('ArrowRight');
    assert.match(await caption.innerText(), /mkdir \/home: .* opaque/);
    await shot(page, 'viz-cow-opaque.png');
  });

  it('layer stack: the image layers with the container layer on top, stepped with the keyboard', async () => {
    await openTab(page, 'layers');
    const panel = page.locator('#viz-panel-layers');
    await panel.locator('[data-testid="layer-stack"]').waitFor();
    assert.match(await panel.locator('[data-testid="viz-caption"]').innerText(), /writable layer/);
    await panel.locator('button[aria-label^="First step"]').click();
    assert.match(await panel.locator('[data-testid="viz-caption"]').innerText(), /^Layer 1 of 1/);
    await shot(page, 'viz-layers.png');
    // From the keyboard alone: Alt+4 to the tabs, Tab into the panel, End to the last step.
    await page.keyboard.press('Alt+4');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'viz-panel-layers');
    await page.keyboard.press('End');
    assert.match(await panel.locator('[data-testid="viz-caption"]').innerText(), /writable layer/);
  });

  it('CMD/ENTRYPOINT: --entrypoint and arguments resolved to PID 1, with the SIGTERM verdict', async () => {
    await run(page, 'docker run --name ep --entrypoint echo busybox hello from ep', 'hello from ep');
    await run(page, 'docker run --name shellform busybox sh -c "sleep 0"', 'shellform');
    await openTab(page, 'cmd');
    const panel = page.locator('#viz-panel-cmd');
    await panel.locator('select').selectOption({ label: 'ep (busybox)' });
    await panel.locator('button[aria-label^="First step"]').click();
    await panel.locator('button[aria-label^="Next step"]').focus();
    await page.keyboard.press('End');
    assert.match(await panel.locator('[data-testid="viz-step"]').innerText(), /Step (\d+) of \1/);
    const table = await panel.locator('[data-testid="cmd-table"]').innerText();
    assert.match(table, /--entrypoint\s+\["echo"\]/);
    assert.match(table, /\["hello","from","ep"\]/);
    assert.match(await panel.locator('[data-testid="cmd-pid1"]').innerText(), /SIGTERM reaches the application/);
    await shot(page, 'viz-cmd-entrypoint.png');
  });

  it('architecture: a pull shows client → daemon and daemon → registry calls', async () => {
    await run(page, 'docker pull alpine', 'docker.io/library/alpine:latest');
    await openTab(page, 'arch');
    const panel = page.locator('#viz-panel-arch');
    const option = await panel.locator('select option', { hasText: 'docker pull alpine' }).getAttribute('value');
    await panel.locator('select').selectOption(option!);
    const calls = await panel.locator('[data-testid="arch-calls"]').innerText();
    assert.match(calls, /POST \/images\/create/);
    assert.match(calls, /GET docker\.io\/v2\/library\/alpine\/manifests\/latest/);
    await shot(page, 'viz-architecture.png');
  });

  it('image explorer: per-layer files, efficiency and wasted space', async () => {
    await openTab(page, 'explorer');
    const panel = page.locator('#viz-panel-explorer');
    await panel.locator('[data-testid="efficiency"]').waitFor();
    assert.match(await panel.locator('[data-testid="efficiency"]').innerText(), /Efficiency \d+(\.\d)? %/);
    await panel.locator('[data-testid="file-rows"] [role="listitem"]').first().waitFor();
    await shot(page, 'viz-explorer.png');
  });

  it('build cache: build, change line 3 in the editor, preview, rebuild, and read why each step ran', async () => {
    await run(page, 'docker build -t app .', 'naming to docker.io/library/app');
    await page.locator('.monaco-editor .view-lines', { hasText: 'WORKDIR /app' }).waitFor();
    // "What if I change line 3?": WORKDIR /app becomes WORKDIR /srv; it and every step after it must run again.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('srv');
    await page.locator('.monaco-editor .view-lines', { hasText: 'WORKDIR /srv' }).waitFor();
    await openTab(page, 'build');
    const panel = page.locator('#viz-panel-build');
    await panel.locator('[data-testid="build-preview"]').click();
    const preview = panel.locator('[data-testid="build-preview-steps"]');
    await preview.waitFor({ timeout: 30_000 });
    const previewText = await preview.innerText();
    assert.match(previewText, /from cache[\s\S]*FROM/);
    assert.match(previewText, /would run[\s\S]*WORKDIR \/srv[\s\S]*would run[\s\S]*COPY/);
    await shot(page, 'viz-build-preview.png');
    await run(page, 'docker build -t app .', 'naming to docker.io/library/app', 2);
    const steps = panel.locator('[data-testid="build-steps"]');
    await steps.locator('li', { hasText: 'WORKDIR /srv' }).first().waitFor();
    const text = await steps.innerText();
    assert.match(text, /executed[\s\S]*WORKDIR \/srv/);
    assert.match(text, /executed[\s\S]*COPY[\s\S]*previous step was rebuilt/);
    await panel.locator('button[aria-label^="First step"]').click();
    await panel.locator('button[aria-label^="Next step"]').focus();
    const caption = panel.locator('[data-testid="viz-caption"]');
    for (let i = 0; i < 6 && !/WORKDIR/.test(await caption.innerText()); i++) await page.keyboard.press('ArrowRight');
    assert.match(await caption.innerText(), /Line 3, WORKDIR \/srv: .*[\s\S]*every later step of the stage runs again/);
    await shot(page, 'viz-build-cache.png');
    // The built image shares its base layer with busybox:1.37: the layer stack says so, with the bytes saved.
    await openTab(page, 'layers');
    const layers = page.locator('#viz-panel-layers');
    const app = await layers.locator('select option', { hasText: /^app:latest$/ }).getAttribute('value');
    await layers.locator('select').selectOption(app!);
    await layers.locator('[data-testid="layer-stack"] li', { hasText: 'Shared with' }).first().waitFor();
    await shot(page, 'viz-layers-shared.png');
  });

  it('every visualisation passes axe-core (no serious violations) in the dark theme', async () => {
    for (const tab of TABS) {
      await openTab(page, tab);
      assert.deepEqual(await axeViolations(page), [], `dark, ${tab}`);
    }
  });

  it('reads in light theme and Chinese', async () => {
    await page.locator('[data-testid="theme-toggle"]').click();
    await page.getByRole('button', { name: '中文' }).click();
    await openTab(page, 'cow');
    await page.locator('#viz-panel-cow [data-testid="viz-caption"]', { hasText: '：' }).waitFor();
    await shot(page, 'viz-cow-light-zh.png');
    await openTab(page, 'cmd');
    await shot(page, 'viz-cmd-light-zh.png');
    await page.screenshot({ path: join(resultsDir, 'viz-app-1280x720.png') });
    for (const tab of TABS) {
      await openTab(page, tab);
      assert.deepEqual(await axeViolations(page), [], `light, ${tab}`);
    }
    assert.deepEqual(session.consoleErrors, []);
  });
});
