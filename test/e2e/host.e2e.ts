/**
 * End-to-end: the terminal is a shell on the simulated Docker host (issue
 * 13). A learner runs nginx, looks at its layers under /var/lib/docker as
 * root, sees a write inside the container appear in the diff dir, and the
 * overlay mount; the workspace and the home directory are the same files.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openAppPage, repoRoot, requireChromium, typeLine, type AppPage } from './harness.ts';

const executable = requireChromium();
const resultsDir = join(repoRoot, 'test-results');

/** The terminal's whole scrollback (the app's own reader). */
function scrollback(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText());
}

/** Waits until the scrollback matches; `unwrap` joins lines the terminal wrapped at its width. */
async function waitForText(page: Page, pattern: RegExp, { timeout = 60_000, unwrap = false } = {}): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const raw = await scrollback(page);
    const text = unwrap ? raw.replace(/\n/g, '') : raw;
    if (pattern.test(text)) return text;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${pattern}; terminal:\n${text}`);
    await page.waitForTimeout(100);
  }
}

describe('the Docker host in the terminal', { skip: !executable }, () => {
  let open: AppPage;
  let page: Page;

  before(async () => {
    mkdirSync(resultsDir, { recursive: true });
    open = await openAppPage(executable!);
    page = open.page;
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(open.app.url);
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
  });

  after(async () => {
    await open?.close();
  });

  it('runs nginx and shows its merged and diff dirs, and the overlay mount, from the host', async () => {
    await typeLine(page, 'docker run -d --name web nginx');
    await waitForText(page, /\n[0-9a-f]{64}\n/);
    await typeLine(page, 'sudo -i');
    await waitForText(page, /root@docker-host:~# $/m);
    await typeLine(page, 'ls /var/lib/docker/overlay2/*/merged/usr/share/nginx/html/');
    await waitForText(page, /50x\.html\s+index\.html/);
    await typeLine(page, "docker exec web sh -c 'echo x > /new'");
    await typeLine(page, 'ls /var/lib/docker/overlay2/$(docker inspect web --format {{.Id}})/diff');
    await waitForText(page, /\bnew\b.*\n.*root@docker-host/);
    await typeLine(page, 'mount | grep overlay');
    const text = await waitForText(page, /overlay on \/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/merged type overlay \(rw,relatime,lowerdir=/, { unwrap: true });
    assert.match(text, /upperdir=\/var\/lib\/docker\/overlay2\/[0-9a-f]{64}\/diff/);
    await page.screenshot({ path: join(resultsDir, 'host-var-lib-docker.png') });
  });

  it('Ctrl-C ends a foreground job; exit leaves the root shell; the home directory is the workspace', async () => {
    await typeLine(page, 'sleep 100');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+C');
    await waitForText(page, /\^C\n.*root@docker-host:~# $/m);
    await typeLine(page, 'exit');
    await waitForText(page, /logout\n.*learner@docker-host:~\$ $/m);
    await typeLine(page, 'echo "made in the terminal" > from-shell.txt && ls');
    await waitForText(page, /Dockerfile/);
    await page.locator('[role="tree"] >> text=from-shell.txt').first().waitFor({ timeout: 10_000 });
  });

  it('ps shows the daemons and the container under host PIDs; systemctl and uname tell about the host', async () => {
    await typeLine(page, 'clear');
    await typeLine(page, 'ps aux');
    await waitForText(page, /containerd-shim-runc-v2 -namespace moby -id [0-9a-f]{64}/, { unwrap: true });
    await typeLine(page, 'uname -r; docker exec web uname -r');
    await waitForText(page, /6\.8\.0-48-generic\n6\.8\.0-48-generic\n/);
    await typeLine(page, 'systemctl status docker | head -10');
    await waitForText(page, /Active: active \(running\)/);
    await page.screenshot({ path: join(resultsDir, 'host-ps-systemctl.png') });
  });
});
