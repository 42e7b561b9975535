import type { Clock } from '../deps.ts';
import { FsError, isFsError } from '../fs/errors.ts';
import { typeBits } from '../fs/inode.ts';
import type { Inode } from '../fs/inode.ts';
import { MemFs } from '../fs/mem-fs.ts';
import { NAME_MAX, childPath, components, parentPath } from '../fs/path.ts';
import { R_OK, W_OK, X_OK, isOwner, mayAccess, mayDeleteFromSticky, mayHardlink, stripSgidOnCreate } from '../fs/perms.ts';
import type { Owned } from '../fs/perms.ts';
import { resolvePath } from '../fs/resolve.ts';
import type { NodeSource, Resolved } from '../fs/resolve.ts';
import { utf8Length } from '../fs/utf8.ts';
import {
  O_ACCMODE,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOFOLLOW,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  ROOT_CRED,
  S_IFBLK,
  S_IFCHR,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_ISGID,
} from '../fs/vfs.ts';
import type { Cred, DirEntry, Stat, Vfs } from '../fs/vfs.ts';
import { FS_TOPICS } from './fs-events.ts';
import type { FsEventSink, LayerRef } from './fs-events.ts';
import type { LowerNode, LowerView } from './lower-view.ts';
import { OPAQUE_VALUE, OPAQUE_XATTR, isOpaqueInode, isWhiteoutInode } from './overlay-xattrs.ts';
import { attrsOf, lowerPositive, mergedAt, mergedChild, mergedEntries, mergedRoot, mergedStat, refOf, typeOfMerged } from './merged-node.ts';
import type { MergedNode } from './merged-node.ts';
import { overlayChanges, upperEntries } from './union-diff.ts';
import type { Change, LayerEntry } from '../fs/changes.ts';
import type { ContentStore } from '../content/store.ts';
import { createLayer } from './layer.ts';
import type { Layer } from './layer.ts';
import { traceMerged } from './union-trace.ts';
import type { Trace } from './union-trace.ts';

export type { MergedNode };

export interface UnionMountOptions {
  readonly lower: LowerView;
  readonly clock: Clock;
  /** The writable upper dir; a fresh MemFs when absent. */
  readonly upper?: MemFs;
  /** Size limit of the upper dir (ENOSPC beyond it). */
  readonly quotaBytes?: number;
  /** A `View` snapshot: every change fails with EROFS. */
  readonly readOnly?: boolean;
  readonly events?: FsEventSink;
  /** diffIds of the lower layers, bottom first, so events and traces can name them. */
  readonly layerIds?: readonly string[];
}

type OpenFile =
  | { readonly kind: 'upper'; readonly fd: number; readonly path: string }
  | { readonly kind: 'lower'; readonly node: LowerNode; readonly path: string; pos: number };

/**
 * The union mount: N shared read-only lowers (one flattened `LowerView`) plus
 * one writable upper dir, with the semantics of Linux overlayfs as Docker's
 * overlay2 mounts it (index=off, redirect_dir=off, metacopy=off):
 *
 * - lookup is top-down; an upper whiteout (chardev 0/0) hides the name, an
 *   upper directory merges with the lower one unless it is opaque;
 * - the first write, truncate, chmod, chown, utimes, link or open-for-write of
 *   a lower entry copies it up (parents first, with their metadata; the
 *   parent's times are restored afterwards), data and metadata together;
 * - removing a name a lower layer provides leaves a whiteout; a directory
 *   created over a whiteout is opaque;
 * - renaming a directory that has a lower part fails with EXDEV (userspace
 *   `mv` then copies); a pure-upper directory moved into a merged directory
 *   becomes opaque;
 * - copying up one name of a lower hard link breaks the link (index=off).
 *
 * The upper dir is an ordinary MemFs holding exactly what the kernel's upper
 * dir would hold, so `commit()` and the kernel oracle can read it directly.
 */
