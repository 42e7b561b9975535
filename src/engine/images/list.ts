/**
 * `docker images` and `docker image prune` over the store: which images are
 * listed (intermediate images hidden without `all`), the list filters
 * (dangling, reference, label, before, since) and prune's selection.
 */
import type { ImageDeleteResponseItem, ImageListOptions, ImagePruneOptions, ImagePruneReport, ImageSummary } from '../../api/index.ts';
import { EngineError } from '../../api/index.ts';
import { familiarName, familiarString, referenceString } from '../oci/reference.ts';
import { unixSeconds } from './config.ts';
import { removeImage } from './delete.ts';
import { chainIds } from '../oci/chain-id.ts';
import { digestHex } from '../oci/digest.ts';
import type { ImageRecord } from './record.ts';
import type { ImageStore } from './store.ts';
import { imageSummary } from './views.ts';

const LIST_FILTERS = new Set(['dangling', 'reference', 'label', 'before', 'since']);

function created(store: ImageStore, r: ImageRecord): number {
  return unixSeconds(store.config(r.id).created);
}

/** Go's path.Match for reference filters (`*` does not cross `/`). */
function pathMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (const ch of pattern) {
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else re += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(name);
}

function labelMatches(labels: Readonly<Record<string, string>> | undefined, want: string): boolean {
  const eq = want.indexOf('=');
  const key = eq < 0 ? want : want.slice(0, eq);
  if (!labels || !(key in labels)) return false;
  return eq < 0 || labels[key] === want.slice(eq + 1);
}

/** `GET /images/json`: newest first, with docker's filters. */
export function listImages(store: ImageStore, options: ImageListOptions = {}): ImageSummary[] {
  const filters = options.filters ?? {};
  for (const key of Object.keys(filters)) {
    if (!LIST_FILTERS.has(key)) throw new EngineError('InvalidParameter', `invalid filter '${key}'`, { filter: key });
  }
  const dangling = filters.dangling?.at(-1);
  if (dangling !== undefined && dangling !== 'true' && dangling !== 'false' && dangling !== '1' && dangling !== '0') {
    throw new EngineError('InvalidParameter', `invalid filter 'dangling=${dangling}'`, {});
  }
  const before = filters.before?.length ? created(store, store.resolve(filters.before.at(-1)!)) : undefined;
  const since = filters.since?.length ? created(store, store.resolve(filters.since.at(-1)!)) : undefined;
  const danglingOnly = dangling === 'true' || dangling === '1';
  const out: ImageSummary[] = [];
  for (const r of store.list()) {
    // moby daemon/images/images.go: dangling=true lists heads (no children) without a tag,
    // digest-only images included; an image without any reference shows only with -a or
    // when nothing needs it, and never under dangling=false or a reference filter.
    const refs = store.references(r.id);
    const tagged = refs.some((ref) => ref.digest === undefined);
    const childless = store.children(r.id).length === 0;
    if (danglingOnly && (!childless || tagged)) continue;
    if (refs.length === 0) {
      if (!(options.all || childless)) continue;
      if (dangling !== undefined && !danglingOnly) continue;
      if (filters.reference?.length) continue;
    }
    const c = created(store, r);
    if (before !== undefined && c >= before) continue;
    if (since !== undefined && c <= since) continue;
    const labels = store.config(r.id).config.Labels;
    if (filters.label && !filters.label.every((l) => labelMatches(labels, l))) continue;
    let summary = imageSummary(store, r);
    if (filters.reference?.length) {
      const matching = refs.filter((ref) => filters.reference!.some((p) => pathMatch(p, familiarString(ref)) || pathMatch(p, familiarName(ref))));
      if (matching.length === 0) continue;
      summary = {
        ...summary,
        RepoTags: matching.filter((m) => m.digest === undefined).map(familiarString),
        RepoDigests: matching.filter((m) => m.digest !== undefined).map(familiarString),
      };
    }
    out.push(summary);
  }
  return out.sort((a, b) => b.Created - a.Created);
}

/**
 * `POST /images/prune`: dangling images (or, with `all`, every image no
 * container uses), deleted as `docker rmi` would, without force.
 */
export function pruneImages(store: ImageStore, options: ImagePruneOptions = {}): ImagePruneReport {
  const filters = options.filters ?? {};
  for (const key of Object.keys(filters)) {
    if (key !== 'until' && key !== 'label' && key !== 'label!' && key !== 'dangling') {
      throw new EngineError('InvalidParameter', `invalid filter '${key}'`, { filter: key });
    }
  }
  const danglingOnly = !(options.all || filters.dangling?.at(-1) === 'false');
  // Space reclaimed counts the layers actually released (a layer another image still uses stays).
  const layerSizes = new Map<string, number>();
  for (const r of store.list()) chainIds(r.layers.map((l) => l.diffId)).forEach((c, i) => layerSizes.set(c, r.layers[i]!.size));
  const deleted: ImageDeleteResponseItem[] = [];
  for (const r of store.list()) {
    if (!store.has(r.id)) continue;
    if (danglingOnly && store.children(r.id).length > 0) continue;
    if (store.usage.usersOf(r.id).length > 0) continue;
    const labels = store.config(r.id).config.Labels;
    if (filters.label && !filters.label.every((l) => labelMatches(labels, l))) continue;
    if (filters['label!'] && filters['label!'].some((l) => labelMatches(labels, l))) continue;
    const refs = store.references(r.id);
    // moby ImagesPrune: dangling mode deletes images whose references are all digests.
    if (danglingOnly && refs.some((ref) => ref.digest === undefined)) continue;
    try {
      if (refs.length === 0) deleted.push(...removeImage(store, digestHex(r.id), { force: false }));
      for (const ref of refs) {
        if (store.referenceTarget(ref) === r.id) deleted.push(...removeImage(store, referenceString(ref), { force: false }));
      }
    } catch (e) {
      if ((e as EngineError).code !== 'Conflict') throw e;
    }
  }
  let reclaimed = 0;
  for (const d of deleted) if ('Deleted' in d) reclaimed += layerSizes.get(d.Deleted) ?? 0;
  return { ImagesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
}
