/**
 * Browser test harness: serves the production build (dist/) from an in-process
 * static server on 127.0.0.1 and drives Debian's Chromium with playwright-core.
 * Shared by the e2e tests and the benchmarks.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = join(import.meta.dirname, '../..');
/** The production build; $LAYERLAB_DIST points at another (engineers sharing a checkout build into their own). */
export const distDir = process.env.LAYERLAB_DIST || join(repoRoot, 'dist');

/** Chromium's path: $CHROMIUM_PATH, else Debian's /usr/bin/chromium; null when absent. */
export function chromiumPath(): string | null {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  return existsSync(p) ? p : null;
}

/**
 * Chromium for a browser test file: its path, or null after a loud skip
 * message. Under CI=true a missing browser is an error, never a skip.
 */
export function requireChromium(): string | null {
  const exe = chromiumPath();
  if (exe) return exe;
  if (process.env.CI === 'true') throw new Error('Chromium not found ($CHROMIUM_PATH or /usr/bin/chromium): required under CI=true');
  console.warn('\n*** SKIPPING browser tests: no Chromium at $CHROMIUM_PATH or /usr/bin/chromium (apt-get install chromium) ***\n');
  return null;
}

/** Builds dist/ unless it is already built (set LAYERLAB_REBUILD=1 to force). */
export function ensureBuilt(): void {
  if (existsSync(join(distDir, 'index.html')) && process.env.LAYERLAB_REBUILD !== '1') return;
  execFileSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
};

export interface StaticApp {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves dist/ (or another built app, `root`) on a free loopback port, with extra response `headers` if given. */
export async function serveDist(options: { root?: string; headers?: Readonly<Record<string, string>> } = {}): Promise<StaticApp> {
  const root = options.root ?? distDir;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.setHeader('Content-Type', MIME[extname(file)] ?? 'application/octet-stream');
    for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Headless Debian Chromium with the flags this sandbox needs (no network beyond loopback). */
export async function launchChromium(executablePath: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'layerlab-chromium-')), {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) {
    // Evaluated over the DevTools protocol: the page's Content-Security-Policy refuses inline script tags.
    await page.evaluate(readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  }
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    // Monaco's and xterm's internal widgets are audited upstream; everything we render is included.
    const r = await axe.run({ exclude: [['.monaco-editor .view-lines'], ['.xterm-screen']] }, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Waits until the terminal's scrollback (not just the visible rows) holds `text` at least `count` times. */
export async function waitForTerminalText(page: Page, text: string, count = 1, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ([t, n]) => {
      const all = (globalThis as unknown as { layerlab: { terminalText(): string } }).layerlab.terminalText();
      return all.split(t as string).length - 1 >= (n as number);
    },
    [text, count] as const,
    { timeout },
  );
}

/** A page of the built app in Chromium, console errors collected and dialogs accepted: where a browser test starts. */
export interface AppPage {
  readonly app: StaticApp;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions so far. */
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/** Builds dist/ if needed, serves it (with `serve`'s options), and opens a blank page in Chromium (navigate with `page.goto(app.url)`). */
export async function openAppPage(executablePath: string, serve: Parameters<typeof serveDist>[0] = {}): Promise<AppPage> {
  ensureBuilt();
  const app = await serveDist(serve);
  const context = await launchChromium(executablePath);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  return {
    app,
    context,
    page,
    consoleErrors,
    close: async () => {
      await context.close();
      await app.close();
    },
  };
}

/** Types a line into the terminal and presses Enter. */
export async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}
