/**
 * A Vite build plugin that writes `sw.js`: service-worker.ts with the list of
 * every file of the build (the precache manifest) and a version that changes
 * when any of them does.
 *
 * Why not vite-plugin-pwa / Workbox: vite-plugin-pwa 2 supports Vite 8, but
 * its workbox-build brings Babel, Rollup and Terser (a second bundler beside
 * Vite's Rolldown, dozens of packages) to produce what this file and a
 * 100-line worker do: we need precaching and cache-first, nothing else.
 *
 * It runs after the bundle is written and lists the output directory itself,
 * so it sees everything the browser may ask for: chunks and assets of the
 * page, the engine worker's and Monaco's workers (built separately), lazy
 * chunks (Monaco, lessons, Markdown) and the public/ files.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { transformWithOxc, type Plugin, type ResolvedConfig } from 'vite';

const SOURCE = new URL('./service-worker.ts', import.meta.url);
const OUTPUT = 'sw.js';
/** Source maps are for debugging, never requested by the app. */
const skip = (path: string) => path === OUTPUT || path.endsWith('.map');

/** Every file under `dir`, as sorted '/'-separated paths relative to it. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
    .sort();
}

/** The manifest for a built output directory: its files and a version hashed from their paths and bytes. */
export function precacheManifest(outDir: string): { version: string; files: string[] } {
  const files = listFiles(outDir).filter((p) => !skip(p));
  const hash = createHash('sha256');
  for (const path of files) hash.update(path).update('\0').update(readFileSync(join(outDir, path))).update('\0');
  return { version: hash.digest('hex').slice(0, 16), files };
}

export function precachePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'layerlab-precache',
    apply: 'build',
    enforce: 'post',
    configResolved(c) {
      config = c;
    },
    async writeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const manifest = precacheManifest(outDir);
      const { code } = await transformWithOxc(readFileSync(SOURCE, 'utf8'), SOURCE.pathname, { lang: 'ts' });
      // The worker is registered as a classic script (module service workers are not everywhere yet):
      // the `export {}` that makes the source a module for the type checker goes.
      const script = code.replace(/^export \{\s*\};?\s*$/m, '');
      const parts = script.split('__PRECACHE_MANIFEST__');
      if (parts.length !== 2 || /^\s*(import|export)\b/m.test(script)) {
        throw new Error('layerlab-precache: service-worker.ts must import nothing and name the manifest placeholder once');
      }
      writeFileSync(join(outDir, OUTPUT), parts.join(JSON.stringify(manifest)));
    },
  };
}
