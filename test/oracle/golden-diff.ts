/**
 * Developer aid: `npx tsx test/oracle/golden-diff.ts NAME…` runs golden
 * scripts in our shell and prints a unified diff against the recording.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/engine/userspace/run.ts';
import { bootUserspace, mkdirp, sh, writeText } from '../helpers/userspace.ts';
import { expectedDir, loadLayout, scriptsDir } from './busybox-layout.ts';

const layout = loadLayout();
const dir = mkdtempSync(join(tmpdir(), 'golden-'));
for (const name of process.argv.slice(2)) {
  const sys = bootUserspace();
  const t = Date.parse(layout.mtime);
  mkdirp(sys.vfs, layout.scratch);
  for (const d of layout.dirs) mkdirp(sys.vfs, `${layout.scratch}/${d.path}`);
  for (const f of layout.files) {
    const p = `${layout.scratch}/${f.path}`;
    mkdirp(sys.vfs, p.slice(0, p.lastIndexOf('/')));
    writeText(sys.vfs, p, f.text, parseInt(f.mode ?? '644', 8));
    sys.vfs.utimes(p, t, t);
  }
  for (const d of [...layout.dirs.map((x) => x.path), 'dir/sub', 'dir', '.']) sys.vfs.utimes(`${layout.scratch}/${d}`, t, t);
  const script = readFileSync(join(scriptsDir, `${name}.sh`), 'utf8');
  const got = name.startsWith('stdin-')
        ? await runCommand(sys.kernel, ['sh'], { path: '/bin/sh', cwd: layout.scratch, env: layout.env, stdin: script, cred: { uid: 0, gid: 0, groups: [], umask: 0o022 } })
        : await sh(sys.kernel, script, { cwd: layout.scratch, env: layout.env, stdin: '', cred: { uid: 0, gid: 0, groups: [], umask: 0o022 } });
  const want = JSON.parse(readFileSync(join(expectedDir, `${name}.json`), 'utf8')) as typeof got;
  const show = (r: typeof got): string => `${r.stdout}--- stderr\n${r.stderr}--- status ${r.status}\n`;
  writeFileSync(join(dir, 'want'), show(want));
  writeFileSync(join(dir, 'got'), show(got));
  process.stdout.write(`==== ${name}\n`);
  try {
    execFileSync('diff', ['-u', join(dir, 'want'), join(dir, 'got')], { stdio: 'inherit' });
  } catch {
    // diff exits 1 on differences; its output is the point
  }
}
process.exit(0);
