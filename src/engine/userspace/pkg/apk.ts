/**
 * apk (apk-tools 2.14, Alpine 3.22): add, del, update, info, search over the
 * offline catalogue, with apk's messages. It keeps the real database
 * (/lib/apk/db/installed with P/V/I/T and F/R file lines, /etc/apk/world)
 * and, unless `--no-cache`, the repository indexes in /var/cache/apk, so
 * "apk add --no-cache" vs "apk update in its own layer" shows in layer sizes.
 */
import type { AppletIO } from '../applets/lib/applet-io.ts';
import { defineStandaloneProgram } from '../applets/registry.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { exists, readTextOrNull, removePkgFiles, resolveInstall, orphans, writePkgFiles, writeText, mkdirp } from './catalogue.ts';
import type { PkgDef } from './catalogue.ts';
import { ALPINE_AVAILABLE, ALPINE_CATALOGUE, ALPINE_REPOS } from './catalogue-alpine.ts';
import { utcStamp } from './format.ts';

const DB = '/lib/apk/db/installed';
const WORLD = '/etc/apk/world';
const CACHE = '/var/cache/apk';

/** One stanza of /lib/apk/db/installed, kept as its lines so unknown fields survive a rewrite. */
interface Stanza {
  readonly name: string;
  readonly version: string;
  readonly size: number;
  readonly description: string;
  readonly lines: string[];
}

function readDb(vfs: Vfs): Stanza[] {
  const text = readTextOrNull(vfs, DB) ?? '';
  return text
    .split(/\n\n+/)
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const lines = s.split('\n').filter((l) => l !== '');
      const get = (k: string) => lines.find((l) => l.startsWith(`${k}:`))?.slice(2) ?? '';
      return { name: get('P'), version: get('V'), size: Number(get('I')) || 0, description: get('T'), lines };
    });
}

function writeDb(vfs: Vfs, db: readonly Stanza[]): void {
  writeText(vfs, DB, db.map((s) => `${s.lines.join('\n')}\n`).join('\n') + (db.length > 0 ? '\n' : ''));
}

/** The file list of a stanza (F: directory, R: file within it), as absolute paths. */
function stanzaFiles(s: Stanza): string[] {
  const out: string[] = [];
  let dir = '';
  for (const l of s.lines) {
    if (l.startsWith('F:')) dir = l.slice(2);
    else if (l.startsWith('R:')) out.push(`/${dir ? `${dir}/` : ''}${l.slice(2)}`);
  }
  return out;
}

function stanzaFor(pkg: PkgDef, paths: readonly string[], buildTime: number, deps: readonly string[]): Stanza {
  const lines = [`P:${pkg.name}`, `V:${pkg.version}`, 'A:x86_64', `S:${pkg.download}`, `I:${pkg.size}`, `T:${pkg.description}`, `U:${pkg.url ?? 'https://alpinelinux.org'}`, `L:${pkg.license ?? 'GPL-2.0-or-later'}`];
  if (deps.length > 0) lines.push(`D:${deps.join(' ')}`);
  lines.push(`t:${buildTime}`);
  const byDir = new Map<string, string[]>();
  for (const p of paths) {
    const i = p.lastIndexOf('/');
    const d = p.slice(1, i);
    byDir.set(d, [...(byDir.get(d) ?? []), p.slice(i + 1)]);
  }
  for (const [d, names] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
    lines.push(`F:${d}`);
    for (const n of names) lines.push(`R:${n}`);
  }
  return { name: pkg.name, version: pkg.version, size: pkg.size, description: pkg.description, lines };
}

function readWorld(vfs: Vfs): string[] {
  return (readTextOrNull(vfs, WORLD) ?? '').split('\n').filter(Boolean);
}

function writeWorld(vfs: Vfs, world: readonly string[]): void {
  writeText(vfs, WORLD, [...new Set(world)].sort().map((w) => `${w}\n`).join(''));
}

/** Cache file of a repository's index: APKINDEX.<8 hex of the URL>.tar.gz, as apk names it. */
function indexPath(url: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) h = Math.imul(h ^ url.charCodeAt(i), 0x01000193) >>> 0;
  return `${CACHE}/APKINDEX.${h.toString(16).padStart(8, '0')}.tar.gz`;
}

/** Fetches the indexes (prints the `fetch` lines); stores them unless `noCache`. */
async function fetchIndexes(io: AppletIO, vfs: Vfs, noCache: boolean, quiet: boolean): Promise<void> {
  for (const r of ALPINE_REPOS) {
    if (!quiet) await io.out(`fetch ${r.url}/x86_64/APKINDEX.tar.gz\n`);
    if (noCache) continue;
    mkdirp(vfs, CACHE);
    const path = indexPath(r.url);
    vfs.writeFile(path, io.encode(`APKINDEX ${r.describe}\n`), { mode: 0o644 });
    vfs.truncate(path, r.indexSize);
  }
}

