/**
 * `docker rmi` as moby's graphdriver image service decides it
 * (daemon/images/image_delete.go): a name is untagged first and the image is
 * deleted only when nothing else names it; an id deletes the image with all
 * its names when they are all in one repository; conflicts are "soft"
 * (other references, stopped containers: `--force` overrides) or "hard"
 * (child images, running containers: never). Every record is returned in
 * the order docker prints it.
 */
import type { ImageDeleteResponseItem } from '../../api/index.ts';
import { EngineError } from '../../api/index.ts';
import { shortImageId } from '../oci/chain-id.ts';
import type { ImageReference } from '../oci/reference.ts';
import { familiarString, parseNormalizedNamed, referenceName, tagNameOnly } from '../oci/reference.ts';
import type { ImageStore } from './store.ts';

const DEPENDENT_CHILD = 1;
const RUNNING_CONTAINER = 2;
const ACTIVE_REFERENCE = 4;
const STOPPED_CONTAINER = 8;
const HARD = DEPENDENT_CHILD | RUNNING_CONTAINER;
const SOFT = ACTIVE_REFERENCE | STOPPED_CONTAINER;

interface Conflict {
  readonly hard: boolean;
  readonly used: boolean;
  readonly message: string;
}

function conflictError(id: string, c: Conflict): EngineError {
  return new EngineError('Conflict', `conflict: unable to delete ${shortImageId(id)} (${c.hard ? 'cannot be forced' : 'must be forced'}) - ${c.message}`, {
    id,
    hard: c.hard,
  });
}

/** Whether `text` names the image by id (full or prefix), not by reference. */
function isIdPrefix(id: string, text: string): boolean {
  const bare = text.startsWith('sha256:') ? text.slice(7) : text;
  return /^[a-f0-9]+$/.test(bare) && id.slice(7).startsWith(bare);
}

/** At most one tag, and every reference in the same repository (moby isSingleReference). */
function isSingleReference(refs: readonly ImageReference[]): boolean {
  if (refs.length <= 1) return refs.length === 1;
  let single: ImageReference | undefined;
  const repos = new Set<string>();
  for (const r of refs) {
    if (r.digest !== undefined) repos.add(referenceName(r));
    else if (single === undefined) {
      repos.add(referenceName(r));
      single = r;
    } else return false;
  }
  single ??= refs[0]!;
  return repos.size === 1 && repos.has(referenceName(single));
}

function checkConflict(store: ImageStore, id: string, mask: number): Conflict | undefined {
  if (mask & DEPENDENT_CHILD && store.children(id).length > 0) return { hard: true, used: false, message: 'image has dependent child images' };
  const users = store.usage.usersOf(id);
  const running = users.find((u) => u.running);
  if (mask & RUNNING_CONTAINER && running) {
    return { hard: true, used: true, message: `image is being used by running container ${shortImageId(running.id)}` };
  }
  if (mask & ACTIVE_REFERENCE && store.references(id).length > 0) {
    return { hard: false, used: false, message: 'image is referenced in multiple repositories' };
  }
  const stopped = users.find((u) => !u.running);
  if (mask & STOPPED_CONTAINER && stopped) {
    return { hard: false, used: true, message: `image is being used by stopped container ${shortImageId(stopped.id)}` };
  }
  return undefined;
}

/** `DELETE /images/{name}?force=&noprune=`. */
export function removeImage(store: ImageStore, refOrId: string, opts: { force?: boolean; noPrune?: boolean } = {}): ImageDeleteResponseItem[] {
  const force = opts.force ?? false;
  const records: ImageDeleteResponseItem[] = [];
  const image = store.resolve(refOrId);
  const id = image.id;
  let refs = store.references(id);
  let removedRepositoryRef = false;
  if (!isIdPrefix(id, refOrId)) {
    const users = store.usage.usersOf(id);
    if (!force && isSingleReference(refs) && users.length > 0) {
      throw new EngineError(
        'Conflict',
        `conflict: unable to remove repository reference "${refOrId}" (must force) - container ${shortImageId(users[0]!.id)} is using its referenced image ${shortImageId(id)}`,
        { id },
      );
    }
    const parsed = store.removeReference(tagNameOnly(parseNormalizedNamed(refOrId)));
    records.push({ Untagged: familiarString(parsed) });
    refs = store.references(id);
    // A removed tag takes the repository's digest references with it when no tag of that repository is left.
    if (parsed.digest === undefined) {
      const name = referenceName(parsed);
      const tagLeft = refs.some((r) => r.digest === undefined && referenceName(r) === name);
      if (!tagLeft) {
        const remaining: ImageReference[] = [];
        for (const r of refs) {
          if (r.digest !== undefined && referenceName(r) === name) {
            store.removeReference(r);
            records.push({ Untagged: familiarString(r) });
          } else remaining.push(r);
        }
        refs = remaining;
      }
    }
    if (refs.length > 0) return records;
    removedRepositoryRef = true;
  } else if (isSingleReference(refs)) {
    const conflict = checkConflict(store, id, force ? HARD : HARD | (SOFT & ~ACTIVE_REFERENCE));
    if (conflict) throw conflictError(id, conflict);
    for (const r of refs) {
      store.removeReference(r);
      records.push({ Untagged: familiarString(r) });
    }
  }
  deleteHelper(store, id, records, force, !(opts.noPrune ?? false), removedRepositoryRef);
  return records;
}

function deleteHelper(store: ImageStore, id: string, records: ImageDeleteResponseItem[], force: boolean, prune: boolean, quiet: boolean): void {
  const conflict = checkConflict(store, id, force ? HARD : HARD | SOFT);
  if (conflict) {
    // Pruning parents (quiet) stops silently unless the image is dangling and unused.
    if (quiet && (!isDangling(store, id) || conflict.used)) return;
    throw conflictError(id, conflict);
  }
  const parent = store.get(id).parent;
  for (const r of store.references(id)) {
    store.removeReference(r);
    records.push({ Untagged: familiarString(r) });
  }
  const chains = store.deleteImage(id);
  records.push({ Deleted: id });
  for (const c of chains) records.push({ Deleted: c });
  if (!prune || parent === undefined || !store.has(parent)) return;
  deleteHelper(store, parent, records, false, true, true);
}

/** No references and no children: what `--filter dangling=true` and `image prune` mean. */
export function isDangling(store: ImageStore, id: string): boolean {
  return store.references(id).length === 0 && store.children(id).length === 0;
}
