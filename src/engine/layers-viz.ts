/**
 * The layer stack and image explorer views (VizApi.vizLayers): each layer's
 * entries marked added/changed/removed against the layers below it, who
 * shares each layer, a container's upper dir, and dive's efficiency score.
 * Read-only: nothing here changes engine state.
 */
import { EngineError } from '../api/index.ts';
import type { VizObjects, VizContainerLayer, VizEfficiency, VizFileCounts, VizLayer, VizLayerEntry, VizLayerStack, VizLayersOptions } from '../api/viz.ts';
import type { LayerEntry } from './fs/changes.ts';
import type { ImageStore } from './images/store.ts';
import type { ImageRecord } from './images/record.ts';
import { chainIds } from './oci/chain-id.ts';
import { familiarString } from './oci/reference.ts';
import type { ContainerRuntime } from './runtime/runtime.ts';
import type { MemFs } from './fs/mem-fs.ts';
import { fileTypeOf } from './fs/inode.ts';
import type { Inode } from './fs/inode.ts';
import { isOpaqueInode, isWhiteoutInode } from './snapshots/overlay-xattrs.ts';

interface Known {
  readonly type: string;
  readonly size: number;
}

/** The merged tree of the layers seen so far: path → type and size. */
class MergedTree {
  private readonly paths = new Map<string, Known>();

  get(path: string): Known | undefined {
    return this.paths.get(path);
  }

  /** Bytes of a path and everything below it (what a whiteout of it hides). */
  sizeUnder(path: string): number {
    let total = this.paths.get(path)?.size ?? 0;
    const prefix = `${path}/`;
    for (const [p, k] of this.paths) if (p.startsWith(prefix)) total += k.size;
    return total;
  }

  removeUnder(path: string, keepSelf: boolean): void {
    const prefix = `${path}/`;
    for (const p of [...this.paths.keys()]) if (p.startsWith(prefix)) this.paths.delete(p);
    if (!keepSelf) this.paths.delete(path);
  }

  set(path: string, k: Known): void {
    this.paths.set(path, k);
  }
}

const abs = (p: string) => `/${p.replace(/^\/+|\/+$/g, '')}`;

function countOf(entries: readonly VizLayerEntry[]): VizFileCounts {
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const e of entries) {
    if (e.change === 'added') added++;
    else if (e.change === 'changed' || e.change === 'opaque') changed++;
    else if (e.change === 'removed') removed++;
  }
  return { added, changed, removed };
}

/** Marks one layer's entries against the tree below it, then applies them (OCI: opaque and whiteouts first). */
function markLayer(entries: readonly LayerEntry[], tree: MergedTree): VizLayerEntry[] {
  const out: VizLayerEntry[] = [];
  for (const e of entries) {
    const path = abs(e.path);
    if (e.kind === 'whiteout') {
      const below = tree.get(path);
      out.push({ path, change: 'removed', type: below?.type ?? 'file', size: tree.sizeUnder(path) });
      tree.removeUnder(path, false);
      continue;
    }
    if (e.kind === 'opaque') {
      out.push({ path, change: 'opaque', type: 'dir', size: tree.sizeUnder(path) - (tree.get(path)?.size ?? 0) });
      tree.removeUnder(path, true);
      continue;
    }
    const below = tree.get(path);
    const size = e.kind === 'file' ? (e.data?.length ?? 0) : 0;
    const change = below === undefined ? 'added' : e.kind === 'dir' && below.type === 'dir' ? 'unchanged' : 'changed';
    out.push({ path, change, type: e.kind, size });
    tree.set(path, { type: e.kind, size });
  }
  return out;
}

/**
 * dive's efficiency (wagoodman/dive image/efficiency.go): every leaf path is
 * counted in each layer that holds it (a whiteout counts what it hides);
 * score = Σ smallest copy / Σ all copies; a path in two or more layers wastes
 * all its copies' bytes.
 */
export function efficiencyOf(layers: readonly VizLayer[]): VizEfficiency {
  const byPath = new Map<string, { copies: number; cumulative: number; min: number }>();
  for (const l of layers) {
    for (const e of l.entries) {
      if (e.type === 'dir' && e.change !== 'removed') continue;
      const d = byPath.get(e.path) ?? { copies: 0, cumulative: 0, min: -1 };
      d.copies++;
      d.cumulative += e.size;
      if (d.min < 0 || e.size < d.min) d.min = e.size;
      byPath.set(e.path, d);
    }
  }
  let minimum = 0;
  let discovered = 0;
  let wasted = 0;
  const inefficiencies: { path: string; copies: number; bytes: number }[] = [];
  for (const [path, d] of byPath) {
    minimum += d.min;
    discovered += d.cumulative;
    if (d.copies > 1) {
      wasted += d.cumulative;
      inefficiencies.push({ path, copies: d.copies, bytes: d.cumulative });
    }
  }
  inefficiencies.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1));
  const userBytes = layers.slice(1).reduce((n, l) => n + l.entries.reduce((m, e) => m + (e.change === 'removed' ? 0 : e.size), 0), 0);
  return {
    score: discovered === 0 ? 1 : minimum / discovered,
    wastedBytes: wasted,
    wastedUserRatio: userBytes === 0 ? 0 : Math.min(1, wasted / userBytes),
    inefficiencies,
  };
}

