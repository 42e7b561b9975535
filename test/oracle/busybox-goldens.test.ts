import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/engine/userspace/run.ts';
import { bootUserspace, mkdirp, sh, writeText } from '../helpers/userspace.ts';
import { expectedDir, loadLayout, loadPending, scriptsDir } from './busybox-layout.ts';
import type { GoldenResult } from './busybox-layout.ts';

/**
 * Every script in test/fixtures/busybox/scripts was recorded under Debian's
 * real BusyBox (record-busybox-goldens.ts); our shell, applets and process
 * model must reproduce stdout, stderr and the exit status byte for byte.
 */
const layout = loadLayout();
const pending = loadPending();
const names = readdirSync(scriptsDir).filter((f) => f.endsWith('.sh')).map((f) => f.slice(0, -3)).sort();

function boot() {
  const sys = bootUserspace();
  const { vfs } = sys;
  const t = Date.parse(layout.mtime);
  mkdirp(vfs, layout.scratch);
  for (const d of layout.dirs) mkdirp(vfs, `${layout.scratch}/${d.path}`);
  for (const f of layout.files) {
    const p = `${layout.scratch}/${f.path}`;
    mkdirp(vfs, p.slice(0, p.lastIndexOf('/')));
    writeText(vfs, p, f.text, parseInt(f.mode ?? '644', 8));
  }
  for (const f of layout.files) vfs.utimes(`${layout.scratch}/${f.path}`, t, t);
  for (const d of [...layout.dirs.map((x) => x.path), 'dir/sub', 'dir', '.']) vfs.utimes(`${layout.scratch}/${d}`, t, t);
  return sys;
}

describe('BusyBox goldens', () => {
  it('has at least 150 recorded scripts, each with an expectation', () => {
    expect(names.length).toBeGreaterThanOrEqual(150);
    for (const n of names) expect(readdirSync(expectedDir)).toContain(`${n}.json`);
  });

  for (const name of names) {
    const run = pending[name] !== undefined ? it.skip : it;
    run(name, async () => {
      const script = readFileSync(join(scriptsDir, `${name}.sh`), 'utf8');
      const want = JSON.parse(readFileSync(join(expectedDir, `${name}.json`), 'utf8')) as GoldenResult;
      const { kernel } = boot();
      const got = name.startsWith('stdin-')
        ? await runCommand(kernel, ['sh'], { path: '/bin/sh', cwd: layout.scratch, env: layout.env, stdin: script, cred: { uid: 0, gid: 0, groups: [], umask: 0o022 } })
        : await sh(kernel, script, { cwd: layout.scratch, env: layout.env, stdin: '', cred: { uid: 0, gid: 0, groups: [], umask: 0o022 } });
      expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual(want);
    });
  }
});
