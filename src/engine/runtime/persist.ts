/**
 * A container's writable layer as engine state: the upper dir is saved as an
 * ordinary layer tar (its entries, whiteouts and opaque markers in OCI form)
 * and written back into a fresh upper dir on load, so `docker diff`, `docker
 * logs` and `docker start` work across page reloads and Node CLI runs.
 */
import type { LayerEntry } from '../fs/changes.ts';
import { canonicalEntries } from '../fs/changes.ts';
import { isFsError } from '../fs/errors.ts';
import { entriesToTar, tarToEntries } from '../fs/layer-tar.ts';
import type { MemFs } from '../fs/mem-fs.ts';
import { S_IFBLK, S_IFCHR, S_IFIFO } from '../fs/vfs.ts';
import { OPAQUE_VALUE, OPAQUE_XATTR } from '../snapshots/overlay-xattrs.ts';

/** The upper dir as tar bytes, or null when the container changed nothing. */
export async function upperTar(entries: readonly LayerEntry[]): Promise<Uint8Array | null> {
  if (entries.length === 0) return null;
  return entriesToTar(canonicalEntries(entries));
}

/** Writes a saved upper dir back (into an empty MemFs upper). */
export async function restoreUpper(upper: MemFs, tar: Uint8Array): Promise<void> {
  writeEntries(upper, await tarToEntries(tar));
}

/**
 * Writes layer entries into an empty MemFs as overlayfs keeps a layer on
 * disk: whiteouts as chardev 0/0, opaque directories with the
 * `trusted.overlay.opaque` xattr (a saved upper dir, a layer's `diff` dir
 * on the host).
 */
export function writeEntries(upper: MemFs, entries: readonly LayerEntry[]): void {
  for (const e of entries) {
    const path = `/${e.path.replace(/^\/+|\/+$/g, '')}`;
    switch (e.kind) {
      case 'dir':
        try {
          upper.mkdir(path, e.mode);
        } catch (err) {
          if (!isFsError(err, 'EEXIST')) throw err;
        }
        upper.chmod(path, e.mode);
        break;
      case 'opaque':
        try {
          upper.mkdir(path, e.mode);
        } catch (err) {
          if (!isFsError(err, 'EEXIST')) throw err;
        }
        upper.setxattr(path, OPAQUE_XATTR, OPAQUE_VALUE);
        continue;
      case 'file':
        upper.writeFile(path, e.data ?? new Uint8Array(0), { mode: e.mode });
        upper.chmod(path, e.mode);
        break;
      case 'symlink':
        upper.symlink(e.target ?? '', path);
        break;
      case 'hardlink':
        upper.link(`/${(e.target ?? '').replace(/^\/+/, '')}`, path);
        continue;
      case 'whiteout':
        upper.mknod(path, S_IFCHR, 0);
        continue;
      case 'chardev':
        upper.mknod(path, S_IFCHR | e.mode, e.rdev ?? 0);
        break;
      case 'blockdev':
        upper.mknod(path, S_IFBLK | e.mode, e.rdev ?? 0);
        break;
      case 'fifo':
        upper.mknod(path, S_IFIFO | e.mode, 0);
        break;
    }
    upper.lchown(path, e.uid, e.gid);
    if (e.kind !== 'symlink') upper.utimes(path, e.mtimeMs, e.mtimeMs);
  }
}
