/**
 * apt-get and apt (apt 2.6, Debian bookworm; the same catalogue serves
 * ubuntu): update, install, remove, purge, autoremove, clean, with apt's
 * non-interactive output (as in `docker build`, where stdout is no terminal)
 * and dpkg's unpack/setup lines. Without `apt-get update` the lists under
 * /var/lib/apt/lists are missing and every install fails with
 * "E: Unable to locate package": the reason `apt-get update && apt-get
 * install` belong in one RUN.
 */
import type { AppletIO } from '../applets/lib/applet-io.ts';
import { defineStandaloneProgram } from '../applets/registry.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { decode } from '../io/text.ts';
import { exists, mkdirp, pkgDirs, readTextOrNull, removePkgFiles, resolveInstall, writePkgFiles } from './catalogue.ts';
import { DEBIAN_ARCHIVES, DEBIAN_CATALOGUE } from './catalogue-debian.ts';
import type { DebDef, DebianArchive } from './catalogue-debian.ts';
import { databaseCount, isInstalled, readAuto, readList, readStatus, removeList, stanzaFor, writeAuto, writeList, writeStatus } from './dpkg-db.ts';
import { aptList, aptSize } from './format.ts';

const LISTS = '/var/lib/apt/lists';
const ARCHIVES = '/var/cache/apt/archives';
const MAINTAINER = 'Debian Layerlab Catalogue <debian-devel@lists.debian.org>';

/** Which archive the image's apt talks to, from /etc/os-release. */
export function archiveFor(vfs: Vfs): DebianArchive {
  const osRelease = readTextOrNull(vfs, '/etc/os-release') ?? '';
  return /^ID=ubuntu$/m.test(osRelease) ? DEBIAN_ARCHIVES.ubuntu : DEBIAN_ARCHIVES.debian;
}

function listsPresent(vfs: Vfs, archive: DebianArchive): boolean {
  return archive.indexes.some(([, , kind, , file]) => kind === 'Packages' && exists(vfs, `${LISTS}/${file}`));
}

interface Options {
  yes: boolean;
  quiet: number;
  recommends: boolean;
  purge: boolean;
  autoRemove: boolean;
}

function parse(argv: readonly string[]): { opts: Options; cmd: string | undefined; names: string[]; bad: string | null } {
  const opts: Options = { yes: false, quiet: 0, recommends: true, purge: false, autoRemove: false };
  const rest: string[] = [];
  for (const a of argv) {
    if (a === '-y' || a === '--yes' || a === '--assume-yes') opts.yes = true;
    else if (a === '-q' || a === '--quiet') opts.quiet++;
    else if (a === '-qq') opts.quiet += 2;
    else if (a === '-qy' || a === '-yq') {
      opts.quiet++;
      opts.yes = true;
    } else if (a === '--no-install-recommends') opts.recommends = false;
    else if (a === '--install-recommends') opts.recommends = true;
    else if (a === '--purge') opts.purge = true;
    else if (a === '--auto-remove' || a === '--autoremove') opts.autoRemove = true;
    else if (a === '--no-install-suggests' || a === '--fix-missing' || a === '-f' || a === '--fix-broken' || a === '--no-cache') continue;
    else if (a.startsWith('-o') || a.startsWith('--option')) continue;
    else if (a.startsWith('-')) return { opts, cmd: undefined, names: [], bad: a };
    else rest.push(a);
  }
  // `pkg=version` and `pkg/suite` select the catalogue's one version.
  return { opts, cmd: rest[0], names: rest.slice(1).map((n) => n.replace(/(.)[=/].*$/, '$1')), bad: null };
}

const APT_WARNING = '\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n';

