import type { Clock } from '../deps.ts';
import { FsError } from './errors.ts';
import { DIR_SIZE, fileTypeOf, isDirMode, isRegMode, statOf } from './inode.ts';
import type { Inode } from './inode.ts';
import { NAME_MAX, compareNames } from './path.ts';
import { R_OK, W_OK, X_OK, inGroup, isOwner, mayAccess, mayDeleteFromSticky, mayHardlink, modeAfterWrite, stripSgidOnCreate } from './perms.ts';
import { resolvePath } from './resolve.ts';
import type { NodeSource, Resolved } from './resolve.ts';
import { utf8Length } from './utf8.ts';
import {
  O_ACCMODE,
  O_APPEND,
  O_CREAT,
  O_DIRECTORY,
  O_EXCL,
  O_NOFOLLOW,
  O_RDONLY,
  O_TRUNC,
  O_WRONLY,
  ROOT_CRED,
  S_IFCHR,
  S_IFBLK,
  S_IFDIR,
  S_IFLNK,
  S_IFMT,
  S_IFREG,
  S_ISGID,
  S_ISUID,
} from './vfs.ts';
import type { Cred, DirEntry, Stat, Vfs, XattrVfs } from './vfs.ts';

export interface MemFsOptions {
  readonly clock: Clock;
  /** Bytes of file content (and symlink targets) allowed before ENOSPC; unlimited when absent. */
  readonly quotaBytes?: number;
  /** st_dev reported for every inode. */
  readonly dev?: number;
  /** Owner and mode of `/` (default root:root 0755). */
  readonly rootMode?: number;
}

interface OpenFile {
  readonly node: Inode;
  readonly flags: number;
  pos: number;
  /** Whose write it is: an unprivileged writer drops set-ID bits. */
  cred: Cred;
}

const EMPTY = new Uint8Array(0);

/**
 * The synchronous in-memory inode file system: the container's writable upper
 * dir, build contexts, scratch trees. Every call is atomic (one synchronous
 * turn), times come from the injected clock, and failures are `FsError`s with
 * the errno Linux would give. Simplification: atime is never updated by reads
 * (as with `noatime`), and there is no separate st_blocks accounting.
 */
export class MemFs implements Vfs, XattrVfs {
  readonly dev: number;
  private readonly clock: Clock;
  private readonly quota: number;
  private used = 0;
  private nextIno = 2;
  private readonly rootNode: Inode;
  private readonly fds = new Map<number, OpenFile>();
  private nextFd = 3;
  /** The resolver's view of this fs. */
  private readonly source: NodeSource<Inode>;

  constructor(options: MemFsOptions) {
    this.clock = options.clock;
    this.quota = options.quotaBytes ?? Infinity;
    this.dev = options.dev ?? 1;
    this.rootNode = this.newInode(S_IFDIR | (options.rootMode ?? 0o755), 0, 0);
    this.rootNode.nlink = 2;
    this.source = {
      root: () => this.rootNode,
      lookup: (dir, name) => dir.children?.get(name),
      typeOf: (n) => fileTypeOf(n.mode),
      linkTarget: (n) => n.target,
      canSearch: (dir, cred) => mayAccess(dir, cred, X_OK, true),
    };
  }

  /** Bytes of content currently stored (what the quota counts). */
  get usedBytes(): number {
    return this.used;
  }

  // ---- inode-level access for the union mount (paths are physical: no symlinks in parents) ----

  get root(): Inode {
    return this.rootNode;
  }

  /** The inode at a physical path, without following a final symlink; undefined if absent. */
  inodeAt(path: string): Inode | undefined {
    try {
      return resolvePath(this.source, path, false, ROOT_CRED, 'lstat').node;
    } catch {
      return undefined;
    }
  }

  statInode(node: Inode): Stat {
    return statOf(node, this.dev, utf8Length);
  }

  // ---- Vfs ----

