import type { VizLayerEntry } from '../../api/index.ts';

/** One row of a layer's file list as drawn: the name indented under its directory. */
export interface TreeRow {
  readonly path: string;
  readonly name: string;
  readonly depth: number;
  readonly entry: VizLayerEntry;
}

/**
 * Rows for a layer's entries (already in tree order from the engine), with
 * `onlyChanges` dropping directories that are only parents. Cheap enough to
 * recompute per step for layers of thousands of files.
 */
export function treeRows(entries: readonly VizLayerEntry[], onlyChanges: boolean): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const entry of entries) {
    if (onlyChanges && entry.change === 'unchanged') continue;
    const parts = entry.path.split('/').filter(Boolean);
    rows.push({ path: entry.path, name: onlyChanges ? entry.path : (parts[parts.length - 1] ?? '/'), depth: onlyChanges ? 0 : parts.length - 1, entry });
  }
  return rows;
}

/** The slice of rows a virtual list shows: rows in view plus `overscan` either side. */
export function visibleRange(total: number, scrollTop: number, viewHeight: number, rowHeight: number, overscan = 8): { start: number; end: number } {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(total, Math.ceil((scrollTop + viewHeight) / rowHeight) + overscan);
  return { start, end };
}
