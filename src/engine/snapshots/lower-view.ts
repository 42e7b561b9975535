import type { LayerEntry } from '../fs/changes.ts';
import { typeBits } from '../fs/inode.ts';
import { components } from '../fs/path.ts';
import type { FileType } from '../fs/vfs.ts';

/**
 * One entry of the merged view of a stack of read-only layers. Built once per
 * layer stack and then frozen: every mount of an image shares these objects,
 * which is why 1,000 containers over one image cost almost nothing. Lookups
 * go through this index, so finding a file costs the same whether the stack
 * has 1 layer or 125.
 */
export interface LowerNode {
  readonly type: FileType;
  /** Full st_mode. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly data: Uint8Array;
  readonly target: string;
  readonly rdev: number;
  readonly ino: number;
  readonly nlink: number;
  /** Index (0 = bottom) of the layer whose entry supplies this node. */
  readonly layer: number;
  /** Lower layers that also had this path and are hidden by it, nearest first. */
  readonly shadows: readonly number[];
  /** Directories: name → child. */
  readonly children: ReadonlyMap<string, LowerNode> | undefined;
  /** Directories: names a layer deleted with a whiteout (name → layer index), for trace(). */
  readonly whiteouts: ReadonlyMap<string, number> | undefined;
  /** Directories: the layer whose opaque marker last hid everything below it. */
  readonly opaqueAt: number | undefined;
}