  stat(path: string, cred: Cred = ROOT_CRED): Stat {
    return this.statInode(this.existing(path, true, cred, 'stat').node!);
  }

  lstat(path: string, cred: Cred = ROOT_CRED): Stat {
    return this.statInode(this.existing(path, false, cred, 'lstat').node!);
  }

  readdir(path: string, cred: Cred = ROOT_CRED): DirEntry[] {
    const node = this.existing(path, true, cred, 'scandir').node!;
    if (!node.children) throw new FsError('ENOTDIR', 'scandir', path);
    if (!mayAccess(node, cred, R_OK, true)) throw new FsError('EACCES', 'scandir', path);
    return [...node.children.entries()]
      .sort((a, b) => compareNames(a[0], b[0]))
      .map(([name, n]) => ({ name, type: fileTypeOf(n.mode), ino: n.ino }));
  }

  readFile(path: string, cred: Cred = ROOT_CRED): Uint8Array {
    const node = this.existing(path, true, cred, 'open').node!;
    if (!mayAccess(node, cred, R_OK, node.children !== undefined)) throw new FsError('EACCES', 'open', path);
    if (node.children) throw new FsError('EISDIR', 'read', path);
    return node.data.slice(0, node.size);
  }

  writeFile(path: string, data: Uint8Array, options: { mode?: number; cred?: Cred } = {}): void {
    const cred = options.cred ?? ROOT_CRED;
    const node = this.openNode(path, O_WRONLY | O_CREAT | O_TRUNC, options.mode ?? 0o666, cred);
    if (data.length > 0) node.mode = modeAfterWrite(node, cred);
    this.writeAt(node, data, 0, data.length, 0, path);
  }

  open(path: string, flags: number, mode = 0o666, cred: Cred = ROOT_CRED): number {
    const node = this.openNode(path, flags, mode, cred);
    const fd = this.nextFd++;
    this.fds.set(fd, { node, flags, pos: 0, cred });
    return fd;
  }

