/**
 * pip (25.2, as in python:3.13): install (names, `-r requirements.txt`,
 * `--no-cache-dir`), uninstall -y, list, freeze, with pip's messages. It
 * writes what a wheel install leaves in site-packages: the package directory
 * and `<name>-<version>.dist-info` (METADATA, RECORD, INSTALLER, WHEEL,
 * top_level.txt), console scripts in the interpreter's bin directory, and
 * the wheels in ~/.cache/pip unless `--no-cache-dir`.
 *
 * Simplification: the package files are stand-ins (`import flask` works and
 * has `__version__`, nothing more); outside the python image the system
 * interpreter is "externally managed" (PEP 668), as on Debian 12 and
 * Alpine 3.22, unless `--break-system-packages`.
 */
import type { AppletIO } from '../applets/lib/applet-io.ts';
import { defineStandaloneProgram } from '../applets/registry.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { exists, mkdirp, removePkgFiles, resolveInstall, writePkgFiles, writeText } from './catalogue.ts';
import type { PkgDef } from './catalogue.ts';
import { canonicalName, PYPI_CATALOGUE } from './catalogue-pypi.ts';
import type { PyDef } from './catalogue-pypi.ts';
import { pipSize } from './format.ts';
import { decode, encode } from '../io/text.ts';

/** Wheels with compiled extensions (a platform tag instead of py3-none-any). */
const COMPILED = new Set(['numpy', 'pandas', 'pydantic-core', 'psycopg2-binary', 'pyyaml', 'charset-normalizer', 'markupsafe']);

interface Site {
  readonly dir: string;
  readonly bin: string;
  readonly python: string;
  /** PEP 668: the distribution owns this interpreter. */
  readonly managed: 'debian' | 'alpine' | null;
}

function siteFor(vfs: Vfs): Site | null {
  if (exists(vfs, '/usr/local/lib/python3.13')) return { dir: '/usr/local/lib/python3.13/site-packages', bin: '/usr/local/bin', python: '/usr/local/bin/python3.13', managed: null };
  if (exists(vfs, '/usr/lib/python3.12')) return { dir: '/usr/lib/python3.12/site-packages', bin: '/usr/bin', python: '/usr/bin/python3', managed: 'alpine' };
  if (exists(vfs, '/usr/lib/python3.11')) return { dir: '/usr/local/lib/python3.11/dist-packages', bin: '/usr/local/bin', python: '/usr/bin/python3', managed: 'debian' };
  return null;
}

const wheelName = (p: PyDef, version = p.version) =>
  `${p.name.replace(/-/g, '_')}-${version}-${COMPILED.has(p.name) ? 'cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64' : 'py3-none-any'}.whl`;

const distInfo = (site: Site, p: PyDef, version: string) => `${site.dir}/${p.name.replace(/-/g, '_')}-${version}.dist-info`;

/** The files one wheel installs, as a catalogue entry the shared writer understands. */
function wheelFiles(site: Site, p: PyDef, version: string): PkgDef {
  const info = distInfo(site, p, version);
  const pkgFiles = [`${site.dir}/${p.module}/__init__.py`];
  const meta = [`${info}/INSTALLER=4`, `${info}/WHEEL=${COMPILED.has(p.name) ? 151 : 82}`, `${info}/top_level.txt=${p.module.length + 1}`];
  return { ...p, version, files: [...pkgFiles, ...meta] };
}

function writeWheel(vfs: Vfs, site: Site, p: PyDef, version: string): string[] {
  const def = wheelFiles(site, p, version);
  const written = writePkgFiles(vfs, def).map((f) => f.path);
  const info = distInfo(site, p, version);
  // Real text where tools read it: the version in __init__.py, METADATA, INSTALLER, RECORD, console scripts.
  const init = `${site.dir}/${p.module}/__init__.py`;
  const size = vfs.stat(init).size;
  const head = `"""${p.description} (Layerlab stand-in for ${p.name} ${version})"""\n__version__ = "${version}"\n`;
  vfs.writeFile(init, encode(head.padEnd(Math.max(size, head.length), '\n')), { mode: 0o644 });
  writeText(vfs, `${info}/INSTALLER`, 'pip\n');
  writeText(vfs, `${info}/METADATA`, `Metadata-Version: 2.4\nName: ${p.name}\nVersion: ${version}\nSummary: ${p.description}\n${(p.deps ?? []).map((d) => `Requires-Dist: ${d}\n`).join('')}`);
  const scripts: string[] = [];
  for (const s of p.scripts ?? []) {
    const path = `${site.bin}/${s}`;
    writeText(vfs, path, `#!${site.python}\n# -*- coding: utf-8 -*-\n# Layerlab: pip installed ${p.name}'s files; its program is not simulated.\nimport sys\nprint("${s}: ${p.name} ${version} is installed, but Layerlab does not simulate it", file=sys.stderr)\nsys.exit(1)\n`, undefined, 0o755);
    vfs.chmod(path, 0o755);
    scripts.push(path);
  }
  const all = [...written, `${info}/METADATA`, ...scripts];
  writeText(vfs, `${info}/RECORD`, [...all, `${info}/RECORD`].map((f) => `${f.startsWith(site.dir) ? f.slice(site.dir.length + 1) : f},,\n`).join(''));
  return [...all, `${info}/RECORD`];
}

