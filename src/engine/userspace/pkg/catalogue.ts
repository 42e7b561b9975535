/**
 * The offline package catalogues' shape and the rules every package manager
 * shares: dependency closure in install order, the files a package holds and
 * how they are written through the Vfs.
 *
 * A file is written for real (so layers, `docker diff` and `du` see it) with
 * its real size: a short header, then zero bytes up to the size. The zeros
 * come from `truncate`, which the in-memory fs allocates lazily, so a 50 MB
 * compiler costs little memory until something reads it.
 * Simplification: package files hold that stand-in content, not the real bytes.
 */
import type { Cred, Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { decode, encode } from '../io/text.ts';
import { ELF_MAGIC, APPLET_MARKER } from '../process/binfmt.ts';

/** One package of a catalogue, with figures from the distribution's own index (sources in each catalogue). */
export interface PkgDef {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  /** Installed size in bytes (apk `I:`, dpkg `Installed-Size` × 1024, rpm size). */
  readonly size: number;
  /** Archive size in bytes (`.apk`, `.deb`, `.rpm`, wheel, tarball). */
  readonly download: number;
  readonly deps?: readonly string[];
  /**
   * Files, in a compact notation: `path` (a regular file), `path*` (an
   * executable running the program named like its basename), `path*prog`
   * (an executable running `prog`), `path -> target` (a symlink), and a
   * `=bytes` suffix for a file's own size. Regular files without a size
   * share what is left of `size`.
   */
  readonly files?: readonly string[];
  /** Debian section / rpm group (dpkg status, apt output). */
  readonly section?: string;
  readonly arch?: string;
  readonly url?: string;
  readonly license?: string;
}

export type Catalogue = ReadonlyMap<string, PkgDef>;

export function catalogue<T extends PkgDef>(defs: readonly T[]): ReadonlyMap<string, T> {
  return new Map(defs.map((d) => [d.name, d]));
}

/** A file of a package, its notation decoded and its size settled. */
export type PkgFile =
  | { readonly kind: 'file'; readonly path: string; readonly size: number; readonly program: string | null }
  | { readonly kind: 'symlink'; readonly path: string; readonly target: string };

const FILE_RE = /^(\S+?)(?:\*(\S*?))?(?:=(\d+))?$/;

/** The files of `pkg` with sizes summing to its installed size (at least one header's worth each). */
export function pkgFiles(pkg: PkgDef): PkgFile[] {
  const out: { kind: 'file'; path: string; size: number; program: string | null }[] = [];
  const links: PkgFile[] = [];
  let fixed = 0;
  const unsized: number[] = [];
  for (const spec of pkg.files ?? []) {
    const arrow = spec.indexOf(' -> ');
    if (arrow > 0) {
      links.push({ kind: 'symlink', path: spec.slice(0, arrow), target: spec.slice(arrow + 4) });
      continue;
    }
    const m = FILE_RE.exec(spec);
    if (!m) throw new Error(`bad file spec ${spec}`);
    const path = m[1]!;
    const program = m[2] === undefined ? null : m[2] || basename(path);
    const size = m[3] === undefined ? -1 : Number(m[3]);
    if (size < 0) unsized.push(out.length);
    else fixed += size;
    out.push({ kind: 'file', path, size, program });
  }
  const rest = Math.max(0, pkg.size - fixed);
  unsized.forEach((i, k) => {
    const share = Math.floor(rest / unsized.length) + (k < rest % unsized.length ? 1 : 0);
    out[i]!.size = share;
  });
  return [...out, ...links];
}

/** Directories that hold the package's files (parents first), for dpkg's .list and apk's F: lines. */
export function pkgDirs(files: readonly PkgFile[]): string[] {
  const dirs = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/').slice(1, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  return [...dirs].sort();
}

/** The stand-in content of a file: what dispatches an executable, or a header naming the package. */
export function fileHeader(pkg: PkgDef, f: Extract<PkgFile, { kind: 'file' }>): Uint8Array {
  if (f.program !== null) return encode(`${ELF_MAGIC}\n${APPLET_MARKER}pkg-stub\n${f.program} ${pkg.name} ${pkg.version}\n`);
  if (/\.so(\.|$)/.test(f.path)) return encode(`${ELF_MAGIC} ${basename(f.path)} (${pkg.name} ${pkg.version})\n`);
  if (f.path.endsWith('.py')) return encode(`# ${pkg.name} ${pkg.version} (Layerlab stand-in)\n`);
  return encode(`${pkg.name} ${pkg.version}: ${basename(f.path)}\n`);
}

/**
 * Writes one package's files into `vfs` (creating parents), executables
 * 0755, the rest 0644. Text files (`.py`, `.js`, `.json`, `.txt`, …) are
 * padded with newlines so they stay valid source; everything else with
 * zero bytes. Returns the paths written (files and links).
 */
export function writePkgFiles(vfs: Vfs, pkg: PkgDef, cred?: Cred): PkgFile[] {
  const files = pkgFiles(pkg);
  for (const f of files) {
    mkdirp(vfs, dirname(f.path), cred);
    if (f.kind === 'symlink') {
      try {
        vfs.unlink(f.path, cred);
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) throw e;
      }
      vfs.symlink(f.target, f.path, cred);
      continue;
    }
    const head = fileHeader(pkg, f);
    const text = /\.(py|js|json|txt|md|cfg|conf|toml)$/.test(f.path);
    const body = text && f.size > head.length ? padText(head, f.size) : head;
    try {
      const st = vfs.lstat(f.path, cred);
      if (st.type === 'symlink' || st.type === 'file') vfs.unlink(f.path, cred);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
    }
    vfs.writeFile(f.path, body, { mode: f.program !== null ? 0o755 : 0o644, ...(cred ? { cred } : {}) });
    if (f.size > body.length) vfs.truncate(f.path, f.size, cred);
  }
  return files;
}

