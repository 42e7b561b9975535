import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { unpackTar } from 'modern-tar';
import LightningFS from '@isomorphic-git/lightning-fs';
import { LightningWorkspaceStore, MemoryWorkspaceStore } from '../../src/app/workspace/workspace-store.ts';
import { STARTER_FILES, Workspace, checkPath, fileText, treeRows } from '../../src/app/state/workspace.svelte.ts';

// lightning-fs looks for navigator.locks and falls back to an IndexedDB mutex without it (stack.md §3).
(globalThis as { navigator?: object }).navigator ??= {};

let dbCount = 0;
/** A workspace over its own IndexedDB database; `reopen` gives a second FS on the same database, as a reload does. */
function openWorkspace(name = `ws-test-${++dbCount}`): Workspace {
  return new Workspace(new LightningWorkspaceStore(new LightningFS(name)));
}

describe('Workspace over lightning-fs', () => {
  it('seeds the starter build context on first visit and opens the Dockerfile', async () => {
    const ws = openWorkspace();
    await ws.load();
    expect(ws.paths).toEqual(Object.keys(STARTER_FILES).sort());
    expect(ws.active).toBe('Dockerfile');
    expect(await ws.readText('Dockerfile')).toBe(STARTER_FILES.Dockerfile);
  });

  it('keeps files across a reload (a new FS on the same IndexedDB database)', async () => {
    const name = `ws-reload-${++dbCount}`;
    const first = openWorkspace(name);
    await first.load();
    expect(await first.create('app/main.py', 'print("hi")\n')).toBeNull();
    await first.save('Dockerfile', 'FROM alpine:3.20\n');
    await first.remove('hello.sh');
    const second = openWorkspace(name);
    await second.load();
    expect(second.paths).toEqual(['.dockerignore', 'Dockerfile', 'app/main.py']);
    expect(await second.readText('Dockerfile')).toBe('FROM alpine:3.20\n');
    expect(await second.readText('app/main.py')).toBe('print("hi")\n');
  });

  it('refuses bad and clashing names with a message key and changes nothing', async () => {
    const ws = openWorkspace();
    await ws.load();
    expect(await ws.create('Dockerfile')).toBe('pathExists');
    expect(await ws.create('../etc/passwd')).toBe('pathInvalid');
    expect(await ws.create('/abs')).toBe('pathInvalid');
    expect(await ws.create('Dockerfile/inside')).toBe('pathExists');
    expect(await ws.create('  ')).toBe('pathEmpty');
    expect(await ws.rename('hello.sh', 'Dockerfile')).toBe('pathExists');
    expect(ws.paths).toEqual(Object.keys(STARTER_FILES).sort());
  });

  it('renames files and whole directories, following the open file', async () => {
    const ws = openWorkspace();
    await ws.load();
    await ws.create('src/a.txt', 'a');
    await ws.create('src/b.txt', 'b');
    expect(ws.active).toBe('src/b.txt');
    expect(await ws.rename('src', 'lib')).toBeNull();
    expect(ws.paths).toContain('lib/a.txt');
    expect(ws.paths).not.toContain('src/a.txt');
    expect(ws.active).toBe('lib/b.txt');
    expect(await ws.rename('lib', 'lib/inner')).toBe('pathInvalid');
    await ws.remove('lib');
    expect(ws.paths.some((p) => p.startsWith('lib/'))).toBe(false);
    expect(ws.active).toBe('Dockerfile');
  });

  it('uploads bytes as they are and packs the workspace as a tar', async () => {
    const ws = openWorkspace();
    await ws.load();
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(await ws.upload([{ name: 'blob.bin', data: bytes }], 'data')).toBeNull();
    expect([...(await ws.readBytes('data/blob.bin'))]).toEqual([...bytes]);
    const entries = await unpackTar(await ws.tar(new Date(0)));
    const byName = new Map(entries.map((e) => [e.header.name, e.data]));
    expect([...byName.keys()].sort()).toEqual(ws.paths);
    expect(new TextDecoder().decode(byName.get('Dockerfile'))).toBe(STARTER_FILES.Dockerfile);
    expect([...byName.get('data/blob.bin')!]).toEqual([...bytes]);
  });
});

describe('workspace paths and tree', () => {
  it('checkPath accepts relative paths only', () => {
    expect(checkPath('app/main.py')).toBeNull();
    expect(checkPath('.dockerignore')).toBeNull();
    for (const bad of ['a//b', 'a/./b', 'a\\b', '/x', 'x/']) expect(checkPath(bad)).toBe('pathInvalid');
  });

  it('treeRows lists directories first, with ARIA levels', () => {
    expect(treeRows(['z.txt', 'app/b.py', 'app/lib/c.py', 'Dockerfile']).map((r) => `${r.level}${r.kind[0]}:${r.path}`)).toEqual([
      '1d:app',
      '2d:app/lib',
      '3f:app/lib/c.py',
      '2f:app/b.py',
      '1f:Dockerfile',
      '1f:z.txt',
    ]);
  });
});

describe('fileText', () => {
  it('decodes UTF-8 text and refuses binary: invalid UTF-8, or a NUL (a tar of text files is valid UTF-8)', () => {
    expect(fileText(new TextEncoder().encode('FROM busybox\n# 层\n'))).toBe('FROM busybox\n# 层\n');
    expect(fileText(new Uint8Array([0x1f, 0x8b, 0x08, 0xff]))).toBeNull();
    expect(fileText(new TextEncoder().encode('manifest.json\0\0\0'))).toBeNull();
    expect(fileText(new Uint8Array())).toBe('');
  });
});

describe('Workspace snapshots for sessions', () => {
  it('snapshots text files, leaves binary ones out, and replaces everything from a session', async () => {
    const ws = openWorkspace();
    await ws.load();
    await ws.upload([{ name: 'logo.png', data: new Uint8Array([0x89, 0x50, 0xff, 0xfe]) }]);
    const snap = await ws.snapshot();
    expect(snap.skipped).toEqual(['logo.png']);
    expect(Object.keys(snap.files).sort()).toEqual(Object.keys(STARTER_FILES).sort());
    await ws.replaceAll({ Dockerfile: 'FROM alpine:3.20\n', 'src/app.js': 'console.log(1)\n' });
    expect(ws.paths).toEqual(['Dockerfile', 'src/app.js']);
    expect(ws.active).toBe('Dockerfile');
    await expect(ws.replaceAll({ '../x': '' })).rejects.toThrow(/refusing/);
    expect(ws.paths).toEqual(['Dockerfile', 'src/app.js']);
  });
});

describe('MemoryWorkspaceStore (no IndexedDB)', () => {
  it('behaves like the persistent store for the workspace verbs', async () => {
    const ws = new Workspace(new MemoryWorkspaceStore());
    await ws.load();
    expect(ws.paths).toEqual(Object.keys(STARTER_FILES).sort());
    await ws.create('src/a.txt', 'a');
    expect(await ws.rename('src', 'lib')).toBeNull();
    expect(ws.paths).toContain('lib/a.txt');
    expect(await ws.readText('lib/a.txt')).toBe('a');
    await ws.remove('lib');
    expect(ws.paths).toEqual(Object.keys(STARTER_FILES).sort());
    await expect(ws.readText('lib/a.txt')).rejects.toThrow(/ENOENT/);
  });
});
