import { components, parentPath } from '../fs/path.ts';
import { lowerNodeAt } from './lower-view.ts';
import type { LowerNode } from './lower-view.ts';
import { isOpaqueInode, isWhiteoutInode } from './overlay-xattrs.ts';
import type { MergedNode, UnionMount } from './union-mount.ts';

/** Where one path of a union mount comes from, for the copy-on-write visualisation. */
export interface Trace {
  readonly path: string;
  readonly exists: boolean;
  /** The supplying layer: `upper`, a lower layer index (0 = bottom), or null when absent. */
  readonly layer: 'upper' | number | null;
  readonly layerId?: string;
  /** The entry was copied up (upper version of a path a lower layer also has). */
  readonly copiedUp: boolean;
  /** Lower layers whose version of this path is hidden, nearest first. */
  readonly shadows: readonly number[];
  /** Absent because of a whiteout: in the upper dir or in a lower layer. */
  readonly whiteout?: 'upper' | number;
  /** The entry is (or sits below) an opaque directory that hides lower contents. */
  readonly opaque?: 'upper' | number;
  /** The same facts as sentences, top layer first. */
  readonly steps: readonly string[];
}

/** Builds the trace of `path` with lstat semantics (symlinks in the parents are followed, the last one is not). */
export function traceMerged(mount: UnionMount, path: string, layerIds: readonly string[]): Trace {
  const name = (l: number) => (layerIds[l] ? `layer ${l} (${layerIds[l]!.slice(7, 19)})` : `layer ${l}`);
  const norm = `/${components(mount.physicalPath(path)).join('/')}`;
  const m: MergedNode | undefined = mount.nodeAt(norm);
  const steps: string[] = [];
  if (!m) {
    const parent = mount.nodeAt(parentPath(norm));
    const base = components(norm).pop() ?? '';
    const up = parent?.upper?.children?.get(base);
    if (up && isWhiteoutInode(up)) {
      steps.push(`upper: whiteout (character device 0/0) hides ${norm}`);
      return { path: norm, exists: false, layer: null, copiedUp: false, shadows: [], whiteout: 'upper', steps };
    }
    const lw = parent?.lower?.whiteouts?.get(base);
    if (lw !== undefined) {
      steps.push(`${name(lw)}: whiteout .wh.${base} deletes ${norm} from the layers below`);
      return { path: norm, exists: false, layer: null, copiedUp: false, shadows: [], whiteout: lw, steps };
    }
    steps.push(`${norm}: no layer has it`);
    return { path: norm, exists: false, layer: null, copiedUp: false, shadows: [], steps };
  }
  if (m.upper) {
    const below: LowerNode | undefined = m.lower ?? hiddenLower(mount, norm);
    const shadows = below ? [below.layer, ...below.shadows] : [];
    const opaque = m.upper.children && isOpaqueInode(m.upper) ? ('upper' as const) : undefined;
    steps.push(`upper: ${below ? 'copied up or replaced' : 'created in the container'} — supplies ${norm}`);
    if (opaque) steps.push(`upper: opaque directory, nothing below shows through`);
    for (const l of shadows) steps.push(`${name(l)}: hidden by the upper version`);
    return { path: norm, exists: true, layer: 'upper', copiedUp: below !== undefined, shadows, ...(opaque ? { opaque } : {}), steps };
  }
  const l = m.lower!;
  steps.push(`upper: not present`);
  steps.push(`${name(l.layer)}: supplies ${norm}`);
  for (const s of l.shadows) steps.push(`${name(s)}: hidden by ${name(l.layer)}`);
  const layerId = layerIds[l.layer];
  return {
    path: norm,
    exists: true,
    layer: l.layer,
    ...(layerId ? { layerId } : {}),
    copiedUp: false,
    shadows: l.shadows,
    ...(l.opaqueAt !== undefined ? { opaque: l.opaqueAt } : {}),
    steps,
  };
}

/** The lower entry an upper non-directory hides (merged dirs carry their lower already). */
function hiddenLower(mount: UnionMount, path: string): LowerNode | undefined {
  return lowerNodeAt(mount.lower, path);
}
