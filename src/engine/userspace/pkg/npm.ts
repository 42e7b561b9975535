/**
 * npm (10.9, as in node:22): install / i (from package.json, or named
 * packages added to it), ci, uninstall, ls, cache clean, with npm's summary
 * lines. It writes a flat node_modules (each package's package.json and
 * files, `node_modules/.package-lock.json`, `.bin` links), package-lock.json
 * (lockfileVersion 3) and the tarballs in ~/.npm/_cacache, so `npm ci &&
 * npm cache clean --force` in one RUN shows in the layer size.
 *
 * Simplification: every range resolves to the catalogue's version, and
 * packages hold stand-in files (their code does not run).
 */
import type { AppletIO } from '../applets/lib/applet-io.ts';
import { defineStandaloneProgram } from '../applets/registry.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { exists, mkdirp, readTextOrNull, removeTree, resolveInstall, writePkgFiles, writeText } from './catalogue.ts';
import { NPM_CATALOGUE } from './catalogue-npm.ts';
import type { NpmDef } from './catalogue-npm.ts';

interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [k: string]: unknown;
}

const LOG = '/root/.npm/_logs/2025-11-22T18_19_01_000Z-debug-0.log';

async function fail(io: AppletIO, lines: string[], status: number): Promise<number> {
  await io.proc.write(2, `${lines.map((l) => `npm error ${l}`.trimEnd()).join('\n')}\nnpm error A complete log of this run can be found in: ${LOG}\n`);
  return status;
}

/** A package.json that is not JSON (npm's EJSONPARSE). */
class ManifestError extends Error {}

function readManifest(vfs: Vfs, dir: string): Manifest | null {
  const text = readTextOrNull(vfs, `${dir}/package.json`);
  if (text === null) return null;
  try {
    return JSON.parse(text) as Manifest;
  } catch (e) {
    throw new ManifestError(e instanceof Error ? e.message : String(e));
  }
}

/** The files of an installed package: its package.json, an entry point and the rest of its unpacked size. */
function npmFiles(dir: string, p: NpmDef): NpmDef {
  const base = `${dir}/node_modules/${p.name}`;
  return { ...p, files: [`${base}/index.js`, `${base}/README.md`, `${base}/LICENSE=1100`] };
}

function writePackage(vfs: Vfs, dir: string, p: NpmDef): void {
  writePkgFiles(vfs, npmFiles(dir, p));
  const base = `${dir}/node_modules/${p.name}`;
  const deps = Object.fromEntries((p.deps ?? []).map((d) => [d, `^${NPM_CATALOGUE.get(d)!.version}`]));
  writeText(vfs, `${base}/package.json`, `${JSON.stringify({ name: p.name, version: p.version, description: p.description, main: 'index.js', ...(p.deps?.length ? { dependencies: deps } : {}), ...(p.bin?.length ? { bin: Object.fromEntries(p.bin.map((b) => [b, 'index.js'])) } : {}) }, null, 2)}\n`);
  for (const b of p.bin ?? []) {
    mkdirp(vfs, `${dir}/node_modules/.bin`);
    try {
      vfs.unlink(`${dir}/node_modules/.bin/${b}`);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
    }
    vfs.symlink(`../${p.name}/index.js`, `${dir}/node_modules/.bin/${b}`);
  }
}

