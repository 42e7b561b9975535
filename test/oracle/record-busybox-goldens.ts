/**
 * Records what Debian's real BusyBox prints for every golden script:
 * `npx tsx test/oracle/record-busybox-goldens.ts [name…]`. Each script runs
 * as `busybox sh -c SCRIPT` (argv[0] "sh") with a clean environment and
 * umask 022, in a freshly made scratch directory (layout.json), with empty
 * stdin; `stdin-*` scripts are given to `sh` on stdin instead. Output goes to expected/<name>.json; never edit those by hand.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expectedDir, loadLayout, scriptsDir } from './busybox-layout.ts';
import type { GoldenLayout } from './busybox-layout.ts';

const BUSYBOX = '/bin/busybox';

function makeScratch(layout: GoldenLayout): void {
  const root = dirname(layout.scratch);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(layout.scratch, { recursive: true });
  const t = new Date(layout.mtime);
  for (const d of layout.dirs) mkdirSync(join(layout.scratch, d.path), { recursive: true });
  for (const f of layout.files) {
    const p = join(layout.scratch, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
    chmodSync(p, parseInt(f.mode ?? '644', 8));
  }
  for (const f of layout.files) utimesSync(join(layout.scratch, f.path), t, t);
  for (const d of [...layout.dirs.map((x) => x.path), 'dir/sub', 'dir', '.']) utimesSync(join(layout.scratch, d), t, t);
}

function main(): void {
  if (!existsSync(BUSYBOX)) throw new Error(`${BUSYBOX} not found: apt-get install busybox-static`);
  const layout = loadLayout();
  const only = process.argv.slice(2);
  const names = readdirSync(scriptsDir).filter((f) => f.endsWith('.sh')).map((f) => f.slice(0, -3)).filter((n) => only.length === 0 || only.includes(n)).sort();
  mkdirSync(expectedDir, { recursive: true });
  process.umask(0o022);
  const env = Object.fromEntries(layout.env.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  for (const name of names) {
    const script = readFileSync(join(scriptsDir, `${name}.sh`), 'utf8');
    makeScratch(layout);
    // `stdin-*` scripts are fed to a plain `sh` on standard input instead of `sh -c`.
    const viaStdin = name.startsWith('stdin-');
    const r = spawnSync(BUSYBOX, viaStdin ? [] : ['-c', script], { argv0: 'sh', cwd: layout.scratch, env, input: viaStdin ? script : '', timeout: 20000, encoding: 'utf8' });
    if (r.error) throw new Error(`${name}: ${r.error.message}`);
    const result = { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 128 + 9 };
    writeFileSync(join(expectedDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${name}: status ${result.status}\n`);
  }
  rmSync(dirname(layout.scratch), { recursive: true, force: true });
}

main();
