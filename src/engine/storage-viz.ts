/**
 * The storage-driver comparison of the copy-on-write view (VizApi.vizStorageDrivers):
 * the same file operation, as the union mount performed it (overlay2), and as
 * aufs and devicemapper would perform it.
 *
 * - overlay2: one upper dir over up to 128 lowerdirs; lookup top-down; the
 *   first change of a lower file copies the whole file up; deletion leaves a
 *   whiteout (character device 0/0); a directory recreated over a whiteout is
 *   opaque (xattr trusted.overlay.opaque=y).
 * - aufs: one branch per layer, the container's rw branch on top; lookup
 *   searches the branches top-down; copy-up of the whole file to the rw branch;
 *   deletion leaves a `.wh.<name>` file; an opaque directory holds `.wh..wh..opq`.
 * - devicemapper: the container is a thin snapshot of the image's thin device,
 *   with one filesystem inside; there are no layers to search, and copy-on-write
 *   happens per 64 KiB block (dm.thinp block size) when a shared block is first
 *   written. Simplification: the blocks a write touches are counted from the
 *   bytes written (the offset is not known), at least one.
 */
import type { StorageDriverExplanation, VizFsOperation } from '../api/viz.ts';

/** devicemapper's default thin-pool block size (dm.blocksize). */
export const DM_BLOCK_SIZE = 64 * 1024;

type Step = StorageDriverExplanation['steps'][number];
const step = (rule: string, text: string, detail: Record<string, string | number> = {}): Step => ({ rule, text, detail });

const REMOVE_OPS = new Set(['unlink', 'rmdir']);
const META_OPS = new Set(['chmod', 'chown', 'lchown', 'utimes']);
/** Operations that make a new name (`open` only with O_CREAT on a missing name, which is when it is reported as new). */
const CREATE_OPS = new Set(['mkdir', 'symlink', 'mknod', 'link', 'open']);
const isCreate = (op: VizFsOperation) => op.layer === null && CREATE_OPS.has(op.op);

/** Places a top-down union lookup visits: the upper/rw layer, then each lower down to the one that had it. */
function unionLookups(op: VizFsOperation): number {
  if (op.layer === 'upper') return 1;
  if (op.layer === null) return 1 + op.lowerCount;
  return 1 + (op.lowerCount - op.layer);
}

function where(op: VizFsOperation, rw: string, lower: (i: number) => string): string {
  if (op.layer === 'upper') return rw;
  if (op.layer === null) return 'nowhere';
  return lower(op.layer);
}