function lockfile(m: Manifest, all: readonly NpmDef[], dev: ReadonlySet<string>): string {
  const packages: Record<string, unknown> = {
    '': { name: m.name ?? 'app', version: m.version ?? '1.0.0', ...(m.dependencies ? { dependencies: m.dependencies } : {}), ...(m.devDependencies ? { devDependencies: m.devDependencies } : {}) },
  };
  for (const p of [...all].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    packages[`node_modules/${p.name}`] = {
      version: p.version,
      resolved: `https://registry.npmjs.org/${p.name}/-/${p.name}-${p.version}.tgz`,
      license: 'MIT',
      ...(dev.has(p.name) ? { dev: true } : {}),
      ...(p.deps?.length ? { dependencies: Object.fromEntries(p.deps.map((d) => [d, `^${NPM_CATALOGUE.get(d)!.version}`])) } : {}),
    };
  }
  return `${JSON.stringify({ name: m.name ?? 'app', version: m.version ?? '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

export const npm = defineStandaloneProgram('npm', async (io, argv) => {
  try {
    return await npmMain(io, argv);
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    return fail(io, ['code EJSONPARSE', `JSON.parse Invalid package.json: JSONParseError: ${e.message}`, 'JSON.parse Failed to parse JSON data.', 'JSON.parse Note: package.json must be actual JSON, not just JavaScript.'], 1);
  }
});

async function npmMain(io: AppletIO, argv: string[]): Promise<number> {
  const args = argv.slice(1);
  const [cmd, ...rest] = args.filter((a) => !a.startsWith('-'));
  const vfs = io.proc.vfs;
  const dir = io.proc.cwd;
  if (args[0] === '-v' || args[0] === '--version') {
    await io.out('10.9.4\n');
    return 0;
  }
  switch (cmd) {
    case 'install':
    case 'i':
    case 'add':
    case 'ci':
      return install(io, vfs, dir, cmd === 'ci', rest, args);
    case 'cache':
      if (rest[0] === 'clean') {
        if (!args.includes('--force') && !args.includes('-f')) return fail(io, ['code EFORCE', 'As of npm@5, the npm cache self-heals from corruption issues', 'by treating integrity mismatches as cache misses.  As a result,', 'data extracted from the cache is guaranteed to be valid.  If you', 'want to make sure everything is consistent, use `npm cache verify`', 'instead.  Deleting the cache can only make npm go slower, and is', 'not likely to correct any problems you may be encountering!', '', 'On the other hand, if you\'re debugging an issue with the installer,', 'or race conditions that depend on the timing of writing to an empty', 'cache, you can use `npm install --cache /tmp/empty-cache` to use a', 'temporary cache instead of nuking the actual one.', '', 'If you\'re sure you want to delete the entire cache, rerun this command', 'with --force.'], 1);
        removeTree(vfs, `${io.proc.getenv('HOME') ?? '/root'}/.npm/_cacache`);
        return 0;
      }
      return fail(io, ['code EUSAGE', '', `Usage: npm cache clean|verify`], 1);
    case 'ls':
    case 'list': {
      const m = readManifest(vfs, dir);
      const deps = Object.keys({ ...(m?.dependencies ?? {}), ...(m?.devDependencies ?? {}) }).sort();
      await io.out(`${m?.name ?? 'app'}@${m?.version ?? '1.0.0'} ${dir}\n`);
      for (let i = 0; i < deps.length; i++) {
        const d = deps[i]!;
        const got = readManifest(vfs, `${dir}/node_modules/${d}`);
        await io.out(`${i === deps.length - 1 ? '└──' : '├──'} ${got ? `${d}@${got.version}` : `UNMET DEPENDENCY ${d}@${m?.dependencies?.[d] ?? m?.devDependencies?.[d]}`}\n`);
      }
      if (deps.length === 0) await io.out('└── (empty)\n');
      await io.out('\n');
      return 0;
    }
    case undefined:
      await io.out('npm <command>\n\nUsage:\n\nnpm install        install all the dependencies in your project\nnpm install <foo>  add the <foo> dependency to your project\n');
      return 1;
    default:
      return fail(io, [`Unknown command: "${cmd}"`, '', 'To see a list of supported npm commands, run:', '  npm help'], 1);
  }
}

async function install(io: AppletIO, vfs: Vfs, dir: string, ci: boolean, names: string[], args: string[]): Promise<number> {
  let manifest = readManifest(vfs, dir);
  if (manifest === null && (ci || names.length === 0)) {
    return fail(io, ['code ENOENT', 'syscall open', `path ${dir}/package.json`, 'errno -2', `enoent Could not read package.json: Error: ENOENT: no such file or directory, open '${dir}/package.json'`, 'enoent This is related to npm not being able to find a file.', 'enoent'], 254);
  }
  if (ci && !exists(vfs, `${dir}/package-lock.json`)) {
    return fail(io, ['code EUSAGE', '', 'The `npm ci` command can only install with an existing package-lock.json or', 'npm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or', 'later to generate a package-lock.json file, then try again.', '', 'Clean install a project', '', 'Usage:', 'npm ci', '', 'aliases: clean-install, ic, install-clean, isntall-clean', '', 'Run "npm help ci" for more info'], 1);
  }
  const requested = names.map((n) => n.replace(/(.)@.*$/, '$1'));
  for (const n of requested) {
    if (!NPM_CATALOGUE.has(n)) return fail(io, ['code E404', `404 Not Found - GET https://registry.npmjs.org/${n} - Not found`, '404', `404  '${n}@*' is not in this registry.`, '404', '404 Note that you can also install from a', '404 tarball, folder, http url, or git url.'], 1);
  }
  manifest ??= {};
  const omitDev = args.includes('--production') || args.includes('--omit=dev') || io.proc.getenv('NODE_ENV') === 'production';
  const saveDev = args.includes('-D') || args.includes('--save-dev');
  if (requested.length > 0) {
    const key = saveDev ? 'devDependencies' : 'dependencies';
    const deps = { ...(manifest[key] ?? {}) };
    for (const n of requested) deps[n] = `^${NPM_CATALOGUE.get(n)!.version}`;
    manifest = { ...manifest, [key]: Object.fromEntries(Object.entries(deps).sort(([a], [b]) => (a < b ? -1 : 1))) };
    writeText(vfs, `${dir}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const prodRoots = Object.keys(manifest.dependencies ?? {});
  const devRoots = omitDev ? [] : Object.keys(manifest.devDependencies ?? {});
  const unknown = [...prodRoots, ...devRoots].filter((n) => !NPM_CATALOGUE.has(n));
  if (unknown.length > 0) return fail(io, ['code E404', `404 Not Found - GET https://registry.npmjs.org/${unknown[0]} - Not found`, '404', `404  '${unknown[0]}@${manifest.dependencies?.[unknown[0]!] ?? '*'}' is not in this registry.`], 1);
  const have = (n: string) => readManifest(vfs, `${dir}/node_modules/${n}`)?.version === NPM_CATALOGUE.get(n)?.version;
  if (ci) removeTree(vfs, `${dir}/node_modules`);
  const all = resolveInstall(NPM_CATALOGUE, [...prodRoots, ...devRoots], () => false).order as NpmDef[];
  const prod = new Set(resolveInstall(NPM_CATALOGUE, prodRoots, () => false).order.map((p) => p.name));
  const dev = new Set(all.filter((p) => !prod.has(p.name)).map((p) => p.name));
  const added = all.filter((p) => ci || !have(p.name));
  const home = io.proc.getenv('HOME') ?? '/root';
  for (const p of added) {
    writePackage(vfs, dir, p);
    const h = `${p.name}-${p.version}`.split('').reduce((a, c) => (Math.imul(a ^ c.charCodeAt(0), 0x01000193) >>> 0), 0x811c9dc5).toString(16).padStart(8, '0');
    const cached = `${home}/.npm/_cacache/content-v2/sha512/${h.slice(0, 2)}/${h.slice(2, 4)}/${h}${'0'.repeat(120)}`;
    mkdirp(vfs, cached.slice(0, cached.lastIndexOf('/')));
    vfs.writeFile(cached, io.encode('\x1f\x8b'), { mode: 0o644 });
    vfs.truncate(cached, p.download);
    await io.proc.maybeYield();
  }
  const lock = lockfile(manifest, all, dev);
  if (all.length > 0) writeText(vfs, `${dir}/node_modules/.package-lock.json`, lock);
  if (!ci) writeText(vfs, `${dir}/package-lock.json`, lock);
  const secs = Math.max(1, Math.round(added.reduce((s, p) => s + p.download, 0) / 2_000_000));
  const audited = all.length + 1;
  await io.out(added.length > 0 ? `\nadded ${added.length} package${added.length === 1 ? '' : 's'}, and audited ${audited} package${audited === 1 ? '' : 's'} in ${secs}s\n` : `\nup to date, audited ${audited} package${audited === 1 ? '' : 's'} in ${secs}s\n`);
  const funding = all.filter((p) => p.funding).length;
  if (funding > 0) await io.out(`\n${funding} package${funding === 1 ? ' is' : 's are'} looking for funding\n  run \`npm fund\` for details\n`);
  await io.out('\nfound 0 vulnerabilities\n');
  return 0;
}
