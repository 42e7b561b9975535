/**
 * Seeded generators for the overlayfs oracle: random lower layers (dirs,
 * files, symlinks, hard links, whiteouts, opaque dirs) and random operation
 * sequences over paths that collide with them on purpose.
 */
import { SeededRng } from '../../../src/engine/deps.ts';
import type { LayerEntry } from '../../../src/engine/fs/changes.ts';

export const NAMES = ['a', 'b', 'c', 'd', 'e'];
const FILE_MODES = [0o644, 0o600, 0o755, 0o444, 0o4755, 0o2755, 0o640];
const DIR_MODES = [0o755, 0o700, 0o775, 0o1777, 0o2755, 0o555];
const IDS = [0, 1, 1000, 65534];

export type Op =
  | { readonly op: 'mkdir'; readonly path: string; readonly mode: number }
  | { readonly op: 'write'; readonly path: string; readonly data: string; readonly mode: number }
  | { readonly op: 'append'; readonly path: string; readonly data: string }
  | { readonly op: 'truncate'; readonly path: string; readonly len: number }
  | { readonly op: 'chmod'; readonly path: string; readonly mode: number }
  | { readonly op: 'chown'; readonly path: string; readonly uid: number; readonly gid: number }
  | { readonly op: 'lchown'; readonly path: string; readonly uid: number; readonly gid: number }
  /** open(O_WRONLY|O_CREAT|O_EXCL): never follows a final symlink. */
  | { readonly op: 'create'; readonly path: string; readonly data: string; readonly mode: number }
  | { readonly op: 'symlink'; readonly target: string; readonly path: string }
  | { readonly op: 'link'; readonly from: string; readonly path: string }
  | { readonly op: 'unlink'; readonly path: string }
  | { readonly op: 'rmdir'; readonly path: string }
  | { readonly op: 'rmr'; readonly path: string }
  | { readonly op: 'rename'; readonly from: string; readonly path: string }
  | { readonly op: 'read'; readonly path: string }
  /** Open read-only, replace the content through the path (copy-up), then read the first descriptor. */
  | { readonly op: 'readAcrossWrite'; readonly path: string; readonly data: string };

/** An op plus the uid it runs as (gid = uid, no supplementary groups); 0 = root. */
export type UserOp = Op & { readonly as: number };

export interface Case {
  /** Lower layers, bottom first. */
  readonly layers: LayerEntry[][];
  readonly ops: UserOp[];
}

export class Gen {
  private readonly rng: SeededRng;
  constructor(seed: number) {
    this.rng = new SeededRng(seed);
  }
  int(n: number): number {
    return this.rng.nextUint32() % n;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.rng.nextUint32() / 2 ** 32 < p;
  }
  text(): string {
    const n = this.int(4) === 0 ? 0 : 1 + this.int(24);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(97 + this.int(26));
    return s;
  }
  randomPath(maxDepth = 3): string {
    const depth = 1 + this.int(maxDepth);
    const parts: string[] = [];
    for (let i = 0; i < depth; i++) parts.push(this.pick(NAMES));
    return parts.join('/');
  }
  /** Relative targets only, and never climbing above the link's own directory: the kernel side must stay inside the mount. */
  target(): string {
    const parts: string[] = [];
    const n = 1 + this.int(3);
    for (let i = 0; i < n; i++) {
      const name = this.pick(NAMES);
      parts.push(name);
      if (this.chance(0.15)) parts.push('..');
    }
    return parts.join('/');
  }
}

/** One random layer on top of `below` (what lower layers already hold, path → kind). */
function genLayer(g: Gen, below: Map<string, string>): LayerEntry[] {
  const entries = new Map<string, LayerEntry>();
  const meta = () => ({ uid: g.pick(IDS), gid: g.pick(IDS), mtimeMs: 1_700_000_000_000 + g.int(1000) * 1000 });
  const ensureParents = (path: string): boolean => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      const e = entries.get(p);
      if (e && e.kind !== 'dir') return false;
      if (!e) entries.set(p, { kind: 'dir', path: p, mode: g.pick(DIR_MODES), ...meta() });
    }
    return true;
  };
  const n = 4 + g.int(10);
  for (let i = 0; i < n; i++) {
    const path = g.randomPath();
    if (entries.has(path) || [...entries.keys()].some((k) => k.startsWith(`${path}/`))) continue;
    if (!ensureParents(path)) continue;
    const r = g.int(100);
    const belowKind = below.get(path);
    if (r < 30) entries.set(path, { kind: 'dir', path, mode: g.pick(DIR_MODES), ...meta() });
    else if (r < 70) entries.set(path, { kind: 'file', path, mode: g.pick(FILE_MODES), data: new TextEncoder().encode(g.text()), ...meta() });
    else if (r < 82) entries.set(path, { kind: 'symlink', path, mode: 0o777, target: g.target(), ...meta() });
    else if (r < 88) {
      const files = [...entries.values()].filter((e) => e.kind === 'file');
      if (files.length > 0) entries.set(path, { kind: 'hardlink', path, mode: 0, target: g.pick(files).path, uid: 0, gid: 0, mtimeMs: 0 });
    } else if (r < 94) {
      if (belowKind) entries.set(path, { kind: 'whiteout', path, mode: 0, uid: 0, gid: 0, mtimeMs: 0 });
    } else if (belowKind === 'dir') {
      entries.set(path, { kind: 'dir', path, mode: g.pick(DIR_MODES), ...meta() });
      entries.set(`${path}/.opq`, { kind: 'opaque', path, mode: 0, uid: 0, gid: 0, mtimeMs: 0 });
    }
  }
  return [...entries.values()];
}

