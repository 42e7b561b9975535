/**
 * The built app's Content-Security-Policy: only our own scripts, workers and
 * WASM run. No `unsafe-eval` anywhere (the bundle never calls eval or new
 * Function; a test greps it). `style-src 'unsafe-inline'` is for Monaco and
 * xterm, which set element styles and inject <style> at run time; styles
 * cannot run code. Registries are fetched over https (pull/push from the
 * worker); lesson packs come from our own origin.
 */
const base = {
  'default-src': "'self'",
  'script-src': "'self'",
  'worker-src': "'self'",
  'style-src': "'self' 'unsafe-inline'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self' https:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

const render = (p: Record<string, string>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

/** For the page itself (a <meta> tag in the built index.html, so any static host enforces it). */
export const PAGE_CSP = render(base);

/**
 * For HTTP headers where we serve the app (`vite preview`, the test server):
 * the page's policy plus `'wasm-unsafe-eval'`, which the engine worker needs
 * to compile the WASM inside our own bundle (hash-wasm's sha256) — a worker
 * takes its policy from its script's response headers, not from the page's
 * <meta>. Plus `frame-ancestors 'none'`, which only a header can set.
 */
export const SERVER_CSP = render({ ...base, 'script-src': "'self' 'wasm-unsafe-eval'", 'frame-ancestors': "'none'" });