function union(driver: 'overlay2' | 'aufs', op: VizFsOperation): StorageDriverExplanation {
  const aufs = driver === 'aufs';
  const rw = aufs ? 'the rw branch' : 'the upper dir';
  // Layers are numbered from 1 at the bottom, as the layer stack shows them.
  const lower = (i: number) => (aufs ? `the branch of layer ${i + 1}` : `layer ${i + 1}'s lowerdir`);
  const steps: Step[] = [];
  const lookups = unionLookups(op);
  const found = where(op, rw, lower);
  steps.push(
    op.layer === null
      ? step(`${driver}.lookup-miss`, `Looks for ${op.path} in ${lookups} places, top down: no layer has it.`, { path: op.path, lookups })
      : step(`${driver}.lookup`, `Looks for ${op.path} top down and finds it in ${found} after ${lookups} place(s).`, { path: op.path, lookups, found, foundLayer: op.layer === 'upper' ? 'upper' : (op.layer ?? -1) + 1 }),
  );
  let copied = 0;
  if (op.copiedUp) {
    copied = op.copiedUp.bytes;
    steps.push(
      step(`${driver}.copy-up`, `Copies the whole ${op.copiedUp.type} ${op.copiedUp.path} (${copied} bytes) from ${lower(op.copiedUp.fromLayer)} up into ${rw}.`, {
        path: op.copiedUp.path,
        bytes: copied,
        from: lower(op.copiedUp.fromLayer),
        fromLayer: op.copiedUp.fromLayer + 1,
      }),
    );
  }
  if (REMOVE_OPS.has(op.op)) {
    if (op.whiteout) {
      steps.push(
        aufs
          ? step('aufs.whiteout', `Creates the file .wh.${base(op.whiteout)} in the rw branch: the branches below still hold ${op.whiteout}, hidden.`, { path: op.whiteout, name: `.wh.${base(op.whiteout)}` })
          : step('overlay2.whiteout', `Creates a whiteout (character device 0/0) at ${op.whiteout} in the upper dir: the lowerdirs still hold it, hidden.`, { path: op.whiteout }),
      );
    } else steps.push(step(`${driver}.remove-upper`, `Removes ${op.path} from ${rw}; no lower layer has it, so no whiteout is needed.`, { path: op.path }));
  } else if (op.opaque) {
    steps.push(
      aufs
        ? step('aufs.opaque', `Puts .wh..wh..opq in ${op.opaque} in the rw branch: nothing below shows through.`, { path: op.opaque })
        : step('overlay2.opaque', `Marks ${op.opaque} opaque (xattr trusted.overlay.opaque=y): nothing below shows through.`, { path: op.opaque }),
    );
  } else if (META_OPS.has(op.op)) {
    steps.push(step(`${driver}.metadata`, `Changes the metadata of ${op.path} in ${rw}.`, { path: op.path, op: op.op }));
  } else if (isCreate(op)) {
    steps.push(step(`${driver}.create`, `Creates ${op.path} in ${rw}; the layers below never change.`, { path: op.path }));
  } else if (op.op === 'rename') {
    steps.push(step(`${driver}.rename`, `Moves ${op.path} to ${op.dest ?? ''} inside ${rw}.`, { path: op.path, dest: op.dest ?? '' }));
  } else {
    steps.push(step(`${driver}.write`, `Writes ${op.bytes ?? 0} bytes to ${op.path} in ${rw}; the layers below never change.`, { path: op.path, bytes: op.bytes ?? 0 }));
  }
  return { driver, steps, copiedBytes: copied + (op.bytes ?? 0), lookups };
}

function base(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function devicemapper(op: VizFsOperation): StorageDriverExplanation {
  const steps: Step[] = [
    step('devicemapper.lookup', `The container's filesystem lives on its own thin device (a snapshot of the image's device): ${op.path} is found by an ordinary path lookup, with no layers to search.`, { path: op.path }),
  ];
  let blocks = 0;
  if (REMOVE_OPS.has(op.op)) {
    blocks = 1;
    steps.push(step('devicemapper.remove', `Frees ${op.path}'s inode in the filesystem: only the changed metadata block is copied (64 KiB); the image's device keeps the data, and no whiteout exists.`, { path: op.path }));
  } else if (META_OPS.has(op.op) || op.op === 'rename' || (op.opaque && !op.bytes)) {
    blocks = 1;
    steps.push(step('devicemapper.metadata', `Changes metadata of ${op.path}: the block holding it is copied on first write (64 KiB); the file's data blocks stay shared.`, { path: op.path }));
  } else if (isCreate(op)) {
    blocks = 1;
    steps.push(step('devicemapper.create', `Creates ${op.path} in the filesystem: its inode and directory entry go into a newly written 64 KiB block of the thin device.`, { path: op.path }));
  } else {
    blocks = Math.max(1, Math.ceil((op.bytes ?? 0) / DM_BLOCK_SIZE));
    steps.push(
      op.copiedUp
        ? step('devicemapper.block-cow', `Writes ${op.bytes ?? 0} bytes: ${blocks} block(s) of 64 KiB are copied on write; the rest of the ${op.copiedUp.bytes}-byte file stays shared with the image.`, { path: op.path, bytes: op.bytes ?? 0, blocks, fileBytes: op.copiedUp.bytes })
        : step('devicemapper.allocate', `Writes ${op.bytes ?? 0} bytes into ${blocks} newly allocated 64 KiB block(s) of the thin pool.`, { path: op.path, bytes: op.bytes ?? 0, blocks }),
    );
  }
  return { driver: 'devicemapper', steps, copiedBytes: blocks * DM_BLOCK_SIZE, lookups: 1 };
}

/** overlay2, aufs and devicemapper, in that order, for each operation. */
export function explainStorageDrivers(operations: readonly VizFsOperation[]): StorageDriverExplanation[][] {
  return operations.map((op) => [union('overlay2', op), union('aufs', op), devicemapper(op)]);
}