/** Applies a generated layer to the path → kind summary used to aim the next layers and the ops. */
function summarize(below: Map<string, string>, layer: readonly LayerEntry[]): void {
  const drop = (p: string) => {
    for (const k of [...below.keys()]) if (k === p || k.startsWith(`${p}/`)) below.delete(k);
  };
  for (const e of layer) if (e.kind === 'opaque') for (const k of [...below.keys()]) if (k.startsWith(`${e.path}/`)) below.delete(k);
  for (const e of layer) if (e.kind === 'whiteout') drop(e.path);
  for (const e of layer) {
    if (e.kind === 'opaque' || e.kind === 'whiteout') continue;
    if (e.kind !== 'dir' || below.get(e.path) !== 'dir') drop(e.path);
    below.set(e.path, e.kind === 'hardlink' ? 'file' : e.kind);
  }
}

export function genCase(seed: number, minOps: number): Case {
  const g = new Gen(seed);
  const layers: LayerEntry[][] = [];
  const view = new Map<string, string>();
  const nLayers = 1 + g.int(4);
  for (let i = 0; i < nLayers; i++) {
    const layer = genLayer(g, view);
    layers.push(layer);
    summarize(view, layer);
  }
  // Aim ops at entries that probably exist (tracked assuming earlier ops succeeded), so that most
  // succeed and copy-up, whiteouts and opaque dirs get exercised; the rest probe error paths.
  const state = new Map(view);
  const known = [...view.keys()];
  const ofKind = (...kinds: string[]) => [...state].filter(([, k]) => kinds.includes(k)).map(([p]) => p);
  const any = () => (known.length > 0 && g.chance(0.6) ? g.pick(known) : g.randomPath());
  const existing = (...kinds: string[]) => {
    const xs = kinds.length === 0 ? [...state.keys()] : ofKind(...kinds);
    return xs.length > 0 && g.chance(0.8) ? g.pick(xs) : any();
  };
  const fresh = () => {
    const dirs = ofKind('dir');
    const name = g.pick(NAMES);
    return dirs.length > 0 && g.chance(0.8) ? `${g.pick(dirs)}/${name}` : g.chance(0.5) ? name : g.randomPath();
  };
  const drop = (p: string) => {
    for (const k of [...state.keys()]) if (k === p || k.startsWith(`${p}/`)) state.delete(k);
  };
  const ops: UserOp[] = [];
  const nOps = minOps + g.int(minOps);
  for (let i = 0; i < nOps; i++) {
    const r = g.int(100);
    let op: Op;
    if (r < 9) op = { op: 'mkdir', path: fresh(), mode: g.pick(DIR_MODES) };
    else if (r < 20) op = { op: 'write', path: g.chance(0.5) ? existing('file') : fresh(), data: g.text(), mode: g.pick(FILE_MODES) };
    else if (r < 26) op = { op: 'append', path: existing('file'), data: g.text() };
    else if (r < 31) op = { op: 'truncate', path: existing('file'), len: g.int(8) };
    else if (r < 38) op = { op: 'chmod', path: existing(), mode: g.pick([...FILE_MODES, ...DIR_MODES]) };
    else if (r < 42) op = { op: 'chown', path: existing(), uid: g.pick(IDS), gid: g.pick(IDS) };
    else if (r < 44) {
      op = g.chance(0.5)
        ? { op: 'lchown', path: existing('symlink'), uid: g.pick(IDS), gid: g.pick(IDS) }
        : { op: 'create', path: fresh(), data: g.text(), mode: g.pick(FILE_MODES) };
    } else if (r < 50) op = { op: 'symlink', target: g.target(), path: fresh() };
    else if (r < 55) op = { op: 'link', from: existing('file', 'hardlink'), path: fresh() };
    else if (r < 65) op = { op: 'unlink', path: existing('file', 'hardlink', 'symlink') };
    else if (r < 71) op = { op: 'rmdir', path: existing('dir') };
    else if (r < 78) op = { op: 'rmr', path: existing('dir') };
    else if (r < 92) op = { op: 'rename', from: existing(), path: g.chance(0.6) ? fresh() : existing() };
    else if (r < 96) op = { op: 'read', path: existing('file') };
    else op = { op: 'readAcrossWrite', path: existing('file'), data: g.text() };
    ops.push({ ...op, as: g.chance(0.25) ? g.pick([1, 1000, 65534]) : 0 });
    if (!known.includes(op.path)) known.push(op.path);
    switch (op.op) {
      case 'mkdir':
        if (!state.has(op.path)) state.set(op.path, 'dir');
        break;
      case 'write':
      case 'create':
      case 'link':
        if (!state.has(op.path)) state.set(op.path, 'file');
        break;
      case 'symlink':
        if (!state.has(op.path)) state.set(op.path, 'symlink');
        break;
      case 'unlink':
      case 'rmdir':
      case 'rmr':
        drop(op.path);
        break;
      case 'rename': {
        const moved = [...state].filter(([k]) => k === op.from || k.startsWith(`${op.from}/`));
        if (moved.length === 0 || op.path === op.from || op.path.startsWith(`${op.from}/`)) break;
        drop(op.from);
        drop(op.path);
        for (const [k, v] of moved) state.set(op.path + k.slice(op.from.length), v);
        break;
      }
      default:
        break;
    }
  }
  return { layers, ops };
}
