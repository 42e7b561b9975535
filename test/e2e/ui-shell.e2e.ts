/**
 * End-to-end: the app shell in Debian Chromium, driven like a learner with a
 * keyboard: the workspace (persisted across a reload, uploaded, downloaded as
 * a tar), the Dockerfile editor's engine diagnostics with their explanations,
 * terminal completion, reverse search, copy and paste, resizable panes and
 * tabs, both languages, and an axe-core audit of both themes.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, ensureBuilt, launchChromium, repoRoot, requireChromium, serveDist, waitForTerminalText, type StaticApp } from './harness.ts';

const executable = requireChromium();

const resultsDir = join(repoRoot, 'test-results');
const rows = (page: Page) => page.locator('.xterm-rows').innerText();

async function focusTerminal(page: Page): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
}

describe('Layerlab app shell in Chromium', { skip: !executable }, () => {
  let app: StaticApp;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];

  before(async () => {
    ensureBuilt();
    mkdirSync(resultsDir, { recursive: true });
    app = await serveDist();
    context = await launchChromium(executable!);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url.replace(/\/$/, '') });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(app.url);
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
  });

  after(async () => {
    await context?.close();
    await app?.close();
  });

  it('opens the starter build context with the Dockerfile in the editor', async () => {
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem', { name: 'hello.sh' }).waitFor();
    assert.equal(await tree.getByRole('treeitem', { name: 'Dockerfile' }).getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByTestId('open-file').innerText(), 'Dockerfile');
    await page.locator('.monaco-editor .view-lines', { hasText: 'FROM busybox' }).waitFor();
  });

  it('underlines engine diagnostics and F8 shows the teaching explanation, in English and Chinese', async () => {
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('run echo hi\n');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await page.waitForFunction(() => /Warnings: [1-9]/.test(document.querySelector('[data-testid="problems"]')?.textContent ?? ''));
    // The problem count is a button that does what F8 does.
    await page.getByTestId('problems').click();
    const widget = page.locator('.marker-widget');
    await widget.waitFor();
    assert.match(await widget.innerText(), /case-insensitive/);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('F8');
    await page.waitForFunction(() => /不区分大小写/.test(document.querySelector('.marker-widget')?.textContent ?? ''));
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'English' }).click();
  });

  it('completes, formats and highlights Dockerfiles (language service, our grammar with heredocs)', async () => {
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('WORKD');
    const suggestion = page.locator('.suggest-widget.visible').getByText('WORKDIR', { exact: false }).first();
    // Ctrl+Space asks for suggestions; ask again if a busy machine swallowed the first request.
    for (let attempt = 0; attempt < 3 && !(await suggestion.isVisible()); attempt++) {
      await page.keyboard.press('Control+Space');
      await suggestion.waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    await suggestion.waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Delete');
    // Leading blanks before an instruction: the formatter removes them.
    await page.keyboard.type('    EXPOSE 8080');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Format' }).click();
    // Monaco draws spaces as no-break spaces.
    await page.waitForFunction(() => [...document.querySelectorAll('.monaco-editor .view-line')].some((l) => l.textContent?.replace(/\u00a0/g, ' ') === 'EXPOSE 8080'));
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    // Enter always starts a new line, even while a quick suggestion is open (Tab takes suggestions).
    await page.keyboard.type('run <<EOF\necho building\nEOF\n');
    // Lower-case instructions are keywords and a heredoc body is a string in our grammar.
    // (No named helper functions inside page code: tsx would wrap them in a __name() the page lacks.)
    await page.waitForFunction(() => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-line')].map((l) => ({ text: (l.textContent ?? '').replace(/\u00a0/g, ' '), first: l.querySelector('span span') }));
      const heredoc = lines.find((l) => l.text === 'echo building');
      const run = lines.find((l) => l.text.startsWith('run <<EOF'));
      // The upper-case EXPOSE above is a keyword in any grammar; the lower-case run must match it.
      const expose = lines.find((l) => l.text.startsWith('EXPOSE 8080'));
      if (!heredoc?.first || !run?.first || !expose?.first) return false;
      const keyword = getComputedStyle(expose.first).color;
      return getComputedStyle(run.first).color === keyword && getComputedStyle(heredoc.first).color !== keyword;
    });
    await page.screenshot({ path: join(resultsDir, 'ui-editor-dockerfile.png'), clip: { x: 0, y: 40, width: 760, height: 300 } });
    // Hovering a squiggle shows the engine's message, the explanation and a link to the rule.
    const box = (await page.locator('.monaco-editor .view-line', { hasText: 'EXPOSE' }).boundingBox())!;
    await page.mouse.move(box.x + 20, box.y - box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'case-insensitive' });
    await hover.waitFor();
    assert.equal(await hover.getByRole('link', { name: 'ConsistentInstructionCasing' }).count(), 1);
    await page.screenshot({ path: join(resultsDir, 'ui-editor-hover.png'), clip: { x: 180, y: 40, width: 700, height: 500 } });
    await page.mouse.move(1000, 600);
  });

  it('completes docker commands and flags with Tab from the engine’s command specs', async () => {
    await focusTerminal(page);
    await page.keyboard.type('docker ver');
    await page.keyboard.press('Tab');
    await waitForTerminalText(page, 'docker version ');
    await page.keyboard.type('--fo');
    await page.keyboard.press('Tab');
    await waitForTerminalText(page, 'docker version --format ');
    await page.keyboard.press('Control+U');
    await page.keyboard.type('docker version');
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, 'Server: Layerlab Engine', 1);
  });

  it('Ctrl-R finds an earlier command and Enter runs it again', async () => {
    await page.keyboard.press('Control+R');
    await page.keyboard.type('versi');
    await waitForTerminalText(page, "(reverse-i-search)'versi': docker version");
    await page.keyboard.press('Enter');
    await waitForTerminalText(page, 'Server: Layerlab Engine', 2);
  });

  it('pastes several lines with Ctrl-Shift-V and runs them one by one; copies a selection with Ctrl-Shift-C', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('docker info\ndocker foo\n'));
    await focusTerminal(page);
    await page.keyboard.press('Control+Shift+V');
    await waitForTerminalText(page, 'Live Restore Enabled');
    await waitForTerminalText(page, 'unknown command: docker foo');
    // Select the first row with the mouse, then copy it.
    const box = (await page.locator('.xterm-screen').boundingBox())!;
    await page.mouse.move(box.x + 4, box.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 8, box.y + 8);
    await page.mouse.up();
    await page.keyboard.press('Control+Shift+C');
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = (await page.evaluate(() => navigator.clipboard.readText())).trim();
    const firstRow = (await rows(page)).split('\n')[0]!.replace(/\u00a0/g, ' ').trim();
    assert.ok(copied.length > 0, 'something was copied');
    assert.equal(copied, firstRow);
    // Right-click with nothing selected pastes (and a pasted newline runs the line).
    await page.evaluate(() => navigator.clipboard.writeText('docker system info --format json\n'));
    await page.locator('.xterm-screen').click({ button: 'right' });
    await waitForTerminalText(page, '"ServerVersion"');
  });

  it('creates, persists across a reload, and downloads the build context as a tar', async () => {
    await page.getByRole('button', { name: 'New file' }).click();
    await page.keyboard.type('app/main.py');
    await page.keyboard.press('Enter');
    await page.getByRole('treeitem', { name: 'main.py' }).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="open-file"]')?.textContent === 'app/main.py');
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.type('print(42)');
    await page.getByText('Saved', { exact: true }).waitFor();
    // A clashing name is refused with an explanation, and nothing changes.
    await page.getByRole('treeitem', { name: 'hello.sh' }).click();
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Dockerfile');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'already in the build context' }).waitFor();
    await page.keyboard.press('Escape');

    await page.reload();
    await page.locator('[data-testid="editor"][data-ready="true"]').waitFor();
    await page.getByRole('treeitem', { name: 'main.py' }).waitFor();
    await page.locator('.monaco-editor .view-lines', { hasText: 'run echo hi' }).waitFor();
    await page.getByRole('treeitem', { name: 'main.py' }).click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'print(42)' }).waitFor();

    // Upload (the toolbar's file input; dropping files uses the same path).
    await page.locator('#pane-files input[type="file"]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded\n') });
    await page.getByRole('treeitem', { name: 'notes.txt' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the build context as a .tar' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'workspace.tar');
    const tar = readFileSync((await file.path())!);
    assert.equal(tar.length % 512, 0, 'tar blocks');
    assert.ok(tar.includes(Buffer.from('app/main.py')), 'the new file is in the tar');
    assert.ok(tar.includes(Buffer.from('uploaded\n')), 'the uploaded file is in the tar');
  });

  it('moves through the file tree, the splitters and the tabs from the keyboard', async () => {
    await page.keyboard.press('Alt+1');
    const focusedPath = () => page.evaluate(() => document.activeElement?.getAttribute('data-path'));
    const first = await focusedPath();
    assert.ok(first, 'Alt+1 focuses the file tree');
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await focusedPath(), first);

    const splitter = page.getByRole('separator', { name: 'Resize the left and right columns' });
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await splitter.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(Number(await splitter.getAttribute('aria-valuenow')), before - 4);
    await page.keyboard.press('Enter');
    assert.equal(Number(await splitter.getAttribute('aria-valuenow')), before, 'Enter restores the starting size');

    await page.keyboard.press('Alt+4');
    await page.keyboard.press('End');
    assert.equal(await page.getByRole('tab', { name: 'Keyboard' }).getAttribute('aria-selected'), 'true');
    await page.getByRole('tabpanel', { name: 'Keyboard' }).getByText('Ctrl+R', { exact: true }).waitFor();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await page.getByRole('tab', { name: 'Engine events' }).getAttribute('aria-selected'), 'true');

    await page.keyboard.press('Alt+3');
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea')), true);
    // Alt+1 from inside the terminal leaves it without typing a '1' on the prompt line.
    await page.keyboard.press('Alt+1');
    assert.ok(await page.evaluate(() => document.activeElement?.getAttribute('role') === 'treeitem'));
    const lastLine = await page.evaluate(() => (globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText().trimEnd().split('\n').at(-1));
    assert.match(lastLine ?? '', /\$$/);
  });

  it('the lesson pane types its commands into the terminal', async () => {
    await page.getByRole('button', { name: 'Start' }).first().click();
    await page.getByRole('button', { name: '▶ docker pull hello-world' }).click();
    await waitForTerminalText(page, 'Status: Downloaded newer image for hello-world:latest');
  });

  it('shares the session as a link that restores files and history without running anything', async () => {
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByTestId('session-status').filter({ hasText: 'Link copied' }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#session=[A-Za-z0-9_-]+$/);
    // Change the workspace after sharing; opening the link brings the shared state back.
    await page.getByRole('treeitem', { name: 'hello.sh' }).click();
    await page.keyboard.press('Delete');
    await page.getByRole('treeitem', { name: 'hello.sh' }).waitFor({ state: 'detached' });

    const other = await context.newPage();
    const questions: string[] = [];
    other.on('dialog', (d) => {
      questions.push(d.message());
      void d.accept();
    });
    await other.goto(link);
    await other.getByTestId('session-status').filter({ hasText: 'Session opened' }).waitFor();
    assert.match(questions[0] ?? '', /Open the shared session\? Its 5 files/);
    await other.getByRole('treeitem', { name: 'hello.sh' }).waitFor();
    assert.equal(await other.evaluate(() => location.hash), '', 'the link leaves the address bar once opened');
    const before = await other.evaluate(() => (globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText());
    assert.doesNotMatch(before, /Server: Layerlab Engine|Live Restore/, 'nothing ran');
    await other.locator('.xterm-helper-textarea').focus();
    await other.keyboard.press('ArrowUp');
    await other.waitForFunction(() => /\$ docker pull hello-world\s*$/.test((globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText().trimEnd()));

    await other.goto(`${app.url}#session=AAAA`);
    await other.getByTestId('session-status').filter({ hasText: 'damaged' }).waitFor();
    await other.close();
    await page.bringToFront();
  });

  it('passes axe-core with no serious or critical violations, in both themes; screenshots for review', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const current = await page.evaluate(() => document.documentElement.dataset.theme);
      if (current !== theme) await page.getByTestId('theme-toggle').click();
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      await page.screenshot({ path: join(resultsDir, `ui-shell-${theme}.png`) });
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `${theme}: ${JSON.stringify(violations, null, 1)}`);
    }
  });

  it('stays usable in large type and at tablet width', async () => {
    await page.getByRole('button', { name: 'Large type' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.presenter === 'true');
    await page.screenshot({ path: join(resultsDir, 'ui-shell-presenter.png') });
    await page.getByRole('button', { name: 'Large type' }).click();
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(resultsDir, 'ui-shell-tablet.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at tablet width (${overflow}px)`);
    assert.deepEqual(await axeViolations(page), []);
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  it('loads without console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