function defineApt(name: 'apt-get' | 'apt') {
  return defineStandaloneProgram(name, async (io, argv) => {
    const { opts, cmd, names, bad } = parse(argv.slice(1));
    if (bad !== null) {
      await io.proc.write(2, `E: Command line option '${bad.replace(/^-+/, '')}' [from ${bad}] is not understood in combination with the other options.\n`);
      return 100;
    }
    if (cmd === undefined) {
      await io.out(`apt 2.6.1 (amd64)\nUsage: ${name} [options] command\n`);
      return 1;
    }
    if (name === 'apt') await io.proc.write(2, APT_WARNING);
    const vfs = io.proc.vfs;
    const archive = archiveFor(vfs);
    switch (cmd) {
      case 'update':
        return update(io, vfs, archive, opts);
      case 'install':
        return install(io, vfs, archive, names, opts);
      case 'remove':
      case 'purge':
        return remove(io, vfs, archive, names, { ...opts, purge: opts.purge || cmd === 'purge' }, false);
      case 'autoremove':
        return remove(io, vfs, archive, names, opts, true);
      case 'clean':
      case 'autoclean':
        clean(vfs);
        return 0;
      default:
        await io.proc.write(2, `E: Invalid operation ${cmd}\n`);
        return 100;
    }
  });
}

export const aptGet = defineApt('apt-get');
export const apt = defineApt('apt');

async function update(io: AppletIO, vfs: Vfs, archive: DebianArchive, opts: Options): Promise<number> {
  let fetched = 0;
  let n = 0;
  mkdirp(vfs, `${LISTS}/partial`);
  for (const [url, suite, kind, bytes, file, stored] of archive.indexes) {
    n++;
    const path = `${LISTS}/${file}`;
    const had = exists(vfs, path);
    if (opts.quiet < 2) await io.out(had ? `Hit:${n} ${url} ${suite} ${kind}\n` : `Get:${n} ${url} ${suite} ${kind} [${aptSize(bytes)}B]\n`);
    if (had) continue;
    fetched += bytes;
    vfs.writeFile(path, io.encode(kind === 'InRelease' ? `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nOrigin: ${archive.label}\nSuite: ${suite}\n` : `Package: (the ${suite} index)\n`), { mode: 0o644 });
    vfs.truncate(path, stored);
  }
  if (opts.quiet < 2) {
    const secs = Math.max(1, Math.round(fetched / 8_000_000));
    if (fetched > 0) await io.out(`Fetched ${aptSize(fetched)}B in ${secs}s (${aptSize(Math.round(fetched / secs))}B/s)\n`);
    await io.out('Reading package lists...\n');
  }
  return 0;
}

