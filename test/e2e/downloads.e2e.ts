/**
 * End-to-end, in Chromium: files in and out of the workspace, byte for byte.
 * Binary files uploaded with the picker and by dropping come back unchanged
 * from the file tree's download; `docker save -o img.tar busybox` in the
 * terminal writes into the home directory, which is the workspace, and the
 * downloaded img.tar is exactly the engine's imageSave archive (and is kept
 * intact inside the whole workspace's .tar).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unpackTar } from 'modern-tar';
import type { Page } from 'playwright-core';
import { openAppPage, repoRoot, requireChromium, typeLine, waitForTerminalText, type AppPage } from './harness.ts';

const executable = requireChromium();
const resultsDir = join(repoRoot, 'test-results');

/** Every byte value, NULs and invalid UTF-8 included. */
const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7 + (i >> 8)) & 0xff));

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Selects `name` in the file tree and downloads it with the toolbar; returns the suggested name and bytes. */
async function downloadFromTree(page: Page, name: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('treeitem', { name }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the selected file' }).click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

describe('downloads and uploads', { skip: !executable }, () => {
  let browser: AppPage;
  let page: Page;

  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    browser = await openAppPage(executable!);
    page = browser.page;
    await page.goto(browser.app.url);
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor({ timeout: 60_000 });
  });

  after(() => browser?.close());

  it('a binary file uploaded with the picker downloads byte for byte', async () => {
    await page.locator('#pane-files input[type="file"]').setInputFiles({ name: 'blob.bin', mimeType: 'application/octet-stream', buffer: BINARY });
    const file = await downloadFromTree(page, 'blob.bin');
    assert.equal(file.name, 'blob.bin');
    assert.equal(sha256(file.bytes), sha256(BINARY));
    // The editor shows a note instead of decoding it, and cannot edit it.
    await page.locator('.monaco-editor .view-lines', { hasText: 'blob.bin is a binary file (4,096 bytes)' }).waitFor();
  });

  it('a file dropped on the tree is added, and the host sees the same bytes', async () => {
    const dataTransfer = await page.evaluateHandle((bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'dropped.bin'));
      return dt;
    }, [...BINARY]);
    await page.locator('[role="tree"]').dispatchEvent('drop', { dataTransfer });
    const file = await downloadFromTree(page, 'dropped.bin');
    assert.equal(sha256(file.bytes), sha256(BINARY));
    // The workspace is the host's home directory: the shell sees the dropped bytes.
    await typeLine(page, 'sha256sum dropped.bin');
    await waitForTerminalText(page, `${sha256(BINARY)}  dropped.bin`);
  });

  it('docker save -o img.tar writes the workspace file the tree downloads, equal to the engine archive', async () => {
    await typeLine(page, 'docker pull busybox && docker save -o img.tar busybox && echo saved-$((1+1))');
    await waitForTerminalText(page, 'saved-2', 1, 60_000);
    await page.getByRole('treeitem', { name: 'img.tar' }).waitFor();
    const file = await downloadFromTree(page, 'img.tar');
    assert.equal(file.name, 'img.tar');
    const engine = await page.evaluate(async () => {
      const { client } = (globalThis as unknown as { layerlab: { client: import('../../src/client/engine-client.ts').EngineClient } }).layerlab;
      return [...(await client.imageSave(['busybox']))];
    });
    assert.equal(file.bytes.length, engine.length);
    assert.equal(sha256(file.bytes), sha256(Uint8Array.from(engine)));
    // A real image archive: manifest.json names busybox's config and layers, which are in the archive.
    const entries = await unpackTar(file.bytes);
    const manifestEntry = entries.find((e) => e.header.name === 'manifest.json');
    assert.ok(manifestEntry, 'manifest.json in img.tar');
    const [manifest] = JSON.parse(Buffer.from(manifestEntry.data!).toString('utf8')) as { Config: string; RepoTags: string[]; Layers: string[] }[];
    assert.deepEqual(manifest!.RepoTags, ['busybox:latest']);
    for (const blob of [manifest!.Config, ...manifest!.Layers]) assert.ok(entries.some((e) => e.header.name === blob), `${blob} in img.tar`);
    await page.screenshot({ path: join(resultsDir, 'downloads-img-tar.png') });
    assert.deepEqual(browser.consoleErrors, []);
  });

  it('the whole workspace downloads as a .tar holding every file intact', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the build context as a .tar' }).click()]);
    assert.equal(download.suggestedFilename(), 'workspace.tar');
    const entries = await unpackTar(readFileSync((await download.path())!));
    const byName = new Map(entries.map((e) => [e.header.name, e.data!]));
    assert.ok(byName.has('Dockerfile'));
    assert.equal(sha256(byName.get('blob.bin')!), sha256(BINARY));
    assert.equal(sha256(byName.get('dropped.bin')!), sha256(BINARY));
    const img = (await downloadFromTree(page, 'img.tar')).bytes;
    assert.equal(sha256(byName.get('img.tar')!), sha256(img));
  });
});
