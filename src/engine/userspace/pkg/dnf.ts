/**
 * dnf and yum (dnf 4.4 on CentOS 8, where yum is dnf): install, remove,
 * clean all, makecache, list installed, with dnf's transaction table and
 * messages. Metadata is cached under /var/cache/dnf (so `yum clean all` in
 * the same RUN matters), installed packages are recorded in
 * /var/lib/rpm/Packages (the image's stand-in RPM database: one NEVRA a line).
 *
 * Simplification: CentOS 8's mirrors are gone (real `yum install` in
 * centos:8 now fails with "Failed to download metadata"); Layerlab answers
 * as the repositories did in 2021.
 */
import type { AppletIO } from '../applets/lib/applet-io.ts';
import { defineStandaloneProgram } from '../applets/registry.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { decode } from '../io/text.ts';
import { exists, mkdirp, readTextOrNull, removePkgFiles, removeTree, resolveInstall, writePkgFiles, writeText } from './catalogue.ts';
import { CENTOS_CATALOGUE, CENTOS_REPOS } from './catalogue-centos.ts';
import type { RpmDef } from './catalogue-centos.ts';
import { dnfSize } from './format.ts';

const RPMDB = '/var/lib/rpm/Packages';
const CACHE = '/var/cache/dnf';
const RULE = `${'='.repeat(80)}\n`;

const nevra = (p: RpmDef) => `${p.name}-${p.version.replace(/^\d+:/, '')}.${p.arch}`;

function installedNevras(vfs: Vfs): string[] {
  return (readTextOrNull(vfs, RPMDB) ?? '').split('\n').filter(Boolean);
}

function isInstalled(vfs: Vfs, name: string): boolean {
  const p = CENTOS_CATALOGUE.get(name);
  return p !== undefined && installedNevras(vfs).includes(nevra(p));
}

/** Repository metadata (the `CentOS Linux 8 - AppStream   … | 8.4 MB  00:02` lines), cached unless present. */
async function metadata(io: AppletIO, vfs: Vfs): Promise<void> {
  for (const [name, bytes] of CENTOS_REPOS) {
    const id = name.split(' - ')[1]!.toLowerCase();
    const path = `${CACHE}/${id}-b6a3b8f3a1ff3d3c/repodata/primary.xml.gz`;
    if (exists(vfs, path)) continue;
    const size = dnfSize(bytes);
    await io.out(`${name.padEnd(48)}${dnfSize(bytes * 0.6).padStart(5)}B/s | ${size.padStart(5)}B     00:01    \n`);
    mkdirp(vfs, path.slice(0, path.lastIndexOf('/')));
    vfs.writeFile(path, io.encode('\x1f\x8b'), { mode: 0o644 });
    vfs.truncate(path, bytes);
  }
}

function table(rows: { title: string; pkgs: RpmDef[] }[]): string {
  let s = `Dependencies resolved.\n${RULE} ${'Package'.padEnd(17)} ${'Architecture'.padEnd(13)} ${'Version'.padEnd(40)} ${'Repository'.padEnd(10)} ${'Size'.padStart(6)}\n${RULE}`;
  for (const { title, pkgs } of rows) {
    if (pkgs.length === 0) continue;
    s += `${title}:\n`;
    for (const p of pkgs) s += ` ${p.name.padEnd(17)} ${p.arch.padEnd(13)} ${p.version.padEnd(40)} ${p.repo.padEnd(10)} ${dnfSize(p.download).padStart(6)}\n`;
  }
  return s;
}

export function defineDnf(name: 'dnf' | 'yum' | 'dnf-3') {
  return defineStandaloneProgram(name, async (io, argv) => {
    const args = argv.slice(1);
    const yes = args.some((a) => a === '-y' || a === '--assumeyes');
    const quiet = args.includes('-q') || args.includes('--quiet');
    const words = args.filter((a) => !a.startsWith('-'));
    const [cmd, ...names] = words;
    const vfs = io.proc.vfs;
    switch (cmd) {
      case 'install':
        return install(io, vfs, names, yes, quiet);
      case 'remove':
      case 'erase':
        return remove(io, vfs, names, yes);
      case 'clean': {
        let files = 0;
        try {
          for (const e of vfs.readdir(CACHE)) files += removeTree(vfs, `${CACHE}/${e.name}`);
        } catch (e) {
          if (!isFsError(e, 'ENOENT')) throw e;
        }
        await io.out(`${files} files removed\n`);
        return 0;
      }
      case 'makecache':
        await metadata(io, vfs);
        await io.out('Metadata cache created.\n');
        return 0;
      case 'list':
        await io.out('Installed Packages\n');
        for (const n of installedNevras(vfs)) await io.out(`${n}\n`);
        return 0;
      case undefined:
        await io.proc.write(2, 'usage: dnf [options] COMMAND\n');
        return 1;
      default:
        await io.proc.write(2, `No such command: ${cmd}. Please use /usr/bin/${name} --help\n`);
        return 1;
    }
  });
}

