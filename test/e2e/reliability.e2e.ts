/**
 * End-to-end, in Chromium, under the app's Content-Security-Policy served as
 * a header (the worker's policy) and as the page's <meta>: no policy
 * violation while the editor, the engine worker and its WASM run; hostile
 * text in terminal output, file names and image labels stays text; the
 * built bundle has no eval; and persistence survives the page being killed
 * mid-command and mid-save, and a corrupt save (recovered from the previous
 * snapshot, with a message).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { SERVER_CSP } from '../../src/lib/content-security-policy.ts';
import { distDir, ensureBuilt, launchChromium, requireChromium } from './harness.ts';

const executable = requireChromium();

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.json': 'application/json', '.png': 'image/png' };

/** dist/ served with the Content-Security-Policy header, as `vite preview` serves it. */
async function serveWithCsp(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(distDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(distDir) || !existsSync(file)) {
      res.statusCode = 404;
      return void res.end();
    }
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Content-Security-Policy', SERVER_CSP);
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server };
}

const terminalText = (page: Page) => page.evaluate(() => (globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText());

async function waitForText(page: Page, re: RegExp, timeout = 60_000): Promise<void> {
  await page.waitForFunction((src) => new RegExp(src).test((globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText()), re.source, { timeout });
}

/** Prompts in the scrollback (xterm trims the space after `$`). */
const prompts = (text: string) => text.match(/@docker-host:[^\n]*[$#]/g)?.length ?? 0;

/** Types a line at the prompt and waits for the prompt after it (the command finished). */
async function run(page: Page, line: string): Promise<string> {
  const before = prompts(await terminalText(page));
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    (n) => ((globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText().match(/@docker-host:[^\n]*[$#]/g)?.length ?? 0) > n,
    before,
    { timeout: 120_000 },
  );
  return terminalText(page);
}

/** The saved state's `current` document, read straight from IndexedDB. */
const savedTags = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('layerlab-engine', 1);
        req.onsuccess = () => {
          const get = req.result.transaction('snapshots').objectStore('snapshots').get('current');
          get.onsuccess = () => resolve(JSON.stringify(get.result?.body?.records ?? null));
          get.onerror = () => reject(get.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );

/** Kills the page's renderer, as a crashed or force-closed tab (Page.crash never answers: wait for the crash itself). */
async function crash(context: BrowserContext, page: Page): Promise<void> {
  const crashed = page.waitForEvent('crash', { timeout: 10_000 }).catch(() => undefined);
  const cdp = await context.newCDPSession(page);
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  await page.close().catch(() => undefined);
}

async function openApp(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (d) => void d.dismiss());
  await page.goto(url);
  await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
  await page.waitForFunction(() => (globalThis as { layerlab?: unknown }).layerlab !== undefined);
  return page;
}

describe('reliability and security in Chromium', { skip: !executable }, () => {
  let context: BrowserContext;
  let served: { url: string; server: Server };
  const violations: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    ensureBuilt();
    served = await serveWithCsp();
    context = await launchChromium(executable!);
    await context.exposeBinding('__cspViolation', (_src, text: string) => void violations.push(text));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => (globalThis as unknown as { __cspViolation(t: string): void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI}`));
    });
    context.on('page', (p) => p.on('dialog', (d) => void dialogs.push(d.message())));
  });

  after(async () => {
    await context?.close();
    served?.server.close();
  });

  it('the built bundle has no eval, new Function or string timers', () => {
    const assets = join(distDir, 'assets');
    const hits: string[] = [];
    for (const f of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
      // awk's evaluator has a method called eval: a definition `eval(e){`, not a call.
      const text = readFileSync(join(assets, f), 'utf8').replace(/\beval\(\w*\)\{/g, '');
      for (const m of text.matchAll(/(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*["'`]|\bset(?:Timeout|Interval)\s*\(\s*["'`]/g)) hits.push(`${f}: ${text.slice(m.index! - 40, m.index! + 40)}`);
    }
    assert.deepEqual(hits, []);
    assert.match(readFileSync(join(distDir, 'index.html'), 'utf8'), /<meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; script-src &#39;self&#39;;/);
  });

  it('runs under the policy: editor, worker, WASM hashing, with hostile text kept as text', async () => {
    const page = await openApp(context, served.url);
    await page.locator('.monaco-editor').first().waitFor({ timeout: 60_000 });
    await run(page, 'docker pull hello-world');
    await waitForText(page, /Status: Downloaded newer image for hello-world:latest/);
    // Terminal output: markup, a clipboard write, a title change and a hyperlink.
    await run(page, `printf '<img src=x onerror=alert(1)>\\033]52;c;cHduZWQ=\\007\\033]0;pwned\\007\\033]8;;javascript:alert(1)\\033\\\\link\\033]8;;\\033\\\\\\n'`);
    await waitForText(page, /<img src=x onerror=alert\(1\)>link/);
    assert.equal(await page.title(), 'Layerlab');
    // A file name and an image label.
    await run(page, `touch '<svg onload=alert(1)>.txt'`);
    await run(page, `printf 'FROM hello-world\\nLABEL x="<img src=x onerror=alert(2)>"\\n' > Dockerfile.xss`);
    await run(page, 'docker build -f Dockerfile.xss -t xss .');
    await run(page, `docker inspect --format '{{json .Config.Labels}}' xss`);
    await waitForText(page, /"x":"(\\u003c|<)img src=x onerror=alert\(2\)(\\u003e|>)"/);
    await page.getByRole('treeitem', { name: '<svg onload=alert(1)>.txt' }).waitFor({ timeout: 30_000 }).catch(() => undefined);
    assert.equal(await page.locator('#app img[onerror], #app svg[onload], #app [onerror], #app [onload]').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(violations, []);
    await page.close();
  });

  it('a page killed mid-command loses only that command; killed mid-save, the last complete save loads', async () => {
    const page = await openApp(context, served.url);
    await run(page, 'docker pull hello-world');
    await run(page, 'docker tag hello-world keep:1');
    for (let i = 0; i < 50 && !(await savedTags(page)).includes('keep:1'); i++) await page.waitForTimeout(100);
    assert.match(await savedTags(page), /keep:1/);
    // Mid-command: a busy loop in the foreground, then the renderer dies.
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type(`docker run busybox sh -c 'while true; do :; done'\n`);
    await page.waitForTimeout(1500);
    await crash(context, page);
    // Mid-save: tag, and crash the page at once, several times.
    for (let i = 0; i < 4; i++) {
      const p = await openApp(context, served.url);
      await p.locator('.xterm-helper-textarea').focus();
      await p.keyboard.type(`docker tag hello-world crash:${i}\n`);
      await p.waitForTimeout(20 * i);
      await crash(context, p);
    }
    const last = await openApp(context, served.url);
    const out = await run(last, 'docker images --format {{.Repository}}:{{.Tag}}');
    assert.match(out, /keep:1/);
    assert.doesNotMatch(out, /could not be used/);
    await last.close();
  });

  it('a corrupt save is recovered from the previous snapshot, and the terminal says so', async () => {
    const page = await openApp(context, served.url);
    await run(page, 'docker pull hello-world');
    await run(page, 'docker tag hello-world before:1');
    await page.waitForTimeout(1000);
    await run(page, 'docker tag hello-world newest:1');
    for (let i = 0; i < 50 && !(await savedTags(page)).includes('newest:1'); i++) await page.waitForTimeout(100);
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('layerlab-engine', 1);
          req.onsuccess = () => {
            const tx = req.result.transaction('snapshots', 'readwrite');
            const store = tx.objectStore('snapshots');
            const get = store.get('current');
            get.onsuccess = () => store.put({ ...get.result, checksum: 'sha256:' + '0'.repeat(64) }, 'current');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await page.locator('[data-testid="terminal"][data-ready="true"]').waitFor();
    // The message wraps across terminal rows (which lose their trailing blanks): match it with all blanks taken out.
    await page.waitForFunction(() =>
      /Thesavedenginestatecouldnotbeused\(enginestateiscorrupt:checksumsha256:\w+doesnotmatchsha256:0{64}\)/.test(
        (globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText().replace(/\s+/g, ''),
      ),
    );
    const out = await run(page, 'docker images --format {{.Repository}}:{{.Tag}}');
    assert.match(out, /before:1/);
    await page.close();
  });
});