  /**
   * Makes `fd` act for `cred` from now on. The union mount opens upper files
   * itself after checking permissions on the merged view, then hands the
   * description to the caller, whose writes must drop set-ID bits as theirs.
   */
  setFdCred(fd: number, cred: Cred): void {
    this.fd(fd, 'fcntl').cred = cred;
  }

  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.fd(fd, 'read');
    if ((f.flags & O_ACCMODE) === O_WRONLY) throw new FsError('EBADF', 'read', String(fd));
    if (f.node.children) throw new FsError('EISDIR', 'read', String(fd));
    const at = position ?? f.pos;
    const n = Math.max(0, Math.min(length, f.node.size - at));
    buffer.set(f.node.data.subarray(at, at + n), offset);
    if (position === null) f.pos = at + n;
    return n;
  }

  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.fd(fd, 'write');
    if ((f.flags & O_ACCMODE) === O_RDONLY) throw new FsError('EBADF', 'write', String(fd));
    const at = f.flags & O_APPEND ? f.node.size : (position ?? f.pos);
    if (length > 0) f.node.mode = modeAfterWrite(f.node, f.cred);
    this.writeAt(f.node, buffer, offset, length, at, String(fd));
    if (position === null || f.flags & O_APPEND) f.pos = at + length;
    return length;
  }

  close(fd: number): void {
    this.fd(fd, 'close');
    this.fds.delete(fd);
  }

  mkdir(path: string, mode = 0o777, cred: Cred = ROOT_CRED): void {
    const r = this.forCreate(path, cred, 'mkdir');
    const parent = r.parent;
    const keep = parent.mode & S_ISGID;
    const node = this.newInode(S_IFDIR | keep | (mode & 0o1777 & ~umaskOf(cred)), cred.uid, this.newGid(parent, cred));
    node.nlink = 2;
    this.attach(parent, r.name, node);
    parent.nlink++;
  }

  rmdir(path: string, cred: Cred = ROOT_CRED): void {
    const r = this.existing(path, false, cred, 'rmdir');
    const node = r.node!;
    if (node === this.rootNode) throw new FsError('EBUSY', 'rmdir', path);
    this.checkDelete(r, cred, 'rmdir', path);
    if (!node.children) throw new FsError('ENOTDIR', 'rmdir', path);
    if (node.children.size > 0) throw new FsError('ENOTEMPTY', 'rmdir', path);
    this.detach(r.parent, r.name);
  }

  unlink(path: string, cred: Cred = ROOT_CRED): void {
    const r = this.existing(path, false, cred, 'unlink');
    if (r.trailingSlash) throw new FsError(r.node!.children ? 'EISDIR' : 'ENOTDIR', 'unlink', path);
    this.checkDelete(r, cred, 'unlink', path);
    if (r.node!.children) throw new FsError('EISDIR', 'unlink', path);
    this.detach(r.parent, r.name);
  }

  rename(from: string, to: string, cred: Cred = ROOT_CRED): void {
    // Linux's order: both parents, the source, trailing slashes, the ancestor traps, then permission and type checks.
    const rf = resolvePath(this.source, from, false, cred, 'rename');
    const rt = resolvePath(this.source, to, false, cred, 'rename');
    const src = rf.node;
    if (!src) throw new FsError('ENOENT', 'rename', from, to);
    const dst = rt.node;
    if (src === this.rootNode || dst === this.rootNode) throw new FsError('EBUSY', 'rename', from, to);
    if (!src.children && (rf.trailingSlash || rt.trailingSlash)) throw new FsError('ENOTDIR', 'rename', from, to);
    if (rt.path.startsWith(`${rf.path}/`)) throw new FsError('EINVAL', 'rename', from, to);
    if (dst && rf.path.startsWith(`${rt.path}/`)) throw new FsError('ENOTEMPTY', 'rename', from, to);
    checkName(rt.name, 'rename', to);
    if (dst === src) return;
    this.checkDelete(rf, cred, 'rename', from);
    if (dst) {
      this.checkDelete(rt, cred, 'rename', to);
      if (src.children && !dst.children) throw new FsError('ENOTDIR', 'rename', from, to);
      if (!src.children && dst.children) throw new FsError('EISDIR', 'rename', from, to);
      if (dst.children && dst.children.size > 0) throw new FsError('ENOTEMPTY', 'rename', from, to);
    } else if (!mayAccess(rt.parent, cred, W_OK | X_OK, true)) throw new FsError('EACCES', 'rename', from, to);
    // A directory moving to another parent gets its `..` rewritten, which needs write access to it.
    if (src.children && rf.parent !== rt.parent && !mayAccess(src, cred, W_OK, true)) throw new FsError('EACCES', 'rename', from, to);
    if (dst) this.detach(rt.parent, rt.name);
    rf.parent.children!.delete(rf.name);
    if (src.children) rf.parent.nlink--;
    rt.parent.children!.set(rt.name, src);
    if (src.children) rt.parent.nlink++;
    const now = this.clock.now();
    rf.parent.mtimeMs = rf.parent.ctimeMs = now;
    rt.parent.mtimeMs = rt.parent.ctimeMs = now;
    src.ctimeMs = now;
  }

  symlink(target: string, path: string, cred: Cred = ROOT_CRED): void {
    const r = this.forCreate(path, cred, 'symlink');
    const len = utf8Length(target);
    this.reserve(len, 'symlink', path);
    const node = this.newInode(S_IFLNK | 0o777, cred.uid, this.newGid(r.parent, cred));
    node.target = target;
    this.attach(r.parent, r.name, node);
  }

  readlink(path: string, cred: Cred = ROOT_CRED): string {
    const node = this.existing(path, false, cred, 'readlink').node!;
    if ((node.mode & S_IFMT) !== S_IFLNK) throw new FsError('EINVAL', 'readlink', path);
    return node.target;
  }

  link(existing: string, path: string, cred: Cred = ROOT_CRED): void {
    const src = this.existing(existing, false, cred, 'link').node!;
    const r = this.forCreate(path, cred, 'link', false);
    if (!mayHardlink(src, isRegMode(src.mode), cred)) throw new FsError('EPERM', 'link', existing, path);
    if (!mayAccess(r.parent, cred, W_OK | X_OK, true)) throw new FsError('EACCES', 'link', existing, path);
    if (src.children) throw new FsError('EPERM', 'link', existing, path);
    this.attach(r.parent, r.name, src);
    src.nlink++;
    src.ctimeMs = this.clock.now();
  }

  chmod(path: string, mode: number, cred: Cred = ROOT_CRED): void {
    const node = this.existing(path, true, cred, 'chmod').node!;
    if (!isOwner(node, cred)) throw new FsError('EPERM', 'chmod', path);
    let bits = mode & 0o7777;
    if (cred.uid !== 0 && !inGroup(cred, node.gid)) bits &= ~S_ISGID;
    node.mode = (node.mode & S_IFMT) | bits;
    node.ctimeMs = this.clock.now();
  }

  chown(path: string, uid: number, gid: number, cred: Cred = ROOT_CRED): void {
    this.chownNode(this.existing(path, true, cred, 'chown').node!, uid, gid, cred, 'chown', path);
  }

  lchown(path: string, uid: number, gid: number, cred: Cred = ROOT_CRED): void {
    this.chownNode(this.existing(path, false, cred, 'lchown').node!, uid, gid, cred, 'lchown', path);
  }

  utimes(path: string, atimeMs: number, mtimeMs: number, cred: Cred = ROOT_CRED): void {
    const node = this.existing(path, true, cred, 'utime').node!;
    if (!isOwner(node, cred)) throw new FsError('EPERM', 'utime', path);
    node.atimeMs = atimeMs;
    node.mtimeMs = mtimeMs;
    node.ctimeMs = this.clock.now();
  }

  truncate(path: string, length: number, cred: Cred = ROOT_CRED): void {
    const node = this.existing(path, true, cred, 'open').node!;
    if (node.children) throw new FsError('EISDIR', 'open', path);
    if (!isRegMode(node.mode) || length < 0) throw new FsError('EINVAL', 'truncate', path);
    if (!mayAccess(node, cred, W_OK, false)) throw new FsError('EACCES', 'open', path);
    this.resize(node, length, path);
    node.mode = modeAfterWrite(node, cred);
    node.mtimeMs = node.ctimeMs = this.clock.now();
  }

  mknod(path: string, mode: number, rdev: number, cred: Cred = ROOT_CRED): void {
    const type = mode & S_IFMT;
    if (type === S_IFDIR || type === S_IFLNK) throw new FsError('EINVAL', 'mknod', path);
    if ((type === S_IFCHR || type === S_IFBLK) && cred.uid !== 0) throw new FsError('EPERM', 'mknod', path);
    const r = this.forCreate(path, cred, 'mknod');
    const node = this.newInode((type || S_IFREG) | (mode & 0o7777 & ~umaskOf(cred)), cred.uid, this.newGid(r.parent, cred));
    node.rdev = rdev;
    this.attach(r.parent, r.name, node);
  }

  // ---- xattrs ----

  getxattr(path: string, name: string): Uint8Array | undefined {
    return this.existing(path, false, ROOT_CRED, 'lgetxattr').node!.xattrs?.get(name)?.slice();
  }

  setxattr(path: string, name: string, value: Uint8Array): void {
    const node = this.existing(path, false, ROOT_CRED, 'lsetxattr').node!;
    (node.xattrs ??= new Map()).set(name, value.slice());
    node.ctimeMs = this.clock.now();
  }

  removexattr(path: string, name: string): void {
    const node = this.existing(path, false, ROOT_CRED, 'lremovexattr').node!;
    node.xattrs?.delete(name);
    node.ctimeMs = this.clock.now();
  }

  listxattr(path: string): string[] {
    return [...(this.existing(path, false, ROOT_CRED, 'llistxattr').node!.xattrs?.keys() ?? [])].sort();
  }

  // ---- internals ----

  private existing(path: string, follow: boolean, cred: Cred, syscall: string): Resolved<Inode> {
    const r = resolvePath(this.source, path, follow, cred, syscall);
    if (!r.node) throw new FsError('ENOENT', syscall, path);
    if (r.trailingSlash && !r.node.children) throw new FsError('ENOTDIR', syscall, path);
    return r;
  }

  /** Resolves the parent of a new entry: the name must be free and the parent writable. */
  private forCreate(path: string, cred: Cred, syscall: string, checkAccess = true): Resolved<Inode> {
    const r = resolvePath(this.source, path, false, cred, syscall);
    if (r.node) throw new FsError('EEXIST', syscall, path);
    checkName(r.name, syscall, path);
    if (r.trailingSlash && syscall !== 'mkdir') throw new FsError('ENOENT', syscall, path);
    if (checkAccess && !mayAccess(r.parent, cred, W_OK | X_OK, true)) throw new FsError('EACCES', syscall, path);
    return r;
  }

  private openNode(path: string, flags: number, mode: number, cred: Cred): Inode {
    const excl = (flags & O_CREAT) !== 0 && (flags & O_EXCL) !== 0;
    const follow = (flags & O_NOFOLLOW) === 0 && !excl;
    const r = resolvePath(this.source, path, follow, cred, 'open');
    let node = r.node;
    const acc = flags & O_ACCMODE;
    if (!node) {
      if ((flags & O_CREAT) === 0) throw new FsError('ENOENT', 'open', path);
      if (r.trailingSlash) throw new FsError('EISDIR', 'open', path);
      checkName(r.name, 'open', path);
      if (!mayAccess(r.parent, cred, W_OK | X_OK, true)) throw new FsError('EACCES', 'open', path);
      node = this.newInode(S_IFREG | stripSgidOnCreate(mode & 0o7777 & ~umaskOf(cred), r.parent, cred), cred.uid, this.newGid(r.parent, cred));
      this.attach(r.parent, r.name, node);
      return node;
    }
    if (excl) throw new FsError('EEXIST', 'open', path);
    const type = node.mode & S_IFMT;
    if (type === S_IFLNK) throw new FsError('ELOOP', 'open', path);
    if (r.trailingSlash && type !== S_IFDIR) throw new FsError('ENOTDIR', 'open', path);
    if (flags & O_DIRECTORY && type !== S_IFDIR) throw new FsError('ENOTDIR', 'open', path);
    if (type === S_IFDIR && (acc !== O_RDONLY || flags & O_TRUNC)) throw new FsError('EISDIR', 'open', path);
    const want = (acc === O_RDONLY ? R_OK : acc === O_WRONLY ? W_OK : R_OK | W_OK) | (flags & O_TRUNC ? W_OK : 0);
    if (!mayAccess(node, cred, want, type === S_IFDIR)) throw new FsError('EACCES', 'open', path);
    if (flags & O_TRUNC && type === S_IFREG && acc !== O_RDONLY) {
      this.resize(node, 0, path);
      node.mode = modeAfterWrite(node, cred);
      node.mtimeMs = node.ctimeMs = this.clock.now();
    }
    return node;
  }

  private fd(fd: number, syscall: string): OpenFile {
    const f = this.fds.get(fd);
    if (!f) throw new FsError('EBADF', syscall, String(fd));
    return f;
  }

  private writeAt(node: Inode, src: Uint8Array, offset: number, length: number, at: number, path: string): void {
    if (!isRegMode(node.mode)) {
      if (isDirMode(node.mode)) throw new FsError('EISDIR', 'write', path);
      return; // device nodes and fifos swallow writes here
    }
    const end = at + length;
    if (end > node.size) this.resize(node, end, path);
    node.data.set(src.subarray(offset, offset + length), at);
    node.mtimeMs = node.ctimeMs = this.clock.now();
  }

  /** Grows (zero-filled) or shrinks a file, charging the quota. */
  private resize(node: Inode, size: number, path: string): void {
    this.reserve(size - node.size, 'write', path);
    if (size > node.data.length) {
      // Doubling (with at most 64 MiB of slack) keeps a file written in small appends linear, not quadratic (`yes > /file`).
      const grown = new Uint8Array(Math.max(size, Math.min(node.data.length * 2, size + (64 << 20))));
      grown.set(node.data.subarray(0, node.size));
      node.data = grown;
    } else if (size < node.size) {
      node.data.fill(0, size, node.size);
    }
    node.size = size;
  }

  private reserve(delta: number, syscall: string, path: string): void {
    if (delta > 0 && this.used + delta > this.quota) throw new FsError('ENOSPC', syscall, path);
    this.used += delta;
  }

  private newInode(mode: number, uid: number, gid: number): Inode {
    const now = this.clock.now();
    return {
      ino: this.nextIno++,
      mode,
      uid,
      gid,
      nlink: 1,
      rdev: 0,
      atimeMs: now,
      mtimeMs: now,
      ctimeMs: now,
      data: EMPTY,
      size: 0,
      target: '',
      children: isDirMode(mode) ? new Map() : undefined,
      xattrs: undefined,
    };
  }

  /** BSD group semantics: a set-group-ID directory hands its group to new entries. */
  private newGid(parent: Inode, cred: Cred): number {
    return parent.mode & S_ISGID ? parent.gid : cred.gid;
  }

  private attach(parent: Inode, name: string, node: Inode): void {
    parent.children!.set(name, node);
    parent.mtimeMs = parent.ctimeMs = this.clock.now();
  }

  /** Removes a name; the inode's content is released with its last link. */
  private detach(parent: Inode, name: string): void {
    const node = parent.children!.get(name)!;
    parent.children!.delete(name);
    const now = this.clock.now();
    parent.mtimeMs = parent.ctimeMs = now;
    if (node.children) {
      parent.nlink--;
      node.nlink = 0;
    } else {
      node.nlink--;
      node.ctimeMs = now;
    }
    if (node.nlink === 0) this.used -= isRegMode(node.mode) ? node.size : (node.mode & S_IFMT) === S_IFLNK ? utf8Length(node.target) : 0;
  }

  private checkDelete(r: Resolved<Inode>, cred: Cred, syscall: string, path: string): void {
    if (!mayAccess(r.parent, cred, W_OK | X_OK, true)) throw new FsError('EACCES', syscall, path);
    if (!mayDeleteFromSticky(r.parent, r.node!, cred)) throw new FsError('EPERM', syscall, path);
  }

  private chownNode(node: Inode, uid: number, gid: number, cred: Cred, syscall: string, path: string): void {
    if (cred.uid !== 0) {
      const uidOk = uid === -1 || uid === node.uid;
      const gidOk = gid === -1 || gid === node.gid || inGroup(cred, gid);
      if (cred.uid !== node.uid || !uidOk || !gidOk) throw new FsError('EPERM', syscall, path);
    }
    if (uid !== -1) node.uid = uid;
    if (gid !== -1) node.gid = gid;
    // Linux clears set-user-ID, and set-group-ID when group-executable, on any chown of a non-directory.
    if (!node.children && (node.mode & S_IFMT) !== S_IFLNK) {
      node.mode &= ~S_ISUID;
      if (node.mode & 0o010) node.mode &= ~S_ISGID;
    }
    node.ctimeMs = this.clock.now();
  }
}

function umaskOf(cred: Cred): number {
  return cred.umask ?? 0o022;
}

function checkName(name: string, syscall: string, path: string): void {
  if (name === '') throw new FsError('EEXIST', syscall, path);
  if (utf8Length(name) > NAME_MAX) throw new FsError('ENAMETOOLONG', syscall, path);
}

export { DIR_SIZE };