/** Installed distributions: canonical name → [version, dist-info dir]. */
function installed(vfs: Vfs, site: Site): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  let entries;
  try {
    entries = vfs.readdir(site.dir);
  } catch (e) {
    if (isFsError(e)) return out;
    throw e;
  }
  for (const e of entries) {
    const m = /^(.+)-([^-]+)\.dist-info$/.exec(e.name);
    if (m) out.set(canonicalName(m[1]!), [m[2]!, `${site.dir}/${e.name}`]);
  }
  return out;
}

const EXTERNALLY_MANAGED = (distro: 'debian' | 'alpine') => `error: externally-managed-environment

× This environment is externally managed
╰─> ${distro === 'debian' ? `To install Python packages system-wide, try apt install
    python3-xyz, where xyz is the package you are trying to
    install.` : `The system-wide python installation should be maintained using the system
    package manager (apk) only.`}
    
    If you wish to install a non-${distro === 'debian' ? 'Debian-packaged' : 'Alpine'} Python package,
    create a virtual environment using python3 -m venv path/to/venv.
    Then use path/to/venv/bin/python and path/to/venv/bin/pip.

note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.
hint: See PEP 668 for the detailed specification.
`;

const ROOT_WARNING = "WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you know what you are doing and want to suppress this warning.\n";

/** A requirement line: name and an optional `==` pin (other specifiers accept the catalogue version). */
function parseRequirement(spec: string): { name: string; pin: string | null; text: string } {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(==\s*([^\s,;]+))?/.exec(spec);
  return { name: m?.[1] ?? spec, pin: m?.[3] ?? null, text: spec.trim() };
}

export const pip = defineStandaloneProgram('pip', async (io, argv) => {
  const vfs = io.proc.vfs;
  const site = siteFor(vfs);
  const args = argv.slice(1);
  const cmd = args.find((a) => !a.startsWith('-'));
  if (site === null) {
    await io.err('no Python interpreter is installed');
    return 1;
  }
  if (args.includes('--version') || args.includes('-V')) {
    await io.out(`pip 25.2 from ${site.dir}/pip (python 3.13)\n`);
    return 0;
  }
  switch (cmd) {
    case 'install':
      return install(io, vfs, site, args.slice(args.indexOf('install') + 1));
    case 'uninstall':
      return uninstall(io, vfs, site, args.slice(args.indexOf('uninstall') + 1));
    case 'list': {
      const rows = [...installed(vfs, site)].sort(([a], [b]) => (a < b ? -1 : 1));
      const w = Math.max(7, ...rows.map(([n]) => n.length));
      const vw = Math.max(7, ...rows.map(([, [v]]) => v.length));
      await io.out(`${'Package'.padEnd(w)} ${'Version'.padEnd(vw)}\n${'-'.repeat(w)} ${'-'.repeat(vw)}\n${rows.map(([n, [v]]) => `${n.padEnd(w)} ${v}\n`).join('')}`);
      return 0;
    }
    case 'freeze':
      for (const [n, [v]] of [...installed(vfs, site)].sort(([a], [b]) => (a < b ? -1 : 1))) await io.out(`${n}==${v}\n`);
      return 0;
    default:
      await io.proc.write(2, cmd === undefined ? '\nUsage:   \n  pip <command> [options]\n' : `ERROR: unknown command "${cmd}"\n`);
      return cmd === undefined ? 0 : 1;
  }
});

