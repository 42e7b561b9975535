import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { precacheManifest } from '../../src/offline/precache-plugin.ts';

/** A built app in a temporary directory: `files` maps paths to contents. */
function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-precache-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('precacheManifest', () => {
  const app = { 'index.html': '<!doctype html>', 'assets/index-Abc12345.js': 'x', 'assets/.dockerignore_raw--kakbY7A.js': 'y', 'packs/class.md': '#' };

  it('lists every built file (dotfiles and public/ ones too), sorted, without sw.js and source maps', () => {
    const dir = build({ ...app, 'sw.js': 'old', 'assets/index-Abc12345.js.map': '{}' });
    expect(precacheManifest(dir).files).toEqual(['assets/.dockerignore_raw--kakbY7A.js', 'assets/index-Abc12345.js', 'index.html', 'packs/class.md']);
  });

  it('has a version that changes with any file’s bytes or name, and only then', () => {
    const v = precacheManifest(build(app)).version;
    expect(v).toMatch(/^[0-9a-f]{16}$/);
    expect(precacheManifest(build({ ...app, 'sw.js': 'ignored' })).version).toBe(v);
    expect(precacheManifest(build({ ...app, 'index.html': '<!doctype html><meta>' })).version).not.toBe(v);
    expect(precacheManifest(build({ ...app, 'favicon.svg': '<svg/>' })).version).not.toBe(v);
  });
});
