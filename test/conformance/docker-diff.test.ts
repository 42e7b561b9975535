/**
 * `docker diff` conformance: go-archive's changes_test.go scenarios
 * (docker-diff-cases.json). The expected change lists come from the fixture;
 * the scenarios' prose steps are replayed here through the union mount (layer
 * walk, as overlay2 computes `docker diff`) or through two MemFs trees
 * (ChangesDirs, the naive full-tree compare).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/deps.ts';
import { changesDirs, formatChanges } from '../../src/engine/fs/changes.ts';
import type { LayerEntry } from '../../src/engine/fs/changes.ts';
import { MemFs } from '../../src/engine/fs/mem-fs.ts';
import type { Cred, Vfs } from '../../src/engine/fs/vfs.ts';
import { buildView } from '../../src/engine/snapshots/lower-view.ts';
import { UnionMount } from '../../src/engine/snapshots/union-mount.ts';
import { conformanceDir, haveConformance } from '../helpers/shared.ts';

interface SampleEntry {
  type: 'file' | 'dir' | 'symlink';
  path: string;
  content?: string;
  mode?: string;
  target?: string;
}
interface Scenario {
  name: string;
  expectedSorted: string[];
}
interface Cases {
  sampleTree: { entries: SampleEntry[] };
  scenarios: Scenario[];
}

const enc = (s: string) => new TextEncoder().encode(s);
/** The tests run with umask 0 so modes are exactly the ones given. */
const NO_UMASK: Cred = { uid: 0, gid: 0, groups: [0], umask: 0 };
const T0 = Date.UTC(2026, 0, 1);

/** `<ROOT>` in a symlink target is the tree's own root, which is `/` here. */
const target = (t: string) => t.replace('<ROOT>', '');

function sampleLayer(entries: SampleEntry[]): LayerEntry[] {
  return entries.map((e): LayerEntry => {
    const mode = e.mode ? parseInt(e.mode, 8) : 0o777;
    const base = { path: e.path, mode, uid: 0, gid: 0, mtimeMs: T0 };
    if (e.type === 'dir') return { ...base, kind: 'dir' };
    if (e.type === 'symlink') return { ...base, kind: 'symlink', target: target(e.target!) };
    return { ...base, kind: 'file', data: enc(e.content ?? '') };
  });
}

function populate(fs: Vfs, entries: SampleEntry[]): void {
  for (const e of entries) {
    const p = `/${e.path}`;
    if (e.type === 'dir') fs.mkdir(p, parseInt(e.mode!, 8), NO_UMASK);
    else if (e.type === 'symlink') fs.symlink(target(e.target!), p);
    else fs.writeFile(p, enc(e.content ?? ''), { mode: parseInt(e.mode!, 8), cred: NO_UMASK });
  }
}

function removeAll(fs: Vfs, path: string): void {
  if (fs.lstat(path).type === 'dir') {
    for (const e of fs.readdir(path)) removeAll(fs, `${path}/${e.name}`);
    fs.rmdir(path);
  } else fs.unlink(path);
}

describe.runIf(haveConformance())('docker diff conformance (go-archive changes_test.go)', () => {
  const cases = JSON.parse(readFileSync(join(conformanceDir, 'docker-diff-cases.json'), 'utf8')) as Cases;
  const scenario = (prefix: string) => {
    const s = cases.scenarios.find((x) => x.name.startsWith(prefix));
    if (!s) throw new Error(`scenario ${prefix} missing from docker-diff-cases.json`);
    return s;
  };

  it('has exactly the scenarios this suite replays', () => {
    expect(cases.scenarios.map((s) => s.name.split(' ')[0])).toEqual([
      'TestChangesWithChanges',
      'TestChangesWithChangesGH13590',
      'TestChangesDirsMutated',
    ]);
  });

  it('TestChangesWithChanges: layer walk over an upper with a whiteout', () => {
    const s = scenario('TestChangesWithChanges ');
    const lower = [...sampleLayer(cases.sampleTree.entries), { kind: 'dir', path: 'dir1/subfolder', mode: 0o740, uid: 0, gid: 0, mtimeMs: T0 } as LayerEntry];
    const clock = new ManualClock(T0);
    const m = new UnionMount({ lower: buildView([lower]), clock });
    clock.advance(60_000);
    m.unlink('/dir1/file1-2');
    m.writeFile('/dir1/file1-1', Uint8Array.of(0));
    m.chmod('/dir1/file1-1', 0o1444);
    m.chmod('/dir1/subfolder', 0o740);
    m.writeFile('/dir1/subfolder/newFile', new Uint8Array(0), { mode: 0o740, cred: NO_UMASK });
    expect(formatChanges(m.diff())).toEqual(s.expectedSorted);
  });

  it('TestChangesWithChangesGH13590: a modified deep file does not drag its parents in', () => {
    const s = scenario('TestChangesWithChangesGH13590');
    const dir = (path: string): LayerEntry => ({ kind: 'dir', path, mode: 0o755, uid: 0, gid: 0, mtimeMs: T0 });
    const lower: LayerEntry[] = [dir('dir1'), dir('dir1/dir2'), dir('dir1/dir2/dir3'), { ...dir('dir1/dir2/dir3/file.txt'), kind: 'file', mode: 0o644, data: enc('hello') }];
    const clock = new ManualClock(T0);
    const m = new UnionMount({ lower: buildView([lower]), clock });
    clock.advance(60_000);
    m.writeFile('/dir1/dir2/dir3/file.txt', enc('bye'));
    expect(formatChanges(m.diff())).toEqual(s.expectedSorted);
  });

  it('TestChangesDirsMutated: full-tree compare ignores directory mtimes', () => {
    const s = scenario('TestChangesDirsMutated');
    const clock = new ManualClock(T0);
    const oldFs = new MemFs({ clock });
    const newFs = new MemFs({ clock });
    populate(oldFs, cases.sampleTree.entries);
    populate(newFs, cases.sampleTree.entries);
    clock.advance(60_000);
    newFs.unlink('/file1');
    removeAll(newFs, '/dir1');
    newFs.unlink('/symlink1');
    newFs.writeFile('/file2', enc('fileNN\n'), { mode: 0o777, cred: NO_UMASK });
    newFs.unlink('/file3');
    newFs.writeFile('/file3', enc('fileMM\n'), { mode: 0o404, cred: NO_UMASK });
    const f4 = newFs.stat('/file4');
    newFs.utimes('/file4', f4.atimeMs + 1000, f4.mtimeMs + 1000);
    newFs.unlink('/file5');
    newFs.mkdir('/file5', 0o666, NO_UMASK);
    newFs.writeFile('/filenew', enc('filenew\n'), { mode: 0o777, cred: NO_UMASK });
    newFs.mkdir('/dirnew', 0o766, NO_UMASK);
    newFs.symlink('targetnew', '/symlinknew');
    newFs.unlink('/symlink2');
    newFs.symlink('target2change', '/symlink2');
    removeAll(newFs, '/dir2');
    newFs.writeFile('/dir2', enc('dir2\n'), { mode: 0o777, cred: NO_UMASK });
    const d3 = newFs.stat('/dir3');
    newFs.utimes('/dir3', d3.atimeMs + 1000, d3.mtimeMs + 1000);
    expect(formatChanges(changesDirs(oldFs, newFs))).toEqual(s.expectedSorted);
  });
});