/** Directories of the base system that stay when the last package file in them goes. */
const SYSTEM_DIRS = new Set([
  '/bin', '/sbin', '/lib', '/lib64', '/etc', '/opt', '/srv', '/var', '/var/lib', '/var/cache', '/var/log', '/var/www', '/usr', '/usr/bin', '/usr/sbin',
  '/usr/lib', '/usr/lib64', '/usr/libexec', '/usr/include', '/usr/share', '/usr/share/doc', '/usr/share/man', '/usr/share/locale',
  '/usr/local', '/usr/local/bin', '/usr/local/sbin', '/usr/local/lib', '/usr/local/share', '/usr/lib/x86_64-linux-gnu',
]);

/** Removes a package's files and then its directories that became empty (as dpkg and apk do), sparing the system's own. */
export function removePkgFiles(vfs: Vfs, paths: readonly string[], cred?: Cred): void {
  const dirs = new Set<string>();
  for (const p of paths) {
    try {
      vfs.unlink(p, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (isFsError(e, 'EISDIR') || isFsError(e, 'EPERM')) dirs.add(p);
    }
    for (let d = dirname(p); d !== '/'; d = dirname(d)) dirs.add(d);
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    if (SYSTEM_DIRS.has(d) || /\/(site-packages|dist-packages|node_modules)$/.test(d)) continue;
    try {
      vfs.rmdir(d, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }
}

function padText(head: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size).fill(0x0a);
  out.set(head.subarray(0, size));
  return out;
}

/**
 * Dependency closure of `names` in install order (dependencies first),
 * skipping what `installed` says is present. Unknown names are returned in
 * `missing`, in request order.
 */
export function resolveInstall(
  cat: Catalogue,
  names: readonly string[],
  installed: (name: string) => boolean,
  depsOf: (pkg: PkgDef) => readonly string[] = (pkg) => pkg.deps ?? [],
): { order: PkgDef[]; missing: string[] } {
  const order: PkgDef[] = [];
  const seen = new Set<string>();
  const missing: string[] = [];
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const pkg = cat.get(name);
    if (!pkg) {
      missing.push(name);
      return;
    }
    for (const d of depsOf(pkg)) if (!installed(d)) visit(d);
    if (!installed(name)) order.push(pkg);
  };
  for (const n of names) {
    if (!cat.has(n)) {
      if (!missing.includes(n)) missing.push(n);
      continue;
    }
    visit(n);
  }
  return { order, missing };
}

/**
 * Packages that become unneeded when `removed` go: installed dependencies
 * (transitively) that nothing kept still needs and that were not asked for
 * by name (`manual`).
 */
export function orphans(cat: Catalogue, installed: readonly string[], removed: ReadonlySet<string>, manual: ReadonlySet<string>): string[] {
  const keep = new Set(installed.filter((n) => !removed.has(n)));
  for (;;) {
    const needed = new Set<string>();
    for (const n of keep) for (const d of cat.get(n)?.deps ?? []) needed.add(d);
    const drop = [...keep].filter((n) => !manual.has(n) && !needed.has(n) && cat.has(n) && isDepOfRemoved(cat, n, removed));
    if (drop.length === 0) break;
    for (const n of drop) keep.delete(n);
  }
  return installed.filter((n) => !removed.has(n) && !keep.has(n));
}

function isDepOfRemoved(cat: Catalogue, name: string, removed: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const stack = [...removed];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const d of cat.get(n)?.deps ?? []) {
      if (d === name) return true;
      stack.push(d);
    }
  }
  return false;
}

/** rm -r (nothing if absent); returns how many non-directories went. */
export function removeTree(vfs: Vfs, path: string): number {
  let st;
  try {
    st = vfs.lstat(path);
  } catch (e) {
    if (isFsError(e, 'ENOENT')) return 0;
    throw e;
  }
  if (st.type !== 'dir') {
    vfs.unlink(path);
    return 1;
  }
  let n = 0;
  for (const e of vfs.readdir(path)) n += removeTree(vfs, `${path}/${e.name}`);
  vfs.rmdir(path);
  return n;
}

export function mkdirp(vfs: Vfs, path: string, cred?: Cred): void {
  if (path === '/' || path === '') return;
  try {
    const st = vfs.stat(path, cred);
    if (st.type === 'dir') return;
  } catch (e) {
    if (!isFsError(e, 'ENOENT')) throw e;
  }
  mkdirp(vfs, dirname(path), cred);
  try {
    vfs.mkdir(path, 0o755, cred);
  } catch (e) {
    if (!isFsError(e, 'EEXIST')) throw e;
  }
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Reads a text file, or null when it does not exist. */
export function readTextOrNull(vfs: Vfs, path: string, cred?: Cred): string | null {
  try {
    return decode(vfs.readFile(path, cred));
  } catch (e) {
    if (isFsError(e, 'ENOENT') || isFsError(e, 'ENOTDIR')) return null;
    throw e;
  }
}

export function writeText(vfs: Vfs, path: string, text: string, cred?: Cred, mode = 0o644): void {
  mkdirp(vfs, dirname(path), cred);
  vfs.writeFile(path, encode(text), { mode, ...(cred ? { cred } : {}) });
}

/** True if `path` exists (lstat). */
export function exists(vfs: Vfs, path: string, cred?: Cred): boolean {
  try {
    vfs.lstat(path, cred);
    return true;
  } catch {
    return false;
  }
}