async function install(io: AppletIO, vfs: Vfs, site: Site, args: string[]): Promise<number> {
  const noCache = args.includes('--no-cache-dir') || io.proc.getenv('PIP_NO_CACHE_DIR') !== undefined;
  const specs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-r' || a === '--requirement') {
      const file = args[++i] ?? '';
      let text: string;
      try {
        text = await io.readText(file);
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.proc.write(2, `ERROR: Could not open requirements file: [Errno ${e.errno}] ${e.text}: '${file}'\n`);
        return 1;
      }
      specs.push(...text.split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean));
    } else if (!a.startsWith('-')) specs.push(a);
  }
  if (site.managed !== null && !args.includes('--break-system-packages')) {
    await io.proc.write(2, EXTERNALLY_MANAGED(site.managed));
    return 1;
  }
  if (specs.length === 0) {
    await io.proc.write(2, 'ERROR: You must give at least one requirement to install (see "pip help install")\n');
    return 1;
  }
  const have = installed(vfs, site);
  const reqs = specs.map(parseRequirement);
  const pins = new Map(reqs.filter((r) => r.pin !== null).map((r) => [canonicalName(r.name), r.pin!]));
  const lookup = (n: string) => PYPI_CATALOGUE.get(canonicalName(n));
  const versionOf = (p: PyDef) => pins.get(p.name) ?? p.version;
  // Resolution, breadth first as pip prints it.
  const seen = new Set<string>();
  const queue: { p: PyDef; from: string | null; text: string }[] = [];
  for (const r of reqs) {
    const p = lookup(r.name);
    if (!p) {
      await io.proc.write(2, `ERROR: Could not find a version that satisfies the requirement ${r.text} (from versions: none)\nERROR: No matching distribution found for ${r.text}\n`);
      return 1;
    }
    queue.push({ p, from: null, text: r.text });
  }
  const fetched: PyDef[] = [];
  while (queue.length > 0) {
    const { p, from, text } = queue.shift()!;
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    const present = have.get(p.name);
    if (present) {
      await io.out(`Requirement already satisfied: ${text}${from ? ` (from ${from})` : ''} in ${site.dir} (${present[0]})\n`);
    } else {
      await io.out(`Collecting ${text}${from ? ` (from ${from})` : ''}\n  Downloading ${wheelName(p, versionOf(p))}.metadata (${pipSize(1500 + (p.download % 2500))})\n`);
      fetched.push(p);
    }
    for (const d of p.deps ?? []) queue.push({ p: PYPI_CATALOGUE.get(d)!, from: p.name, text: d });
  }
  if (fetched.length === 0) return 0;
  const home = io.proc.getenv('HOME') ?? '/root';
  for (const p of fetched) {
    await io.out(`Downloading ${wheelName(p, versionOf(p))} (${pipSize(p.download)})\n`);
    if (!noCache) {
      const h = hash(wheelName(p));
      const path = `${home}/.cache/pip/http-v2/${h[0]}/${h[1]}/${h[2]}/${h[3]}/${h[4]}/${h}.body`;
      mkdirp(vfs, path.slice(0, path.lastIndexOf('/')));
      vfs.writeFile(path, io.encode('PK\x03\x04'), { mode: 0o600 });
      vfs.truncate(path, p.download);
    }
  }
  const fetchedNames = new Set(fetched.map((p) => p.name));
  const order = resolveInstall(PYPI_CATALOGUE, fetched.map((p) => p.name), (n) => !fetchedNames.has(n)).order as PyDef[];
  await io.out(`Installing collected packages: ${order.map((p) => p.name).join(', ')}\n`);
  for (const p of order) {
    writeWheel(vfs, site, p, versionOf(p));
    await io.proc.maybeYield();
  }
  await io.out(`\nSuccessfully installed ${[...order].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => `${p.name}-${versionOf(p)}`).join(' ')}\n`);
  if (io.proc.cred.uid === 0 && io.proc.getenv('PIP_ROOT_USER_ACTION') !== 'ignore' && !args.includes('--root-user-action=ignore')) await io.proc.write(2, ROOT_WARNING);
  return 0;
}

async function uninstall(io: AppletIO, vfs: Vfs, site: Site, args: string[]): Promise<number> {
  const have = installed(vfs, site);
  for (const n of args.filter((a) => !a.startsWith('-'))) {
    const entry = have.get(canonicalName(n));
    if (!entry) {
      await io.proc.write(2, `WARNING: Skipping ${n} as it is not installed.\n`);
      continue;
    }
    const [version, info] = entry;
    await io.out(`Found existing installation: ${n} ${version}\nUninstalling ${n}-${version}:\n`);
    const record = decode(vfs.readFile(`${info}/RECORD`)).split('\n').filter(Boolean).map((l) => l.split(',')[0]!);
    removePkgFiles(vfs, record.map((f) => (f.startsWith('/') ? f : `${site.dir}/${f}`)));
    await io.out(`  Successfully uninstalled ${n}-${version}\n`);
  }
  return 0;
}

/** A stable hex name for a cache entry. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; round < 7; round++) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i) ^ round, 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 56);
}
