import { sortChanges, sortEntries } from '../fs/changes.ts';
import type { Change, LayerEntry } from '../fs/changes.ts';
import { fileTypeOf } from '../fs/inode.ts';
import type { Inode } from '../fs/inode.ts';
import type { MemFs } from '../fs/mem-fs.ts';
import { compareNames, parentPath } from '../fs/path.ts';
import { lowerNodeAt } from './lower-view.ts';
import type { LowerView } from './lower-view.ts';
import { isOpaqueInode, isWhiteoutInode } from './overlay-xattrs.ts';

/**
 * `docker diff` for an overlay2 container: go-archive's layer walk
 * (`OverlayChanges`) over the upper dir, judged against the lowers.
 *
 * - a whiteout is `D`; an opaque directory that a lower layer also has is `D`
 *   too (deleted and recreated; its contents follow as their own changes).
 *   Simplification: moby reports every opaque directory as `D`, even one a
 *   lower layer never had (a new directory moved into a merged one); like
 *   containers/storage we report that one as the `A` it is;
 * - anything else is `A` unless a lower layer has the path, then `C` — except
 *   a directory whose mode, size and mtime equal the lower one's, which is not
 *   reported by itself;
 * - the parent of every `A` or `D` is reported `C` unless already reported
 *   (moby#13590), never `/`.
 *
 * Sorted by path, as the Engine API's consumers and the conformance cases compare.
 */
export function overlayChanges(upper: MemFs, lower: LowerView): Change[] {
  const out: Change[] = [];
  const changedDirs = new Set<string>();
  const visit = (dir: Inode, dirPath: string): void => {
    const names = [...dir.children!.keys()].sort(compareNames);
    for (const name of names) {
      const node = dir.children!.get(name)!;
      const path = dirPath === '/' ? `/${name}` : `${dirPath}/${name}`;
      const isDir = node.children !== undefined;
      const below = lowerNodeAt(lower, path);
      let kind: Change['kind'] | undefined;
      if (isWhiteoutInode(node) || (isDir && isOpaqueInode(node) && below !== undefined)) kind = 'D';
      else if (!below) kind = 'A';
      else if (isDir && below.type === 'dir' && node.mode === below.mode && Math.floor(node.mtimeMs / 1000) === Math.floor(below.mtimeMs / 1000)) {
        kind = undefined;
      } else kind = 'C';
      if (kind !== undefined) {
        if (isDir) changedDirs.add(path);
        if (kind !== 'C') {
          const parent = parentPath(path);
          if (parent !== '/' && !changedDirs.has(parent)) {
            out.push({ path: parent, kind: 'C' });
            changedDirs.add(parent);
          }
        }
        out.push({ path, kind });
      }
      if (isDir) visit(node, path);
    }
  };
  visit(upper.root, '/');
  return sortChanges(out);
}

/**
 * The upper dir as an OCI change set (what `commit()` turns into a layer):
 * chardev 0/0 → whiteout, opaque xattr → opaque marker, a second name of an
 * already-listed inode → hard link to the first name in entry order. The
 * root itself is not an entry (layer tars have no `./`, as Docker and BuildKit
 * write them), so a chmod or chown of `/` is not committed — as in Docker.
 */
export function upperEntries(upper: MemFs): LayerEntry[] {
  const raw: { entry: LayerEntry; inode: Inode }[] = [];
  const visit = (dir: Inode, rel: string): void => {
    for (const [name, node] of dir.children!) {
      const path = rel === '' ? name : `${rel}/${name}`;
      const base = { path, mode: node.mode & 0o7777, uid: node.uid, gid: node.gid, mtimeMs: node.mtimeMs };
      if (isWhiteoutInode(node)) {
        raw.push({ entry: { ...base, kind: 'whiteout', mode: 0o600 }, inode: node });
        continue;
      }
      const type = fileTypeOf(node.mode);
      if (type === 'dir') {
        raw.push({ entry: { ...base, kind: 'dir' }, inode: node });
        if (isOpaqueInode(node)) raw.push({ entry: { ...base, kind: 'opaque', mtimeMs: 0 }, inode: node });
        visit(node, path);
      } else if (type === 'file') {
        raw.push({ entry: { ...base, kind: 'file', data: node.data.slice(0, node.size) }, inode: node });
      } else if (type === 'symlink') {
        raw.push({ entry: { ...base, kind: 'symlink', target: node.target }, inode: node });
      } else if (type === 'chardev' || type === 'blockdev' || type === 'fifo') {
        raw.push({ entry: { ...base, kind: type, rdev: node.rdev }, inode: node });
      }
      // Sockets are not archived (tar has no type for them), as with Docker.
    }
  };
  visit(upper.root, '');
  const byEntry = new Map<LayerEntry, Inode>(raw.map((r) => [r.entry, r.inode]));
  const sorted = sortEntries(raw.map((r) => r.entry));
  const firstName = new Map<Inode, string>();
  return sorted.map((e) => {
    if (e.kind !== 'file') return e;
    const inode = byEntry.get(e)!;
    const first = firstName.get(inode);
    if (first === undefined) {
      firstName.set(inode, e.path);
      return e;
    }
    const { data: _data, ...rest } = e;
    return { ...rest, kind: 'hardlink', target: first };
  });
}