async function header(io: AppletIO, opts: Options): Promise<void> {
  if (opts.quiet < 2) await io.out('Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
}

/** Multi-Arch: same libraries show as `name:amd64` in dpkg's messages. */
function dpkgName(pkg: DebDef): string {
  return pkg.section === 'libs' || pkg.section === 'libdevel' ? `${pkg.name}:amd64` : pkg.name;
}

async function confirm(io: AppletIO, opts: Options): Promise<boolean> {
  if (opts.yes) return true;
  await io.out('Do you want to continue? [Y/n] ');
  await io.flush();
  const line = await io.proc.read(0, 4096);
  const answer = line === null ? null : decode(line).trim();
  if (answer === null || !(answer === '' || /^y/i.test(answer))) {
    await io.out('Abort.\n');
    return false;
  }
  return true;
}

async function install(io: AppletIO, vfs: Vfs, archive: DebianArchive, names: string[], opts: Options): Promise<number> {
  await header(io, opts);
  if (names.length === 0) {
    await io.out('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
    return 0;
  }
  const lists = listsPresent(vfs, archive);
  let status = readStatus(vfs);
  const installed = new Set(status.filter(isInstalled).map((s) => s.name));
  const missing = names.filter((n) => !lists || !DEBIAN_CATALOGUE.has(n));
  if (missing.length > 0) {
    for (const m of missing) await io.proc.write(2, `E: Unable to locate package ${m}\n`);
    return 100;
  }
  const depsOf = (p: DebDef) => [...(p.deps ?? []), ...(opts.recommends ? (p.recommends ?? []) : [])];
  const { order } = resolveInstall(DEBIAN_CATALOGUE, names, (n) => installed.has(n) || !DEBIAN_CATALOGUE.has(n), (p) => depsOf(p as DebDef));
  const plan = order as DebDef[];
  for (const n of names) if (installed.has(n) && opts.quiet < 2) await io.out(`${n} is already the newest version (${DEBIAN_CATALOGUE.get(n)!.version}).\n`);
  const sorted = plan.map((p) => p.name).sort();
  const extra = sorted.filter((n) => !names.includes(n));
  if (opts.quiet < 2 && plan.length > 0) {
    if (extra.length > 0) await io.out(`The following additional packages will be installed:\n${aptList(extra)}`);
    if (!opts.recommends) {
      const skipped = [...new Set(plan.flatMap((p) => p.recommends ?? []))].filter((r) => !installed.has(r) && !sorted.includes(r)).sort();
      if (skipped.length > 0) await io.out(`Recommended packages:\n${aptList(skipped)}`);
    }
    await io.out(`The following NEW packages will be installed:\n${aptList(sorted)}`);
  }
  if (opts.quiet < 2) await io.out(`0 upgraded, ${plan.length} newly installed, 0 to remove and 0 not upgraded.\n`);
  if (plan.length === 0) return 0;
  const download = plan.reduce((s, p) => s + p.download, 0);
  const size = plan.reduce((s, p) => s + p.size, 0);
  if (opts.quiet < 2) {
    await io.out(`Need to get ${aptSize(download)}B of archives.\n`);
    await io.out(`After this operation, ${aptSize(size)}B of additional disk space will be used.\n`);
  }
  if (extra.length > 0 && !(await confirm(io, opts))) return 1;
  const keepDebs = !exists(vfs, '/etc/apt/apt.conf.d/docker-clean');
  for (let i = 0; i < plan.length; i++) {
    const p = plan[i]!;
    if (opts.quiet < 2) await io.out(`Get:${i + 1} ${archive.pool} amd64 ${p.name} ${p.arch} ${p.version} [${aptSize(p.download)}B]\n`);
  }
  if (plan.some((p) => p.name === 'ca-certificates')) await io.proc.write(2, 'debconf: delaying package configuration, since apt-utils is not installed\n');
  if (opts.quiet < 2) {
    const secs = Math.max(1, Math.round(download / 8_000_000));
    await io.out(`Fetched ${aptSize(download)}B in ${secs}s (${aptSize(Math.round(download / secs))}B/s)\n`);
  }
  const width = String(plan.length - 1).length;
  const debName = (p: DebDef) => `${p.name}_${p.version.replace(':', '%3a')}_${p.arch}.deb`;
  for (let i = 0; i < plan.length; i++) {
    const p = plan[i]!;
    await io.out(`Selecting previously unselected package ${dpkgName(p)}.\n`);
    if (i === 0) await io.out(`(Reading database ... ${databaseCount(vfs, archive.baseFiles)} files and directories currently installed.)\n`);
    await io.out(`Preparing to unpack .../${String(i).padStart(width, '0')}-${debName(p)} ...\n`);
    await io.out(`Unpacking ${dpkgName(p)} (${p.version}) ...\n`);
    const files = writePkgFiles(vfs, p);
    writeList(vfs, p.name, [...pkgDirs(files), ...files.map((f) => f.path)]);
    if (keepDebs) {
      mkdirp(vfs, ARCHIVES);
      const deb = `${ARCHIVES}/${debName(p)}`;
      vfs.writeFile(deb, io.encode('!<arch>\ndebian-binary   '), { mode: 0o644 });
      vfs.truncate(deb, p.download);
    }
    await io.proc.maybeYield();
  }
  const auto = readAuto(vfs);
  for (const p of plan) {
    await io.out(`Setting up ${dpkgName(p)} (${p.version}) ...\n`);
    status = [...status.filter((s) => s.name !== p.name), stanzaFor(p, MAINTAINER)];
    if (!names.includes(p.name)) auto.add(p.name);
  }
  for (const n of names) auto.delete(n);
  writeStatus(vfs, status);
  writeAuto(vfs, auto);
  if (plan.some((p) => p.section === 'libs')) {
    const libc = status.find((s) => s.name === 'libc-bin');
    if (libc) await io.out(`Processing triggers for libc-bin (${libc.fields.get('Version')}) ...\n`);
  }
  return 0;
}

async function remove(io: AppletIO, vfs: Vfs, archive: DebianArchive, names: string[], opts: Options, autoremove: boolean): Promise<number> {
  await header(io, opts);
  let status = readStatus(vfs);
  const installedNames = status.filter(isInstalled).map((s) => s.name);
  const unknown = names.filter((n) => !DEBIAN_CATALOGUE.has(n) && !installedNames.includes(n));
  if (unknown.length > 0) {
    for (const m of unknown) await io.proc.write(2, `E: Unable to locate package ${m}\n`);
    return 100;
  }
  const auto = readAuto(vfs);
  for (const n of names) if (!installedNames.includes(n)) await io.out(`Package '${n}' is not installed, so not removed\n`);
  const asked = new Set(names.filter((n) => installedNames.includes(n)));
  // apt's mark and sweep: what manually installed packages (and the base system) still need stays.
  const kept = new Set<string>();
  const mark = (n: string): void => {
    if (kept.has(n) || asked.has(n)) return;
    kept.add(n);
    const p = DEBIAN_CATALOGUE.get(n);
    for (const d of [...(p?.deps ?? []), ...(p?.recommends ?? [])]) if (installedNames.includes(d)) mark(d);
  };
  for (const n of installedNames) if (!auto.has(n) && !asked.has(n)) mark(n);
  const unneeded = installedNames.filter((n) => !kept.has(n) && !asked.has(n));
  const gone = autoremove || opts.autoRemove ? [...asked, ...unneeded] : [...asked];
  if (!autoremove && !opts.autoRemove && unneeded.length > 0 && opts.quiet < 2) {
    await io.out(`The following packages were automatically installed and are no longer required:\n${aptList([...unneeded].sort())}Use '${io.name === 'apt' ? 'apt' : 'apt-get'} autoremove' to remove ${unneeded.length === 1 ? 'it' : 'them'}.\n`);
  }
  if (gone.length > 0 && opts.quiet < 2) await io.out(`The following packages will be REMOVED:\n${aptList([...gone].sort().map((n) => (opts.purge ? `${n}*` : n)))}`);
  if (opts.quiet < 2) await io.out(`0 upgraded, 0 newly installed, ${gone.length} to remove and 0 not upgraded.\n`);
  if (gone.length === 0) return 0;
  const freed = gone.reduce((s, n) => s + Number(status.find((x) => x.name === n)?.fields.get('Installed-Size') ?? 0) * 1024, 0);
  if (opts.quiet < 2) await io.out(`After this operation, ${aptSize(freed)}B disk space will be freed.\n`);
  if ((gone.length > names.length || gone.some((n) => !names.includes(n))) && !(await confirm(io, opts))) return 1;
  await io.out(`(Reading database ... ${databaseCount(vfs, archive.baseFiles)} files and directories currently installed.)\n`);
  for (const n of gone) {
    const s = status.find((x) => x.name === n)!;
    await io.out(`Removing ${n} (${s.fields.get('Version')}) ...\n`);
    const list = readList(vfs, n) ?? [];
    removePkgFiles(vfs, list.filter((p) => p !== '/.'));
    removeList(vfs, n);
    status = status.filter((x) => x.name !== n);
    auto.delete(n);
  }
  writeStatus(vfs, status);
  writeAuto(vfs, auto);
  return 0;
}

/** apt-get clean: the downloaded .debs and the binary caches go. */
function clean(vfs: Vfs): void {
  for (const dir of [ARCHIVES, `${ARCHIVES}/partial`, '/var/cache/apt']) {
    let entries;
    try {
      entries = vfs.readdir(dir);
    } catch (e) {
      if (isFsError(e)) continue;
      throw e;
    }
    for (const e of entries) if (e.type === 'file' && (e.name.endsWith('.deb') || e.name.endsWith('.bin'))) vfs.unlink(`${dir}/${e.name}`);
  }
}
