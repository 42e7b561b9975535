/**
 * What the Engine API returns for images, computed from store records:
 * `ImageSummary` (docker images), `ImageInspect` (docker image inspect) and
 * `HistoryResponseItem` (docker history), in dockerd's key order.
 */
import type { HistoryResponseItem, ImageInspect, ImageSummary } from '../../api/index.ts';
import { chainIds } from '../oci/chain-id.ts';
import { digestHex, sha256Digest } from '../oci/digest.ts';
import { unixSeconds } from './config.ts';
import type { ImageRecord } from './record.ts';
import type { ImageStore } from './store.ts';

/** Total DiffSize of an image's layers (what SIZE shows). */
export function imageSize(record: ImageRecord): number {
  return record.layers.reduce((n, l) => n + l.size, 0);
}

export function imageSummary(store: ImageStore, record: ImageRecord): ImageSummary {
  const config = store.config(record.id);
  const labels = config.config.Labels;
  return {
    Containers: -1,
    Created: unixSeconds(config.created),
    Id: record.id,
    Labels: labels && Object.keys(labels).length > 0 ? { ...labels } : null,
    ParentId: record.parent ?? '',
    RepoDigests: store.repoDigests(record.id),
    RepoTags: store.repoTags(record.id),
    SharedSize: -1,
    Size: imageSize(record),
  };
}

/** The overlay2 directory of a layer: moby names it by a random cache id; we derive one from the chain id. */
function overlayDir(chainId: string): string {
  return `/var/lib/docker/overlay2/${digestHex(sha256Digest(`overlay2 ${chainId}`))}`;
}

/** overlay2's GraphDriver data: the top layer's diff as UpperDir, the rest as LowerDir (top first). */
function graphDriver(record: ImageRecord): ImageInspect['GraphDriver'] {
  const chains = chainIds(record.layers.map((l) => l.diffId));
  if (chains.length === 0) return { Data: {}, Name: 'overlay2' };
  const top = overlayDir(chains.at(-1)!);
  const lowers = chains.slice(0, -1).reverse().map((c) => `${overlayDir(c)}/diff`);
  return {
    Data: {
      ...(lowers.length > 0 ? { LowerDir: lowers.join(':') } : {}),
      MergedDir: `${top}/merged`,
      UpperDir: `${top}/diff`,
      WorkDir: `${top}/work`,
    },
    Name: 'overlay2',
  };
}

export function imageInspect(store: ImageStore, record: ImageRecord): ImageInspect {
  const c = store.config(record.id);
  return {
    Id: record.id,
    RepoTags: store.repoTags(record.id),
    RepoDigests: store.repoDigests(record.id),
    Parent: record.parent ?? '',
    Comment: c.history?.at(-1)?.comment ?? '',
    Created: c.created ?? '0001-01-01T00:00:00Z',
    DockerVersion: '',
    Author: c.author ?? '',
    Config: c.config,
    Architecture: c.architecture,
    ...(c.variant ? { Variant: c.variant } : {}),
    Os: c.os,
    Size: imageSize(record),
    GraphDriver: graphDriver(record),
    RootFS: { Type: 'layers', Layers: [...c.rootfs.diff_ids] },
    Metadata: { LastTagTime: record.lastTagTime ?? '0001-01-01T00:00:00Z' },
  };
}

/**
 * `docker history`: one row per history entry, newest first. A row with a
 * layer shows that layer's size; the top row carries the image id and tags,
 * rows of ancestors that exist locally (classic-build parents) theirs, the
 * rest `<missing>` (moby daemon/images/image_history.go).
 */
export function imageHistory(store: ImageStore, record: ImageRecord): HistoryResponseItem[] {
  const rows: HistoryResponseItem[] = [];
  const c = store.config(record.id);
  let layerIndex = 0;
  const sizes = record.layers.map((l) => l.size);
  for (const h of c.history ?? []) {
    const size = h.empty_layer ? 0 : (sizes[layerIndex++] ?? 0);
    rows.push({ Comment: h.comment ?? '', Created: unixSeconds(h.created), CreatedBy: h.created_by ?? '', Id: '<missing>', Size: size, Tags: null });
  }
  rows.reverse();
  // Walk the parent chain: each local ancestor owns the rows from its own history length down.
  let current: ImageRecord | undefined = record;
  while (current) {
    const n: number = store.config(current.id).history?.length ?? 0;
    const row = rows.length - n;
    if (row >= 0 && row < rows.length) {
      const tags = store.repoTags(current.id);
      rows[row] = { ...rows[row]!, Id: current.id, Tags: tags.length > 0 ? tags : null };
    }
    current = current.parent !== undefined && store.has(current.parent) ? store.get(current.parent) : undefined;
  }
  return rows;
}
