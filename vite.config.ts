/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { PAGE_CSP, SERVER_CSP } from './src/lib/content-security-policy.ts';
import { precachePlugin } from './src/offline/precache-plugin.ts';

/** The CSP <meta> goes into the built page only: the dev server's hot reload needs more than the app does. */
const contentSecurityPolicy = {
  name: 'layerlab-csp',
  apply: 'build' as const,
  transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP }, injectTo: 'head-prepend' as const }],
};

// The app: Svelte UI on the main thread, the engine in a module worker.
export default defineConfig({
  // precachePlugin: the service worker (offline after the first visit) with the list of every built file.
  plugins: [svelte(), contentSecurityPolicy, precachePlugin()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // Monaco is a lazy chunk far above the default warning size; the initial bundle is measured in bench.
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', headers: { 'Content-Security-Policy': SERVER_CSP } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/conformance/**/*.test.ts', 'test/oracle/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