export class UnionMount implements Vfs {
  readonly upper: MemFs;
  readonly lower: LowerView;
  readonly readOnly: boolean;
  private readonly clock: Clock;
  private readonly events: FsEventSink | undefined;
  private readonly layerIds: readonly string[];
  private readonly source: NodeSource<MergedNode>;
  private readonly fds = new Map<number, OpenFile>();
  private nextFd = 3;
  /**
   * Upper copies of lower files, so descriptors opened before a copy-up read
   * the new data (overlayfs ≥ 4.19 stacks file operations per overlay inode).
   * A lower hard link is one overlay inode per name (index=off), hence the
   * path in the key of multiply-linked files.
   */
  private readonly copies = new WeakMap<LowerNode, Inode>();
  private readonly linkedCopies = new Map<string, { readonly lower: LowerNode; readonly upper: Inode }>();

  constructor(options: UnionMountOptions) {
    this.lower = options.lower;
    this.clock = options.clock;
    this.upper =
      options.upper ??
      new MemFs(options.quotaBytes === undefined ? { clock: options.clock } : { clock: options.clock, quotaBytes: options.quotaBytes });
    this.readOnly = options.readOnly ?? false;
    this.events = options.events;
    this.layerIds = options.layerIds ?? [];
    if (!options.upper) {
      // The upper root starts as a copy of the lower root's metadata, as overlay's root inode shows it.
      const r = this.upper.root;
      const l = this.lower.root;
      r.mode = l.mode;
      r.uid = l.uid;
      r.gid = l.gid;
      r.mtimeMs = r.atimeMs = l.mtimeMs;
    }
    this.source = {
      root: () => this.rootNode(),
      lookup: (dir, name) => this.child(dir, name),
      typeOf: (n) => typeOfMerged(n),
      linkTarget: (n) => (n.upper ? n.upper.target : n.lower!.target),
      canSearch: (dir, cred) => mayAccess(attrsOf(dir), cred, X_OK, true),
    };
  }

  private rootNode(): MergedNode {
    return mergedRoot(this.upper, this.lower);
  }

  private child(dir: MergedNode, name: string): MergedNode | undefined {
    return mergedChild(dir, name);
  }

  /** The merged node at a physical path (lstat semantics), or undefined. */
  nodeAt(path: string): MergedNode | undefined {
    return mergedAt(this.rootNode(), path);
  }

  // ---- explainability ----

  /** Which layer supplies `path` (no final symlink followed), what it shadows, and what hid it. */
  trace(path: string): Trace {
    return traceMerged(this, path, this.layerIds);
  }

  /** `docker diff` of this mount: the upper dir against the lowers, go-archive's overlay walk. */
  diff(): Change[] {
    return overlayChanges(this.upper, this.lower);
  }

  /** The upper dir as a layer change set (whiteouts and opaque markers in OCI form), sorted. */
  changes(): LayerEntry[] {
    return upperEntries(this.upper);
  }

  /** Freezes the upper dir into a Layer (`docker commit`); with a store, its tar and blob are kept there. */
  commit(store?: ContentStore): Promise<Layer> {
    return createLayer(this.changes(), store);
  }

  /**
   * The physical path `path` names with lstat semantics (symlinks in the
   * parents resolved, not the last one); the path itself if it cannot be walked.
   */
  physicalPath(path: string): string {
    try {
      return resolvePath(this.source, path, false, ROOT_CRED, 'lstat').path;
    } catch {
      return path;
    }
  }

  // ---- Vfs: reads ----

  stat(path: string, cred: Cred = ROOT_CRED): Stat {
    return this.op('stat', path, FS_TOPICS.lookedUp, () => {
      const m = this.existing(path, true, cred, 'stat').node!;
      return [mergedStat(this.upper, m), refOf(m)];
    });
  }

  lstat(path: string, cred: Cred = ROOT_CRED): Stat {
    return this.op('lstat', path, FS_TOPICS.lookedUp, () => {
      const m = this.existing(path, false, cred, 'lstat').node!;
      return [mergedStat(this.upper, m), refOf(m)];
    });
  }

  readlink(path: string, cred: Cred = ROOT_CRED): string {
    return this.op('readlink', path, FS_TOPICS.lookedUp, () => {
      const m = this.existing(path, false, cred, 'readlink').node!;
      if (typeOfMerged(m) !== 'symlink') throw new FsError('EINVAL', 'readlink', path);
      return [m.upper ? m.upper.target : m.lower!.target, refOf(m)];
    });
  }

