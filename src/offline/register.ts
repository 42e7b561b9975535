/**
 * Registers the service worker (service-worker.ts, built as /sw.js by
 * precache-plugin.ts) once the page has loaded, so precaching never competes
 * with the first paint. Production builds only: the dev server has no sw.js.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const base = import.meta.env.BASE_URL;
  const register = () =>
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((err: unknown) => {
      // Offline use is an extra: the app works without it (a private window may refuse service workers).
      console.warn('Layerlab works online only: the service worker was not registered:', err);
    });
  if (document.readyState === 'complete') void register();
  else addEventListener('load', () => void register(), { once: true });
}