/** The flattened view of layers `0..depth-1`. Immutable; `extendView` makes a new one sharing structure. */
export interface LowerView {
  readonly root: LowerNode;
  readonly depth: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
interface BuildNode extends Mutable<Omit<LowerNode, 'children' | 'whiteouts' | 'shadows'>> {
  children: Map<string, LowerNode> | undefined;
  whiteouts: Map<string, number> | undefined;
  shadows: readonly number[];
}

const EMPTY = new Uint8Array(0);

/** The empty stack: only `/` (root:root 0755), as `FROM scratch`. */
export const EMPTY_VIEW: LowerView = {
  root: {
    type: 'dir',
    mode: typeBits('dir') | 0o755,
    uid: 0,
    gid: 0,
    mtimeMs: 0,
    data: EMPTY,
    target: '',
    rdev: 0,
    ino: 1,
    nlink: 2,
    layer: -1,
    shadows: [],
    children: new Map(),
    whiteouts: undefined,
    opaqueAt: undefined,
  },
  depth: 0,
};

/** Inode numbers of lower nodes: unique per layer index, deterministic for a given stack. */
const INO_STRIDE = 1 << 22;

/**
 * Applies one layer on top of `base` with path copying: only directories on
 * the paths the layer touches are cloned, everything else is shared with
 * `base`. Opaque markers apply first, then whiteouts, then entries in order
 * (OCI layer.md), so a layer's own additions are never hidden by its own
 * whiteouts.
 */
export function extendView(base: LowerView, entries: readonly LayerEntry[]): LowerView {
  const index = base.depth;
  const owned = new Set<LowerNode>();
  let nextIno = (index + 1) * INO_STRIDE + 1;
  const clone = (n: LowerNode): BuildNode => {
    const c: BuildNode = {
      ...n,
      children: n.children ? new Map(n.children) : undefined,
      whiteouts: n.whiteouts ? new Map(n.whiteouts) : undefined,
    };
    owned.add(c as LowerNode);
    return c;
  };
  const root = clone(base.root);
  const newDir = (): BuildNode => {
    const d: BuildNode = {
      ...(EMPTY_VIEW.root as BuildNode),
      children: new Map(),
      whiteouts: undefined,
      ino: nextIno++,
      layer: index,
      shadows: [],
    };
    owned.add(d as LowerNode);
    return d;
  };
  /** The writable directory at `parts`, creating missing (or replacing non-directory) ancestors. */
  const dirAt = (parts: readonly string[]): BuildNode => {
    let dir = root;
    for (const name of parts) {
      let child = dir.children!.get(name) as BuildNode | undefined;
      if (!child || child.type !== 'dir') child = newDir();
      else if (!owned.has(child as LowerNode)) child = clone(child);
      dir.children!.set(name, child as LowerNode);
      dir = child;
    }
    return dir;
  };
  const split = (path: string): [string[], string] => {
    const parts = components(path);
    const name = parts.pop() ?? '';
    return [parts, name];
  };

  for (const e of entries) {
    if (e.kind !== 'opaque') continue;
    const dir = dirAt(components(e.path));
    dir.children = new Map();
    dir.whiteouts = undefined;
    dir.opaqueAt = index;
  }
  for (const e of entries) {
    if (e.kind !== 'whiteout') continue;
    const [parts, name] = split(e.path);
    const dir = dirAt(parts);
    dir.children!.delete(name);
    (dir.whiteouts ??= new Map()).set(name, index);
  }
  const added = new Map<string, BuildNode>();
  for (const e of entries) {
    if (e.kind === 'opaque' || e.kind === 'whiteout') continue;
    const [parts, name] = split(e.path);
    if (name === '') {
      Object.assign(root, meta(e), { layer: index, shadows: [root.layer, ...root.shadows].filter((l) => l >= 0) });
      continue;
    }
    const dir = dirAt(parts);
    const prev = dir.children!.get(name);
    const shadows = prev ? [prev.layer, ...prev.shadows] : [];
    dir.whiteouts?.delete(name);
    let node: BuildNode;
    if (e.kind === 'hardlink') {
      const key = components(e.target ?? '').join('/');
      const existing = added.get(key);
      if (existing) {
        existing.nlink++;
        dir.children!.set(name, existing as LowerNode);
        continue;
      }
      node = { ...leaf(e, 'file', index, nextIno++), shadows };
    } else if (e.kind === 'dir') {
      if (prev && prev.type === 'dir') {
        node = owned.has(prev) ? (prev as BuildNode) : clone(prev);
        Object.assign(node, meta(e), { layer: index, shadows });
      } else {
        node = { ...newDir(), ...meta(e), shadows };
      }
    } else {
      node = { ...leaf(e, e.kind as FileType, index, nextIno++), shadows };
    }
    owned.add(node as LowerNode);
    dir.children!.set(name, node as LowerNode);
    added.set(components(e.path).join('/'), node);
  }
  return { root: root as LowerNode, depth: index + 1 };
}

function meta(e: LayerEntry): Pick<BuildNode, 'mode' | 'uid' | 'gid' | 'mtimeMs'> {
  const type: FileType = e.kind === 'hardlink' ? 'file' : (e.kind as FileType);
  return { mode: typeBits(type) | (e.mode & 0o7777), uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs };
}

function leaf(e: LayerEntry, type: FileType, layer: number, ino: number): BuildNode {
  return {
    type,
    ...meta(e),
    mode: typeBits(type) | (e.mode & 0o7777),
    data: e.data ?? EMPTY,
    target: type === 'symlink' ? (e.target ?? '') : '',
    rdev: e.rdev ?? 0,
    ino,
    nlink: 1,
    layer,
    shadows: [],
    children: undefined,
    whiteouts: undefined,
    opaqueAt: undefined,
  };
}

/** The view of a whole stack, bottom layer first. */
export function buildView(layers: readonly (readonly LayerEntry[])[]): LowerView {
  let view = EMPTY_VIEW;
  for (const entries of layers) view = extendView(view, entries);
  return view;
}

/** The node at an absolute physical path (no symlinks followed), or undefined. */
export function lowerNodeAt(view: LowerView, path: string): LowerNode | undefined {
  let node: LowerNode | undefined = view.root;
  for (const name of components(path)) {
    node = node?.children?.get(name);
    if (!node) return undefined;
  }
  return node;
}