  readdir(path: string, cred: Cred = ROOT_CRED): DirEntry[] {
    return this.op('readdir', path, FS_TOPICS.listed, () => {
      const m = this.existing(path, true, cred, 'scandir').node!;
      if (typeOfMerged(m) !== 'dir') throw new FsError('ENOTDIR', 'scandir', path);
      if (!mayAccess(attrsOf(m), cred, R_OK, true)) throw new FsError('EACCES', 'scandir', path);
      return [mergedEntries(m), refOf(m)];
    });
  }

  readFile(path: string, cred: Cred = ROOT_CRED): Uint8Array {
    return this.op('readFile', path, FS_TOPICS.read, () => {
      const m = this.existing(path, true, cred, 'open').node!;
      if (!mayAccess(attrsOf(m), cred, R_OK, typeOfMerged(m) === 'dir')) throw new FsError('EACCES', 'open', path);
      if (typeOfMerged(m) === 'dir') throw new FsError('EISDIR', 'read', path);
      const data = m.upper ? this.upper.readFile(m.path) : m.lower!.data.slice();
      return [data, refOf(m), data.length];
    });
  }

  // ---- Vfs: descriptors ----

  open(path: string, flags: number, mode = 0o666, cred: Cred = ROOT_CRED): number {
    return this.op('open', path, FS_TOPICS.opened, () => {
      const [file, ref] = this.openFile(path, flags, mode, cred);
      const fd = this.nextFd++;
      this.fds.set(fd, file);
      return [fd, ref];
    });
  }

  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.fd(fd, 'read');
    return this.op('read', f.path, FS_TOPICS.read, () => {
      if (f.kind === 'upper') {
        const n = this.upper.read(f.fd, buffer, offset, length, position);
        return [n, 'upper', n];
      }
      const at = position ?? f.pos;
      const copy = this.copyOf(f.node, f.path);
      const data = copy ? copy.data.subarray(0, copy.size) : f.node.data;
      const n = Math.max(0, Math.min(length, data.length - at));
      buffer.set(data.subarray(at, at + n), offset);
      if (position === null) f.pos = at + n;
      return [n, copy ? 'upper' : f.node.layer, n];
    });
  }

  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.fd(fd, 'write');
    return this.op('write', f.path, FS_TOPICS.written, () => {
      if (f.kind === 'lower') throw new FsError('EBADF', 'write', String(fd));
      const n = this.upper.write(f.fd, buffer, offset, length, position);
      return [n, 'upper', n];
    });
  }

  close(fd: number): void {
    const f = this.fd(fd, 'close');
    if (f.kind === 'upper') this.upper.close(f.fd);
    this.fds.delete(fd);
    this.emit(FS_TOPICS.closed, { op: 'close', path: f.path, layer: f.kind === 'upper' ? 'upper' : f.node.layer });
  }

  writeFile(path: string, data: Uint8Array, options: { mode?: number; cred?: Cred } = {}): void {
    this.op('writeFile', path, FS_TOPICS.written, () => {
      const [file] = this.openFile(path, O_WRONLY | O_CREAT | O_TRUNC, options.mode ?? 0o666, options.cred ?? ROOT_CRED);
      if (file.kind !== 'upper') throw new FsError('EIO', 'write', path);
      if (data.length === 0) {
        this.upper.close(file.fd);
        return [undefined, 'upper', 0];
      }
      try {
        this.upper.write(file.fd, data, 0, data.length, 0);
      } finally {
        this.upper.close(file.fd);
      }
      return [undefined, 'upper', data.length];
    });
  }

  // ---- Vfs: namespace changes ----

  mkdir(path: string, mode = 0o777, cred: Cred = ROOT_CRED): void {
    this.op('mkdir', path, FS_TOPICS.created, () => {
      const r = this.forCreate(path, cred, 'mkdir');
      const { parentUpper, overWhiteout } = this.prepareCreate(r);
      this.upper.mkdir(r.path, mode, upperCred(cred));
      this.fixOwner(parentUpper.children!.get(r.name)!, parentUpper, cred);
      if (overWhiteout) {
        this.upper.setxattr(r.path, OPAQUE_XATTR, OPAQUE_VALUE);
        this.emit(FS_TOPICS.opaqueCreated, { path: r.path });
      }
      return [undefined, 'upper'];
    });
  }

  symlink(target: string, path: string, cred: Cred = ROOT_CRED): void {
    this.op('symlink', path, FS_TOPICS.created, () => {
      const r = this.forCreate(path, cred, 'symlink');
      const { parentUpper } = this.prepareCreate(r);
      this.upper.symlink(target, r.path, upperCred(cred));
      this.fixOwner(parentUpper.children!.get(r.name)!, parentUpper, cred);
      return [undefined, 'upper'];
    });
  }

  mknod(path: string, mode: number, rdev: number, cred: Cred = ROOT_CRED): void {
    this.op('mknod', path, FS_TOPICS.created, () => {
      const type = mode & S_IFMT;
      if (type === S_IFDIR || type === S_IFLNK) throw new FsError('EINVAL', 'mknod', path);
      if ((type === S_IFCHR || type === S_IFBLK) && cred.uid !== 0) throw new FsError('EPERM', 'mknod', path);
      // As overlayfs: a chardev 0/0 would read as a whiteout in the upper dir, so it cannot be created.
      if (type === S_IFCHR && rdev === 0) throw new FsError('EPERM', 'mknod', path);
      const r = this.forCreate(path, cred, 'mknod');
      const { parentUpper } = this.prepareCreate(r);
      this.upper.mknod(r.path, mode, rdev, upperCred(cred));
      this.fixOwner(parentUpper.children!.get(r.name)!, parentUpper, cred);
      return [undefined, 'upper'];
    });
  }

  link(existing: string, path: string, cred: Cred = ROOT_CRED): void {
    this.op('link', path, FS_TOPICS.created, () => {
      const src = this.existing(existing, false, cred, 'link').node!;
      const r = this.forCreate(path, cred, 'link', false);
      if (!mayHardlink(attrsOf(src), typeOfMerged(src) === 'file', cred)) throw new FsError('EPERM', 'link', existing, path);
      if (!mayAccess(attrsOf(r.parent), cred, W_OK | X_OK, true)) throw new FsError('EACCES', 'link', existing, path);
      if (typeOfMerged(src) === 'dir') throw new FsError('EPERM', 'link', existing, path);
      this.copyUp(src);
      this.prepareCreate(r);
      this.upper.link(src.path, r.path);
      return [undefined, 'upper'];
    });
  }

  unlink(path: string, cred: Cred = ROOT_CRED): void {
    this.op('unlink', path, FS_TOPICS.removed, () => {
      const r = this.existing(path, false, cred, 'unlink');
      const m = r.node!;
      if (r.trailingSlash) throw new FsError(typeOfMerged(m) === 'dir' ? 'EISDIR' : 'ENOTDIR', 'unlink', path);
      this.checkDelete(r, cred, 'unlink', path);
      if (typeOfMerged(m) === 'dir') throw new FsError('EISDIR', 'unlink', path);
      this.writable('unlink', path);
      const ref = refOf(m);
      const whiteout = lowerPositive(r.parent, r.name);
      if (m.upper) this.upper.unlink(m.path);
      if (whiteout) this.makeWhiteout(r.parentPath, r.path);
      return [undefined, ref];
    });
  }

  rmdir(path: string, cred: Cred = ROOT_CRED): void {
    this.op('rmdir', path, FS_TOPICS.removed, () => {
      const r = this.existing(path, false, cred, 'rmdir');
      const m = r.node!;
      if (m.path === '/') throw new FsError('EBUSY', 'rmdir', path);
      this.checkDelete(r, cred, 'rmdir', path);
      if (typeOfMerged(m) !== 'dir') throw new FsError('ENOTDIR', 'rmdir', path);
      if (mergedEntries(m).length > 0) throw new FsError('ENOTEMPTY', 'rmdir', path);
      this.writable('rmdir', path);
      const ref = refOf(m);
      const whiteout = lowerPositive(r.parent, r.name);
      if (m.upper) {
        // Merged-empty means only whiteouts are left in the upper dir; they go with it.
        for (const name of [...m.upper.children!.keys()]) this.upper.unlink(childPath(m.path, name));
        this.upper.rmdir(m.path);
      }
      if (whiteout) this.makeWhiteout(r.parentPath, r.path);
      return [undefined, ref];
    });
  }

  rename(from: string, to: string, cred: Cred = ROOT_CRED): void {
    this.op('rename', from, FS_TOPICS.renamed, () => {
      // Linux's order: both parents, the source, trailing slashes, the ancestor traps, then the checks of
      // vfs_rename (permissions, types) and last overlayfs's own (EXDEV before the emptiness of the target).
      const rf = resolvePath(this.source, from, false, cred, 'rename');
      const rt = resolvePath(this.source, to, false, cred, 'rename');
      const src = rf.node;
      if (!src) throw new FsError('ENOENT', 'rename', from, to);
      const dst = rt.node;
      const srcDir = typeOfMerged(src) === 'dir';
      if (src.path === '/' || dst?.path === '/') throw new FsError('EBUSY', 'rename', from, to);
      if (!srcDir && (rf.trailingSlash || rt.trailingSlash)) throw new FsError('ENOTDIR', 'rename', from, to);
      if (rt.path.startsWith(`${rf.path}/`)) throw new FsError('EINVAL', 'rename', from, to);
      if (dst && rf.path.startsWith(`${rt.path}/`)) throw new FsError('ENOTEMPTY', 'rename', from, to);
      checkName(rt.name, 'rename', to);
      if (rt.path === rf.path || (src.upper !== undefined && src.upper === dst?.upper)) return [undefined, refOf(src)];
      this.checkDelete(rf as Resolved<MergedNode>, cred, 'rename', from);
      if (dst) {
        this.checkDelete(rt as Resolved<MergedNode>, cred, 'rename', to);
        const dstDir = typeOfMerged(dst) === 'dir';
        if (srcDir && !dstDir) throw new FsError('ENOTDIR', 'rename', from, to);
        if (!srcDir && dstDir) throw new FsError('EISDIR', 'rename', from, to);
      } else if (!mayAccess(attrsOf(rt.parent), cred, W_OK | X_OK, true)) throw new FsError('EACCES', 'rename', from, to);
      // A directory moving to another parent gets its `..` rewritten, which needs write access to it.
      if (srcDir && rf.parentPath !== rt.parentPath && !mayAccess(attrsOf(src), cred, W_OK, true)) {
        throw new FsError('EACCES', 'rename', from, to);
      }
      this.writable('rename', from);
      // overlayfs without redirect_dir cannot move a directory that has lower parts.
      if (srcDir && src.lower) throw new FsError('EXDEV', 'rename', from, to);
      if (dst && srcDir && mergedEntries(dst).length > 0) throw new FsError('ENOTEMPTY', 'rename', from, to);
      const ref = refOf(src);
      const whiteout = lowerPositive(rf.parent, rf.name);
      const srcUpper = this.copyUp(src);
      const dstParent = this.ensureUpperDir(rt.parentPath);
      const there = dstParent.children!.get(rt.name);
      if (there && isWhiteoutInode(there)) this.upper.unlink(rt.path);
      else if (there?.children) for (const n of [...there.children.keys()]) this.upper.unlink(childPath(rt.path, n));
      this.upper.rename(rf.path, rt.path);
      if (srcDir && !isOpaqueInode(srcUpper) && rt.parent.lower) {
        this.upper.setxattr(rt.path, OPAQUE_XATTR, OPAQUE_VALUE);
        this.emit(FS_TOPICS.opaqueCreated, { path: rt.path });
      }
      if (whiteout) this.makeWhiteout(rf.parentPath, rf.path);
      return [undefined, ref];
    }, to);
  }

  // ---- Vfs: attribute changes (all copy up first) ----

  chmod(path: string, mode: number, cred: Cred = ROOT_CRED): void {
    this.attrOp('chmod', path, true, cred, (m) => {
      if (!isOwner(attrsOf(m), cred)) throw new FsError('EPERM', 'chmod', path);
    }, (p) => this.upper.chmod(p, mode, cred));
  }

  chown(path: string, uid: number, gid: number, cred: Cred = ROOT_CRED): void {
    this.attrOp('chown', path, true, cred, (m) => checkChown(attrsOf(m), uid, gid, cred, 'chown', path), (p) =>
      this.upper.lchown(p, uid, gid, cred),
    );
  }

  lchown(path: string, uid: number, gid: number, cred: Cred = ROOT_CRED): void {
    this.attrOp('lchown', path, false, cred, (m) => checkChown(attrsOf(m), uid, gid, cred, 'lchown', path), (p) =>
      this.upper.lchown(p, uid, gid, cred),
    );
  }

  utimes(path: string, atimeMs: number, mtimeMs: number, cred: Cred = ROOT_CRED): void {
    this.attrOp('utimes', path, true, cred, (m) => {
      if (!isOwner(attrsOf(m), cred)) throw new FsError('EPERM', 'utime', path);
    }, (p) => {
      const node = this.upper.inodeAt(p)!;
      node.atimeMs = atimeMs;
      node.mtimeMs = mtimeMs;
      node.ctimeMs = this.clock.now();
    });
  }

  truncate(path: string, length: number, cred: Cred = ROOT_CRED): void {
    this.attrOp('truncate', path, true, cred, (m) => {
      if (typeOfMerged(m) === 'dir') throw new FsError('EISDIR', 'open', path);
      if (typeOfMerged(m) !== 'file' || length < 0) throw new FsError('EINVAL', 'truncate', path);
      if (!mayAccess(attrsOf(m), cred, W_OK, false)) throw new FsError('EACCES', 'open', path);
    }, (p) => this.upper.truncate(p, length, cred));
  }

  // ---- copy-up, whiteouts ----

  /** Copies `m` (and missing parents) into the upper dir; returns its upper inode. */
  copyUp(m: MergedNode): Inode {
    if (m.upper) return m.upper;
    const parent = this.ensureUpperDir(parentPath(m.path));
    return this.copyUpInto(m, parent);
  }

  /** The upper inode of the directory at physical path `path`, copying it and its parents up as needed. */
  private ensureUpperDir(path: string): Inode {
    let cur = this.rootNode();
    for (const name of components(path)) {
      let next = this.child(cur, name);
      if (!next) throw new FsError('ENOENT', 'copy_up', path);
      if (!next.upper) next = { ...next, upper: this.copyUpInto(next, cur.upper!) };
      cur = next;
    }
    return cur.upper!;
  }

  private copyUpInto(m: MergedNode, parentUpper: Inode): Inode {
    const l = m.lower!;
    const { atimeMs, mtimeMs } = parentUpper;
    if (l.type === 'dir') this.upper.mkdir(m.path, 0o700);
    else if (l.type === 'file') {
      try {
        this.upper.writeFile(m.path, l.data, { mode: 0o600 });
      } catch (err) {
        // Like the kernel's copy-up through the work dir: all or nothing (ENOSPC leaves no empty file behind).
        if (this.upper.inodeAt(m.path)) this.upper.unlink(m.path);
        parentUpper.atimeMs = atimeMs;
        parentUpper.mtimeMs = mtimeMs;
        throw err;
      }
    }
    else if (l.type === 'symlink') this.upper.symlink(l.target, m.path);
    else this.upper.mknod(m.path, typeBits(l.type), l.rdev);
    const node = this.upper.inodeAt(m.path)!;
    if (l.type === 'file') {
      if (l.nlink > 1) this.linkedCopies.set(m.path, { lower: l, upper: node });
      else this.copies.set(l, node);
    }
    node.mode = l.mode;
    node.uid = l.uid;
    node.gid = l.gid;
    node.mtimeMs = node.atimeMs = l.mtimeMs;
    // Like the kernel, copy-up restores the parent's times: it is not a user-visible change of the parent.
    parentUpper.atimeMs = atimeMs;
    parentUpper.mtimeMs = mtimeMs;
    const layerId = this.layerIds[l.layer];
    this.emit(FS_TOPICS.copiedUp, {
      path: m.path,
      type: l.type,
      fromLayer: l.layer,
      ...(layerId ? { layerId } : {}),
      bytes: l.type === 'file' ? l.data.length : 0,
    });
    return node;
  }

  /** The upper copy a descriptor opened on a lower file now reads, if that file was copied up. */
  private copyOf(lower: LowerNode, path: string): Inode | undefined {
    if (lower.nlink <= 1) return this.copies.get(lower);
    const c = this.linkedCopies.get(path);
    return c?.lower === lower ? c.upper : undefined;
  }

  private makeWhiteout(parentDir: string, path: string): void {
    this.ensureUpperDir(parentDir);
    this.upper.mknod(path, S_IFCHR, 0);
    this.emit(FS_TOPICS.whiteoutCreated, { path });
  }

  // ---- internals ----

  private openFile(path: string, flags: number, mode: number, cred: Cred): [OpenFile, LayerRef] {
    const excl = (flags & O_CREAT) !== 0 && (flags & O_EXCL) !== 0;
    const follow = (flags & O_NOFOLLOW) === 0 && !excl;
    const r = resolvePath(this.source, path, follow, cred, 'open');
    const acc = flags & O_ACCMODE;
    const m = r.node;
    const upperFlags = flags & ~(O_CREAT | O_EXCL);
    if (!m) {
      if ((flags & O_CREAT) === 0) throw new FsError('ENOENT', 'open', path);
      if (r.trailingSlash) throw new FsError('EISDIR', 'open', path);
      checkName(r.name, 'open', path);
      if (!mayAccess(attrsOf(r.parent), cred, W_OK | X_OK, true)) throw new FsError('EACCES', 'open', path);
      this.writable('open', path);
      const { parentUpper } = this.prepareCreate(r);
      const fd = this.upper.open(r.path, flags, mode, upperCred(cred));
      const created = parentUpper.children!.get(r.name)!;
      this.fixOwner(created, parentUpper, cred);
      created.mode = stripSgidOnCreate(created.mode, parentUpper, cred);
      this.upper.setFdCred(fd, cred);
      this.emit(FS_TOPICS.created, { op: 'open', path: r.path, layer: 'upper' });
      return [{ kind: 'upper', fd, path: r.path }, 'upper'];
    }
    if (excl) throw new FsError('EEXIST', 'open', path);
    const type = typeOfMerged(m);
    if (type === 'symlink') throw new FsError('ELOOP', 'open', path);
    if (r.trailingSlash && type !== 'dir') throw new FsError('ENOTDIR', 'open', path);
    if (flags & O_DIRECTORY && type !== 'dir') throw new FsError('ENOTDIR', 'open', path);
    const truncating = (flags & O_TRUNC) !== 0;
    if (type === 'dir' && (acc !== O_RDONLY || truncating)) throw new FsError('EISDIR', 'open', path);
    const want = (acc === O_RDONLY ? R_OK : acc === O_WRONLY ? W_OK : R_OK | W_OK) | (truncating ? W_OK : 0);
    if (!mayAccess(attrsOf(m), cred, want, type === 'dir')) throw new FsError('EACCES', 'open', path);
    if (acc !== O_RDONLY || truncating) {
      this.writable('open', path);
      this.copyUp(m);
      return [{ kind: 'upper', fd: this.upper.open(m.path, upperFlags, 0, cred), path: m.path }, 'upper'];
    }
    if (m.upper) return [{ kind: 'upper', fd: this.upper.open(m.path, upperFlags, 0), path: m.path }, 'upper'];
    return [{ kind: 'lower', node: m.lower!, path: m.path, pos: 0 }, m.lower!.layer];
  }

  private attrOp(
    op: string,
    path: string,
    follow: boolean,
    cred: Cred,
    check: (m: MergedNode) => void,
    apply: (physicalPath: string) => void,
  ): void {
    this.op(op, path, FS_TOPICS.changed, () => {
      const m = this.existing(path, follow, cred, op).node!;
      check(m);
      this.writable(op, path);
      const ref = refOf(m);
      this.copyUp(m);
      apply(m.path);
      return [undefined, ref];
    });
  }

  private existing(path: string, follow: boolean, cred: Cred, syscall: string): Resolved<MergedNode> {
    const r = resolvePath(this.source, path, follow, cred, syscall);
    if (!r.node) throw new FsError('ENOENT', syscall, path);
    if (r.trailingSlash && typeOfMerged(r.node) !== 'dir') throw new FsError('ENOTDIR', syscall, path);
    return r;
  }

  private forCreate(path: string, cred: Cred, syscall: string, checkAccess = true): Resolved<MergedNode> {
    const r = resolvePath(this.source, path, false, cred, syscall);
    if (r.node) throw new FsError('EEXIST', syscall, path);
    checkName(r.name, syscall, path);
    if (r.trailingSlash && syscall !== 'mkdir') throw new FsError('ENOENT', syscall, path);
    if (checkAccess && !mayAccess(attrsOf(r.parent), cred, W_OK | X_OK, true)) throw new FsError('EACCES', syscall, path);
    this.writable(syscall, path);
    return r;
  }

  /** Makes the parent exist in the upper dir and clears a whiteout at the new name. */
  private prepareCreate(r: Resolved<MergedNode>): { parentUpper: Inode; overWhiteout: boolean } {
    const parentUpper = this.ensureUpperDir(r.parentPath);
    const there = parentUpper.children!.get(r.name);
    const overWhiteout = there !== undefined && isWhiteoutInode(there);
    if (overWhiteout) this.upper.unlink(r.path);
    return { parentUpper, overWhiteout };
  }

  /** The caller owns what it creates; a set-group-ID parent hands down its group. */
  private fixOwner(node: Inode, parent: Inode, cred: Cred): void {
    node.uid = cred.uid;
    node.gid = parent.mode & S_ISGID ? parent.gid : cred.gid;
  }

  private checkDelete(r: Resolved<MergedNode>, cred: Cred, syscall: string, path: string): void {
    const dir = attrsOf(r.parent);
    if (!mayAccess(dir, cred, W_OK | X_OK, true)) throw new FsError('EACCES', syscall, path);
    if (!mayDeleteFromSticky(dir, attrsOf(r.node!), cred)) throw new FsError('EPERM', syscall, path);
  }

  private writable(syscall: string, path: string): void {
    if (this.readOnly) throw new FsError('EROFS', syscall, path);
  }

  private fd(fd: number, syscall: string): OpenFile {
    const f = this.fds.get(fd);
    if (!f) throw new FsError('EBADF', syscall, String(fd));
    return f;
  }

  /** Runs one operation, publishing its event (or the failure) when someone listens. */
  private op<T>(op: string, path: string, topic: string, body: () => [T, LayerRef, number?], dest?: string): T {
    const wanted = this.events?.topics;
    if (!this.events || (wanted && !wanted.has(topic) && !wanted.has(FS_TOPICS.failed))) return body()[0];
    let result: [T, LayerRef, number?];
    try {
      result = body();
    } catch (err) {
      if (isFsError(err)) this.events(FS_TOPICS.failed, { op, path, errno: err.code });
      throw err;
    }
    const [value, layer, bytes] = result;
    const layerId = typeof layer === 'number' ? this.layerIds[layer] : undefined;
    this.events(topic, {
      op,
      path,
      ...(dest !== undefined ? { dest } : {}),
      layer,
      ...(layerId ? { layerId } : {}),
      ...(bytes !== undefined ? { bytes } : {}),
    });
    return value;
  }

  private emit(topic: string, data: object): void {
    if (this.events && this.events.topics?.has(topic) !== false) this.events(topic, data);
  }
}

function upperCred(cred: Cred): Cred {
  return { uid: 0, gid: 0, groups: [0], umask: cred.umask ?? 0o022 };
}

function checkName(name: string, syscall: string, path: string): void {
  if (name === '') throw new FsError('EEXIST', syscall, path);
  if (utf8Length(name) > NAME_MAX) throw new FsError('ENAMETOOLONG', syscall, path);
}

function checkChown(node: Owned, uid: number, gid: number, cred: Cred, syscall: string, path: string): void {
  if (cred.uid === 0) return;
  const uidOk = uid === -1 || uid === node.uid;
  const gidOk = gid === -1 || gid === node.gid || cred.gid === gid || (cred.groups?.includes(gid) ?? false);
  if (cred.uid !== node.uid || !uidOk || !gidOk) throw new FsError('EPERM', syscall, path);
}