async function install(io: AppletIO, vfs: Vfs, names: string[], yes: boolean, quiet: boolean): Promise<number> {
  if (!quiet) await metadata(io, vfs);
  const missing = names.filter((n) => !CENTOS_CATALOGUE.has(n));
  if (missing.length > 0) {
    for (const m of missing) await io.out(`No match for argument: ${m}\n`);
    await io.proc.write(2, `Error: Unable to find a match: ${missing.join(' ')}\n`);
    return 1;
  }
  for (const n of names) if (isInstalled(vfs, n)) await io.out(`Package ${nevra(CENTOS_CATALOGUE.get(n)!)} is already installed.\n`);
  const { order } = resolveInstall(CENTOS_CATALOGUE, names, (n) => isInstalled(vfs, n) || !CENTOS_CATALOGUE.has(n));
  const plan = order as RpmDef[];
  if (plan.length === 0) {
    await io.out('Dependencies resolved.\nNothing to do.\nComplete!\n');
    return 0;
  }
  const byName = (a: RpmDef, b: RpmDef) => (a.name < b.name ? -1 : 1);
  const asked = plan.filter((p) => names.includes(p.name)).sort(byName);
  const deps = plan.filter((p) => !names.includes(p.name)).sort(byName);
  await io.out(table([{ title: 'Installing', pkgs: asked }, { title: 'Installing dependencies', pkgs: deps }]));
  const download = plan.reduce((s, p) => s + p.download, 0);
  const size = plan.reduce((s, p) => s + p.size, 0);
  await io.out(`\nTransaction Summary\n${RULE}Install  ${plan.length} Package${plan.length === 1 ? '' : 's'}\n\n`);
  await io.out(`Total download size: ${dnfSize(download)}\nInstalled size: ${dnfSize(size)}\n`);
  if (!yes) {
    await io.out('Is this ok [y/N]: ');
    await io.flush();
    const line = await io.proc.read(0, 4096);
    if (line === null || !/^y/i.test(decode(line).trim())) {
      await io.out('Operation aborted.\n');
      return 1;
    }
  }
  await io.out('Downloading Packages:\n');
  const n = plan.length;
  for (let i = 0; i < n; i++) {
    const p = plan[i]!;
    const label = `(${i + 1}/${n}): ${nevra(p)}.rpm`;
    await io.out(`${label.padEnd(48)}${dnfSize(p.download * 2).padStart(6)}B/s | ${dnfSize(p.download).padStart(6)}B     00:00    \n`);
  }
  await io.out(`${'-'.repeat(80)}\n${'Total'.padEnd(48)}${dnfSize(download).padStart(6)}B/s | ${dnfSize(download).padStart(6)}B     00:01     \n`);
  await io.out('Running transaction check\nTransaction check succeeded.\nRunning transaction test\nTransaction test succeeded.\nRunning transaction\n');
  await io.out(`  ${'Preparing'.padEnd(17)}:${''.padEnd(55)}1/1 \n`);
  const db = installedNevras(vfs);
  for (let i = 0; i < n; i++) {
    const p = plan[i]!;
    await io.out(`  ${'Installing'.padEnd(17)}: ${nevra(p).padEnd(54)}${`${i + 1}/${n}`.padStart(4)} \n`);
    writePkgFiles(vfs, p);
    db.push(nevra(p));
    await io.proc.maybeYield();
  }
  for (let i = 0; i < n; i++) await io.out(`  ${'Verifying'.padEnd(17)}: ${nevra(plan[i]!).padEnd(54)}${`${i + 1}/${n}`.padStart(4)} \n`);
  writeText(vfs, RPMDB, db.map((l) => `${l}\n`).join(''));
  await io.out(`\nInstalled:\n${[...plan].sort(byName).map((p) => `  ${nevra(p)}\n`).join('')}\nComplete!\n`);
  return 0;
}

async function remove(io: AppletIO, vfs: Vfs, names: string[], yes: boolean): Promise<number> {
  const present = names.filter((n) => isInstalled(vfs, n));
  for (const m of names.filter((n) => !present.includes(n))) await io.out(`No match for argument: ${m}\n`);
  if (present.length === 0) {
    await io.proc.write(2, 'Error: No packages marked for removal.\n');
    return 1;
  }
  const plan = present.map((n) => CENTOS_CATALOGUE.get(n)!);
  await io.out(table([{ title: 'Removing', pkgs: plan }]));
  await io.out(`\nTransaction Summary\n${RULE}Remove  ${plan.length} Package${plan.length === 1 ? '' : 's'}\n\nFreed space: ${dnfSize(plan.reduce((s, p) => s + p.size, 0))}\n`);
  if (!yes) {
    await io.out('Is this ok [y/N]: Operation aborted.\n');
    return 1;
  }
  let db = installedNevras(vfs);
  for (const p of plan) {
    await io.out(`  ${'Erasing'.padEnd(17)}: ${nevra(p)}\n`);
    removePkgFiles(vfs, (p.files ?? []).map((f) => f.split(/[*= ]/)[0]!));
    db = db.filter((l) => l !== nevra(p));
  }
  writeText(vfs, RPMDB, db.map((l) => `${l}\n`).join(''));
  await io.out(`\nRemoved:\n${plan.map((p) => `  ${nevra(p)}\n`).join('')}\nComplete!\n`);
  return 0;
}

export const dnf = defineDnf('dnf');
export const yum = defineDnf('yum');
export const dnf3 = defineDnf('dnf-3');