/** A container's upper dir as layer entries (whiteouts and opaque dirs read from overlay's own marks). */
function upperEntries(upper: MemFs, tree: MergedTree): VizLayerEntry[] {
  const out: VizLayerEntry[] = [];
  const walk = (dir: Inode, path: string) => {
    for (const [name, node] of [...(dir.children ?? new Map<string, Inode>())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const p = path === '/' ? `/${name}` : `${path}/${name}`;
      if (isWhiteoutInode(node)) {
        out.push({ path: p, change: 'removed', type: tree.get(p)?.type ?? 'file', size: tree.sizeUnder(p) });
        continue;
      }
      const type: string = fileTypeOf(node.mode);
      const below = tree.get(p);
      if (node.children && isOpaqueInode(node)) out.push({ path: p, change: 'opaque', type: 'dir', size: 0 });
      else out.push({ path: p, change: below === undefined ? 'added' : node.children && below.type === 'dir' ? 'unchanged' : 'changed', type, size: type === 'file' ? node.size : 0 });
      if (node.children) walk(node, p);
    }
  };
  walk(upper.root, '/');
  return out;
}

function imageName(store: ImageStore, id: string): string {
  return store.repoTags(id)[0] ?? id.slice(7, 19);
}

/** The layer stack of an image, or of a container (its image plus its upper dir). */
export async function vizLayers(store: ImageStore, runtime: ContainerRuntime, options: VizLayersOptions): Promise<VizLayerStack> {
  const container = options.container ? runtime.get(options.container) : undefined;
  if (!container && !options.image) throw new EngineError('InvalidParameter', 'an image or a container is required', {});
  const record: ImageRecord = container ? store.get(container.imageId) : store.resolve(options.image!);
  const config = store.config(record.id);
  const chains = chainIds(record.layers.map((l) => l.diffId));

  // Who uses each chain id: images and containers.
  const imagesByChain = new Map<string, string[]>();
  const layerSizeByChain = new Map<string, number>();
  for (const img of store.list()) {
    const ids = chainIds(img.layers.map((l) => l.diffId));
    ids.forEach((c, i) => {
      imagesByChain.set(c, [...(imagesByChain.get(c) ?? []), imageName(store, img.id)]);
      layerSizeByChain.set(c, img.layers[i]!.size);
    });
  }
  const containersByChain = new Map<string, string[]>();
  for (const s of runtime.list({ all: true })) {
    const c = runtime.get(s.Id);
    for (const ch of c.chainIds) containersByChain.set(ch, [...(containersByChain.get(ch) ?? []), c.name]);
  }
  let totalSharedSavings = 0;
  for (const [ch, imgs] of imagesByChain) totalSharedSavings += (layerSizeByChain.get(ch) ?? 0) * (imgs.length - 1);

  const history = (config.history ?? []).filter((h) => !h.empty_layer);
  const tree = new MergedTree();
  const layers: VizLayer[] = record.layers.map((l, i) => {
    const chainId = chains[i]!;
    const entries = markLayer(store.snapshotter.layer(chainId).entries, tree);
    const images = imagesByChain.get(chainId) ?? [];
    const h = history[i];
    return {
      index: i,
      diffId: l.diffId,
      chainId,
      size: l.size,
      createdBy: h?.created_by ?? '',
      ...(h?.created ? { created: h.created } : {}),
      counts: countOf(entries),
      entries,
      sharing: { images, containers: containersByChain.get(chainId) ?? [], savedBytes: l.size * Math.max(0, images.length - 1) },
    };
  });

  let containerLayer: VizContainerLayer | undefined;
  if (container) {
    const entries = upperEntries(container.mount.upper, tree);
    containerLayer = {
      id: container.id,
      name: container.name,
      running: container.running,
      size: container.mount.upper.usedBytes,
      counts: countOf(entries),
      entries,
    };
  }
  const refs = store.references(record.id).map((r) => familiarString(r));
  return {
    image: { id: record.id, refs, size: record.layers.reduce((n, l) => n + l.size, 0) },
    layers,
    ...(containerLayer ? { container: containerLayer } : {}),
    efficiency: efficiencyOf(layers),
    totalSharedSavings,
  };
}

/** Images (newest first) and containers (newest first) for the views' pickers. */
export function vizObjects(store: ImageStore, runtime: ContainerRuntime): VizObjects {
  const images = store
    .list()
    .map((r) => ({ id: r.id, refs: store.repoTags(r.id), created: store.config(r.id).created ?? '' }))
    .reverse();
  const containers = runtime.list({ all: true }).map((s) => {
    const c = runtime.get(s.Id);
    return { id: c.id, name: c.name, image: s.Image, imageId: c.imageId, running: c.running };
  });
  return { images, containers };
}