function indexesCached(vfs: Vfs): boolean {
  return ALPINE_REPOS.every((r) => exists(vfs, indexPath(r.url)));
}

const MIB = 1024 * 1024;

async function okLine(io: AppletIO, db: readonly Stanza[]): Promise<void> {
  const bytes = db.reduce((n, s) => n + s.size, 0);
  await io.out(`OK: ${Math.floor(bytes / MIB)} MiB in ${db.length} packages\n`);
}

/** Triggers that run after a transaction that touched these packages. */
async function triggers(io: AppletIO, db: readonly Stanza[], touched: readonly PkgDef[]): Promise<void> {
  const busybox = db.find((s) => s.name === 'busybox');
  if (busybox && touched.some((p) => (p.files ?? []).some((f) => /^\/(usr\/)?s?bin\//.test(f)))) await io.out(`Executing busybox-${busybox.version}.trigger\n`);
  const ca = db.find((s) => s.name === 'ca-certificates');
  if (ca && touched.some((p) => p.name === 'ca-certificates')) await io.out(`Executing ca-certificates-${ca.version}.trigger\n`);
}

interface Flags {
  noCache: boolean;
  update: boolean;
  quiet: boolean;
  virtual: string | null;
  list: boolean;
}

function parseFlags(args: string[]): { flags: Flags; rest: string[]; bad: string | null } {
  const flags: Flags = { noCache: false, update: false, quiet: false, virtual: null, list: false };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--no-cache') flags.noCache = true;
    else if (a === '-U' || a === '--update-cache' || a === '--update') flags.update = true;
    else if (a === '-q' || a === '--quiet') flags.quiet = true;
    else if (a === '--no-progress' || a === '--progress' || a === '-v' || a === '--verbose' || a === '-f' || a === '--force' || a === '--purge') continue;
    else if (a === '-t' || a === '--virtual') flags.virtual = args[++i] ?? '';
    else if (a.startsWith('--virtual=')) flags.virtual = a.slice(10);
    else if (a === '-L' || a === '--contents') flags.list = true;
    else if (a.startsWith('-')) return { flags, rest, bad: a };
    else rest.push(a);
  }
  return { flags, rest, bad: null };
}

const USAGE = `apk-tools 2.14.9, compiled for x86_64.

usage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]

Package installation and removal:
  add        Add packages to WORLD and commit changes
  del        Remove packages from WORLD and commit changes

System maintenance:
  update     Update repository indexes

Querying package information:
  info       Give detailed information about packages or repositories
  search     Search for packages by name or description

This apk has coffee making abilities.
`;

export const apk = defineStandaloneProgram('apk', async (io, argv) => {
  const vfs = io.proc.vfs;
  if (argv[1] === '--help' || argv[1] === '-h') {
    await io.out(USAGE);
    return 0;
  }
  if (argv[1] === '--version' || argv[1] === '-V') {
    await io.out('apk-tools 2.14.9, compiled for x86_64.\n');
    return 0;
  }
  // Global options may come before the applet (`apk --no-cache add curl`); version constraints select nothing else here.
  const { flags, rest: words, bad } = parseFlags(argv.slice(1));
  const [cmd, ...named] = words;
  const rest = named.map((n) => n.replace(/(.)[=~<>].*$/, '$1'));
  if (cmd === undefined) {
    await io.out(USAGE);
    return 1;
  }
  if (bad !== null) {
    await io.err(`unrecognized option '${bad.replace(/^-+/, '')}'`);
    return 1;
  }
  switch (cmd) {
    case 'update': {
      await fetchIndexes(io, vfs, false, flags.quiet);
      for (const r of ALPINE_REPOS) await io.out(`${r.describe} [${r.url}]\n`);
      await io.out(`OK: ${ALPINE_AVAILABLE} distinct packages available\n`);
      return 0;
    }
    case 'add':
      return add(io, vfs, rest, flags);
    case 'del':
      return del(io, vfs, rest, flags);
    case 'info':
      return info(io, vfs, rest, flags);
    case 'search': {
      for (const p of ALPINE_CATALOGUE.values()) if (rest.length === 0 || rest.some((q) => p.name.includes(q))) await io.out(`${p.name}-${p.version}\n`);
      return 0;
    }
    default:
      await io.proc.write(2, `apk: applet '${cmd}' not found\n`);
      return 1;
  }
});

async function add(io: AppletIO, vfs: Vfs, names: string[], flags: Flags): Promise<number> {
  if (names.length === 0) {
    await io.out(USAGE);
    return 1;
  }
  let db = readDb(vfs);
  const installed = (n: string) => db.some((s) => s.name === n);
  if (flags.update || flags.noCache || !indexesCached(vfs)) await fetchIndexes(io, vfs, flags.noCache, flags.quiet);
  const { order, missing } = resolveInstall(ALPINE_CATALOGUE, names, installed);
  if (missing.length > 0) {
    await io.proc.write(2, 'ERROR: unable to select packages:\n');
    for (const m of missing) await io.proc.write(2, `  ${m} (no such package):\n    required by: world[${m}]\n`);
    return 1;
  }
  const now = Math.floor(io.proc.kernel.scheduler.now() / 1000);
  const plan: PkgDef[] = [...order];
  if (flags.virtual !== null) {
    const stamp = utcStamp(now * 1000);
    plan.push({ name: flags.virtual, version: `${stamp.slice(0, 8)}.${stamp.slice(8)}`, size: 0, download: 0, deps: names, files: [], description: 'virtual meta package' });
  }
  const total = plan.length;
  for (let i = 0; i < total; i++) {
    const pkg = plan[i]!;
    if (!flags.quiet) await io.out(`(${i + 1}/${total}) Installing ${pkg.name} (${pkg.version})\n`);
    const files = writePkgFiles(vfs, pkg);
    const paths = files.map((f) => f.path);
    db = [...db, stanzaFor(pkg, paths, now, pkg.name === flags.virtual ? names : (pkg.deps ?? []))];
    await io.proc.maybeYield();
  }
  writeDb(vfs, db);
  writeWorld(vfs, [...readWorld(vfs), ...(flags.virtual !== null ? [flags.virtual] : names)]);
  if (!flags.quiet) await triggers(io, db, plan);
  if (!flags.quiet) await okLine(io, db);
  return 0;
}

async function del(io: AppletIO, vfs: Vfs, names: string[], flags: Flags): Promise<number> {
  let db = readDb(vfs);
  const world = readWorld(vfs);
  const unknown = names.filter((n) => !world.includes(n));
  if (unknown.length > 0 && names.every((n) => !db.some((s) => s.name === n))) {
    for (const n of unknown) await io.proc.write(2, `WARNING: No such package: ${n}\n`);
    if (!flags.quiet) await okLine(io, db);
    return 0;
  }
  const removed = new Set(names);
  const newWorld = world.filter((w) => !removed.has(w));
  // A virtual package's dependencies come from its D: line.
  const depsOf = (n: string) => ALPINE_CATALOGUE.get(n)?.deps ?? db.find((s) => s.name === n)?.lines.find((l) => l.startsWith('D:'))?.slice(2).split(' ') ?? [];
  const cat = new Map([...ALPINE_CATALOGUE, ...db.filter((s) => !ALPINE_CATALOGUE.has(s.name)).map((s) => [s.name, { name: s.name, version: s.version, size: s.size, download: 0, description: s.description, deps: depsOf(s.name) }] as const)]);
  const gone = [...names.filter((n) => db.some((s) => s.name === n)), ...orphans(cat, db.map((s) => s.name), removed, new Set(newWorld))];
  // Dependents go before their dependencies: the reverse of an install order.
  const goneSet = new Set(gone);
  const uniq = resolveInstall(cat, [...goneSet], (n) => !goneSet.has(n)).order.map((p) => p.name).reverse();
  const total = uniq.length;
  for (let i = 0; i < total; i++) {
    const s = db.find((x) => x.name === uniq[i])!;
    if (!flags.quiet) await io.out(`(${i + 1}/${total}) Purging ${s.name} (${s.version})\n`);
    removePkgFiles(vfs, stanzaFiles(s));
  }
  db = db.filter((s) => !uniq.includes(s.name));
  writeDb(vfs, db);
  writeWorld(vfs, newWorld);
  if (!flags.quiet) await triggers(io, db, uniq.map((n) => cat.get(n)!).filter(Boolean));
  if (!flags.quiet) await okLine(io, db);
  return 0;
}

async function info(io: AppletIO, vfs: Vfs, names: string[], flags: Flags): Promise<number> {
  const db = readDb(vfs);
  if (names.length === 0) {
    for (const s of db) await io.out(`${s.name}\n`);
    return 0;
  }
  for (const n of names) {
    const s = db.find((x) => x.name === n);
    const pkg = ALPINE_CATALOGUE.get(n);
    const id = s ? `${s.name}-${s.version}` : pkg ? `${pkg.name}-${pkg.version}` : null;
    if (id === null) continue;
    if (flags.list) {
      if (!s) continue;
      await io.out(`${id} contains:\n${stanzaFiles(s).map((f) => `${f.slice(1)}\n`).join('')}\n`);
      continue;
    }
    const size = s?.size ?? pkg!.size;
    await io.out(`${id} description:\n${s?.description ?? pkg!.description}\n\n`);
    await io.out(`${id} webpage:\n${pkg?.url ?? 'https://alpinelinux.org'}\n\n`);
    await io.out(`${id} installed size:\n${size >= MIB ? `${Math.round(size / MIB)} MiB` : `${Math.round(size / 1024)} KiB`}\n\n`);
  }
  return 0;
}
