/**
 * End-to-end: a learner completes lesson 4 (copy-on-write) in Debian Chromium
 * by typing every command into the terminal. The lesson's checks must fail
 * with an expected-vs-actual message first, pass on their own after the
 * commands (no "Check now" click), and the progress must survive a reload.
 * Screenshots land in test-results/lessons-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, openAppPage, repoRoot, requireChromium, typeLine, type AppPage } from './harness.ts';
import { lessonIds, loadLesson } from '../helpers/lessons.ts';
import { readProgressReport } from '../../src/app/lessons/progress.ts';

const executable = requireChromium();
const resultsDir = join(repoRoot, 'test-results');
const LESSON = '04-copy-on-write';

const status = (page: Page) => page.locator('[data-testid="step-status"]');

describe('lessons in Chromium', { skip: !executable }, () => {
  let open: AppPage;
  let page: Page;
  let app: AppPage['app'];

  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    open = await openAppPage(executable!);
    ({ page, app } = open);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(app.url);
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
  });

  after(async () => {
    await open?.close();
  });

  it('lists the course with every lesson', async () => {
    await page.locator(`button[data-lesson="${LESSON}"]`).waitFor();
    assert.equal(await page.locator('button[data-lesson]').count(), lessonIds().length);
    await page.screenshot({ path: join(resultsDir, 'lessons-catalogue.png') });
  });

  it('completes lesson 4 by typing in the terminal, with checks that explain', async () => {
    const lesson = loadLesson(LESSON);
    await page.locator(`button[data-lesson="${LESSON}"]`).click();
    await page.locator('[data-testid="step-title"]', { hasText: lesson.steps[0]!.text.en!.title }).waitFor();
    // Before any command, the first check fails and says what it found instead.
    await page.locator('[data-testid="checks"] li.fail', { hasText: 'there is no container' }).waitFor();
    await page.getByRole('button', { name: 'Hint', exact: true }).click();
    await page.locator('ol.hints li').first().waitFor();
    await page.screenshot({ path: join(resultsDir, 'lessons-step-failing.png') });

    for (const [i, step] of lesson.steps.entries()) {
      await page.locator('[data-testid="step-title"]', { hasText: step.text.en!.title }).waitFor();
      for (const line of step.solution.run) await typeLine(page, line);
      const done = i === lesson.steps.length - 1 ? 'Lesson complete!' : 'Step complete';
      await status(page)
        .filter({ hasText: done })
        .waitFor({ timeout: 30_000 })
        .catch(async (err: Error) => {
          await page.screenshot({ path: join(resultsDir, `lessons-stuck-${step.id}.png`) });
          throw new Error(`${step.id}: ${err.message}\n${await page.locator('[data-testid="checks"]').innerText()}`);
        });
      assert.equal(await page.locator('[data-testid="checks"] li.fail').count(), 0, `${step.id}: no failing check`);
      if (step.id === 'delete') await page.screenshot({ path: join(resultsDir, 'lessons-step-passed.png') });
      if (i < lesson.steps.length - 1) await page.locator('[data-testid="next-step"]').click();
    }
    const terminal = await page.evaluate(() => (globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText());
    assert.match(terminal, /D \/bin\/ls/);
    assert.match(terminal, /nobody:x:65534/);
    await page.screenshot({ path: join(resultsDir, 'lessons-complete.png') });
  });

  it('keeps progress across a reload and shows the lesson in Chinese', async () => {
    await page.reload();
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
    await page.locator('[data-testid="step-title"]').waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.locator('[data-testid="step-title"]', { hasText: '两个容器，一个镜像' }).waitFor();
    await page.getByRole('button', { name: '返回列表' }).click();
    const row = page.locator('li', { has: page.locator(`button[data-lesson="${LESSON}"]`) });
    await row.locator('.badge', { hasText: '5/5' }).waitFor();
    await page.screenshot({ path: join(resultsDir, 'lessons-zh-catalogue.png') });
    await page.getByRole('button', { name: 'English' }).click().catch(() => undefined);
  });

  it('teacher mode: exports progress, reads it back as a class report, opens a class pack, large type', async () => {
    await page.locator('summary', { hasText: 'Teacher' }).click();
    await page.getByLabel('Your name (for the teacher)').fill('Ada');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export my progress' }).click()]);
    const path = join(resultsDir, 'lessons-progress-ada.json');
    await download.saveAs(path);
    const read = readProgressReport(readFileSync(path, 'utf8'));
    assert.ok(read?.intact, 'the exported file checks out');
    assert.equal(read.report.learner, 'Ada');
    assert.deepEqual(read.report.lessons.find((l) => l.id === LESSON), { id: LESSON, steps: 5, passed: 5, hints: 1, solutions: 0 });

    await page.locator('.teacher input[type="file"][multiple]').setInputFiles(path);
    await page.locator('.report th[scope="row"]', { hasText: 'Ada' }).waitFor();
    await page.locator('.report td', { hasText: 'intact' }).waitFor();

    const pack = {
      format: 'layerlab-class-pack/1',
      title: 'Week 3: layers',
      lessons: [
        LESSON,
        { id: 'our-own', files: { 'lesson.en.md': '---\ntitle: Our own lesson\nsummary: Pull alpine.\n---\nA teacher wrote this.\n\n---\nid: pull\ntitle: Pull alpine\nhints: [Type `docker pull alpine`.]\nchecks:\n  - kind: image\n    image: alpine\n---\n<script>alert(1)</script> is shown as text.\n' } },
      ],
    };
    await page.locator('.teacher input[type="file"]:not([multiple])').setInputFiles({ name: 'pack.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(pack)) });
    await page.locator('#lesson-title', { hasText: 'Week 3: layers' }).waitFor();
    assert.equal(await page.locator('button[data-lesson]').count(), 2);
    await page.locator('button[data-lesson="our-own"]').click();
    await page.locator('[data-testid="step-title"]', { hasText: 'Pull alpine' }).waitFor();
    assert.match(await page.locator('.prose').last().innerText(), /<script>alert\(1\)<\/script> is shown as text/);
    await page.getByRole('button', { name: 'Large type' }).click();
    await page.screenshot({ path: join(resultsDir, 'lessons-presenter.png') });
    await page.getByRole('button', { name: 'Large type' }).click();
  });

  it('the lesson pane passes an axe audit in both themes', async () => {
    await page.getByRole('button', { name: 'Back to the list' }).click();
    await page.locator('summary', { hasText: 'Teacher' }).click();
    await page.getByRole('button', { name: 'Back to the built-in course' }).click();
    await page.locator(`button[data-lesson="${LESSON}"]`).waitFor();
    await axeViolations(page); // loads axe-core into the page
    /** Serious and critical violations inside the lesson pane only (the other panes have their own audits). */
    const audit = () =>
      page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
        const r = await axe.run({ include: [['#pane-lesson']] }, { resultTypes: ['violations'] });
        return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
    const views: string[] = [];
    for (const theme of ['dark', 'light']) {
      views.push(...(await audit()).map((v) => `${theme} list: ${v}`));
      await page.locator(`button[data-lesson="${LESSON}"]`).click();
      await page.locator('[data-testid="step-title"]').waitFor();
      await page.locator('[data-testid="checks"] li.fail').first().waitFor();
      if (await page.locator('[data-testid="hint"]').isEnabled()) await page.locator('[data-testid="hint"]').click();
      await page.locator('[data-testid="show-solution"]').click();
      await page.locator('.solution').waitFor();
      await page.screenshot({ path: join(resultsDir, `lessons-audit-${theme}.png`) });
      views.push(...(await audit()).map((v) => `${theme} step: ${v}`));
      await page.getByRole('button', { name: 'Back to the list' }).click();
      await page.locator('[data-testid="theme-toggle"]').click();
    }
    assert.deepEqual(views, []);
  });

  it('opens a class pack named in the address (?pack=), with the teacher\'s own lesson', async () => {
    await page.goto(`${app.url}?pack=packs/week-1.json`);
    await page.locator('#lesson-title', { hasText: 'Containers, week 1' }).waitFor();
    assert.equal(await page.locator('button[data-lesson]').count(), 6);
    await page.locator('button[data-lesson="90-course-base"]').waitFor();
  });

  it('logs no console errors', () => {
    assert.deepEqual(open.consoleErrors, []);
  });
});
