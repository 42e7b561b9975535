/**
 * Layerlab's service worker: after the first visit the app works offline.
 *
 * The build (precache-plugin.ts) fills in the manifest placeholder with every
 * file it wrote (the page, JS/CSS/WASM chunks including the lazy ones: Monaco,
 * the lessons, MicroPython) and a version derived from their contents, so a
 * new build is a new sw.js and the browser installs it.
 *
 * Lifecycle:
 * - install: fills the cache `layerlab-<version>`; content-named files
 *   (`assets/name-HASH.ext`) are copied from the previous version's cache
 *   instead of downloaded again. Any failed download fails the install, so
 *   a half-filled cache never serves.
 * - activate: takes over at once (skipWaiting + claim) and deletes older
 *   versions, keeping the one before: a tab still running the old build can
 *   lazily load its old chunks, which the server no longer has.
 * - fetch: same-origin GETs are cache-first (the current version, then the
 *   kept one, then the network); a page navigation gets the cached
 *   index.html whatever its query (`?pack=…`). Other origins (registries)
 *   are not touched.
 *
 * Cached responses keep their headers, so the page and the engine worker run
 * under the Content-Security-Policy they were served with.
 */
export {};

interface PrecacheManifest {
  readonly version: string;
  /** Paths relative to the service worker's scope, e.g. `index.html`, `assets/index-abc.js`. */
  readonly files: readonly string[];
}

declare const __PRECACHE_MANIFEST__: PrecacheManifest;

/** The parts of ServiceWorkerGlobalScope used here (the project's lib is DOM, which has no worker scope types). */
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(r: Response | Promise<Response>): void;
}
interface ServiceWorkerScope {
  readonly registration: { readonly scope: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (e: FetchEvent) => void): void;
}

const sw = self as unknown as ServiceWorkerScope;
const MANIFEST = __PRECACHE_MANIFEST__;
const PREFIX = 'layerlab-';
const CACHE = `${PREFIX}${MANIFEST.version}`;
const scope = new URL(sw.registration.scope);
const indexUrl = new URL('index.html', scope).href;

/** Vite names these by their content: the same URL is the same bytes in every build. */
const immutable = (path: string) => /^assets\/.+-[\w-]{8,}\.\w+$/.test(path);

/** Older Layerlab caches, newest first (CacheStorage keeps creation order). */
async function olderCaches(): Promise<string[]> {
  return (await caches.keys()).filter((k) => k.startsWith(PREFIX) && k !== CACHE).reverse();
}

async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const older = await olderCaches();
  await Promise.all(
    MANIFEST.files.map(async (path) => {
      const url = new URL(path, scope).href;
      if (await cache.match(url)) return;
      if (immutable(path)) {
        for (const name of older) {
          const hit = await (await caches.open(name)).match(url);
          if (hit) return cache.put(url, hit);
        }
      }
      // `reload`: past the HTTP cache, so a new build never precaches a stale index.html.
      const res = await fetch(url, { cache: 'reload' });
      if (!res.ok) throw new Error(`precache ${path}: HTTP ${res.status}`);
      await cache.put(url, res);
    }),
  );
}

sw.addEventListener('install', (e) => e.waitUntil(precache().then(() => sw.skipWaiting())));

sw.addEventListener('activate', (e) =>
  e.waitUntil(
    (async () => {
      const [, ...stale] = await olderCaches();
      await Promise.all(stale.map((k) => caches.delete(k)));
      await sw.clients.claim();
    })(),
  ),
);

async function respond(request: Request): Promise<Response> {
  const current = await caches.open(CACHE);
  const key = request.mode === 'navigate' ? indexUrl : request;
  const hit = (await current.match(key, { ignoreSearch: request.mode === 'navigate' })) ?? (await caches.match(key));
  return hit ?? fetch(request);
}

sw.addEventListener('fetch', (e) => {
  const { request } = e;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  // Navigations inside the scope are the app (index.html); other pages under it, if any, go to the network.
  if (request.mode === 'navigate' && url.pathname !== scope.pathname && url.href.split(/[?#]/)[0] !== indexUrl) return;
  e.respondWith(respond(request));
});
