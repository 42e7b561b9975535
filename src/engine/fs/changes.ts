import { compareNames, components } from './path.ts';
import type { FileType, Vfs } from './vfs.ts';

/**
 * One entry of a layer's change set, in tar vocabulary. Paths are relative to
 * the root without a leading slash (`etc/passwd`), exactly as they appear in a
 * layer tar. Two kinds carry OCI whiteout meaning instead of content:
 * `whiteout` (tar name `<dir>/.wh.<name>`) deletes `path` from the layers
 * below; `opaque` (tar name `<path>/.wh..wh..opq`) hides every lower child of
 * the directory `path`, before this layer's own entries apply.
 */
export interface LayerEntry {
  readonly kind: LayerEntryKind;
  readonly path: string;
  /** Permission bits incl. setuid/setgid/sticky (no type bits). */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  /** `file`: the content (shared, never mutated). */
  readonly data?: Uint8Array;
  /** `symlink`: the target; `hardlink`: the path of an earlier entry of the same layer. */
  readonly target?: string;
  /** Device number for `chardev`/`blockdev`. */
  readonly rdev?: number;
}

export type LayerEntryKind = 'dir' | 'file' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo' | 'whiteout' | 'opaque';

/** OCI whiteout prefix and the opaque-directory marker. */
export const WHITEOUT_PREFIX = '.wh.';
export const WHITEOUT_META_PREFIX = '.wh..wh.';
export const WHITEOUT_OPAQUE = '.wh..wh..opq';

/**
 * The canonical entry order of a layer: a depth-first walk with siblings by
 * name, a directory before its contents, and inside a directory the opaque
 * marker first, then whiteouts, then the rest (OCI: whiteouts SHOULD precede
 * their siblings). Same content → same order → same tar bytes → same diffId.
 */
export function sortEntries(entries: readonly LayerEntry[]): LayerEntry[] {
  const keyed = entries.map((e) => ({ e, k: sortKey(e) }));
  keyed.sort((a, b) => compareKeys(a.k, b.k));
  return keyed.map((x) => x.e);
}

/**
 * Canonical order with valid hard links: a tar hard link must follow the entry
 * it names, so in each group of names for one file the first name in order
 * carries the content and metadata and the others link to it.
 */
export function canonicalEntries(entries: readonly LayerEntry[]): LayerEntry[] {
  const sorted = sortEntries(entries);
  const byPath = new Map(sorted.map((e) => [normal(e.path), e]));
  /** The file entry a hard link (possibly via other links) names. */
  const fileOf = (e: LayerEntry): LayerEntry | undefined => {
    let cur: LayerEntry | undefined = e;
    for (let hops = 0; cur?.kind === 'hardlink' && hops < 64; hops++) cur = byPath.get(normal(cur.target ?? ''));
    return cur?.kind === 'file' ? cur : undefined;
  };
  const leader = new Map<LayerEntry, string>();
  return sorted.map((e) => {
    if (e.kind !== 'file' && e.kind !== 'hardlink') return e;
    const file = fileOf(e);
    if (!file) return e;
    const first = leader.get(file);
    if (first === undefined) {
      leader.set(file, e.path);
      return e.kind === 'file' ? e : { ...file, path: e.path };
    }
    const { data: _data, ...meta } = file;
    return { ...meta, kind: 'hardlink', path: e.path, target: first };
  });
}

function normal(path: string): string {
  return components(path).join('/');
}

function sortKey(e: LayerEntry): string[] {
  const parts = components(e.path);
  const key = parts.map((p) => `2${p}`);
  if (e.kind === 'opaque') key.push('0');
  else if (e.kind === 'whiteout' && key.length > 0) key[key.length - 1] = `1${parts[parts.length - 1]}`;
  return key;
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareNames(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** One line of `docker diff`: Kind 0 = C (modified), 1 = A (added), 2 = D (deleted), as in the Engine API. */
export interface Change {
  readonly path: string;
  readonly kind: 'A' | 'C' | 'D';
}

/** `docker diff` text: `<A|C|D> <path>` per change. */
export function formatChanges(changes: readonly Change[]): string[] {
  return changes.map((c) => `${c.kind} ${c.path}`);
}

export function sortChanges(changes: readonly Change[]): Change[] {
  return [...changes].sort((a, b) => compareNames(a.path, b.path));
}

interface TreeInfo {
  readonly type: FileType;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly rdev: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly target: string;
}

/**
 * go-archive's ChangesDirs: compare two complete trees (the "naive diff" that
 * drivers without a layer walk use). A changed entry is `C` when mode, owner,
 * rdev or symlink target differ, or — for non-directories only — size or
 * mtime (Linux ignores directory mtime and size, moby#9874). A deleted
 * directory is reported once; a directory containing changes is `C` (except
 * `/`). Returned sorted by path.
 */
export function changesDirs(oldFs: Vfs, newFs: Vfs): Change[] {
  const out: Change[] = [];
  walkPair(oldFs, newFs, '/', true, true, false, out);
  return sortChanges(out);
}

function info(fs: Vfs, path: string): TreeInfo {
  const st = fs.lstat(path);
  return {
    type: st.type,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    rdev: st.rdev,
    size: st.size,
    mtimeMs: Math.floor(st.mtimeMs),
    target: st.type === 'symlink' ? fs.readlink(path) : '',
  };
}

function differs(a: TreeInfo, b: TreeInfo): boolean {
  if (a.mode !== b.mode || a.uid !== b.uid || a.gid !== b.gid || a.rdev !== b.rdev) return true;
  if (a.type !== 'dir' && (a.mtimeMs !== b.mtimeMs || a.size !== b.size)) return true;
  return a.target !== b.target;
}

/**
 * Walks `path`, which exists in the new tree (and in the old one when
 * `inOld`), appending changes to `out`. `listed`: the caller already reported
 * this path as changed.
 */
function walkPair(oldFs: Vfs, newFs: Vfs, path: string, inOld: boolean, isRoot: boolean, listed: boolean, out: Change[]): void {
  const at = out.length;
  const newInfo = info(newFs, path);
  if (!inOld) {
    out.push({ path, kind: 'A' });
    listed = true;
  }
  if (newInfo.type !== 'dir') return;
  const oldInfo = inOld ? info(oldFs, path) : undefined;
  const oldNames = new Set(oldInfo?.type === 'dir' ? oldFs.readdir(path).map((e) => e.name) : []);
  for (const { name } of newFs.readdir(path)) {
    const child = path === '/' ? `/${name}` : `${path}/${name}`;
    const had = oldNames.delete(name);
    const changed = had && differs(info(oldFs, child), info(newFs, child));
    if (changed) out.push({ path: child, kind: 'C' });
    walkPair(oldFs, newFs, child, had, false, changed, out);
  }
  for (const name of oldNames) out.push({ path: path === '/' ? `/${name}` : `${path}/${name}`, kind: 'D' });
  // A directory with changes inside is itself reported, so its metadata is restored on apply.
  if (out.length > at && !isRoot && !listed) out.splice(at, 0, { path, kind: 'C' });
}
