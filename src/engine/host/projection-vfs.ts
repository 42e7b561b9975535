/**
 * A read-only file system computed on every access: the shape of the tree is
 * a function of live engine state (`/var/lib/docker`, the host's `/proc`).
 * A node is a synthetic directory, file or symlink, or a `mount` that hands
 * the rest of the path to another Vfs (a container's union mount as
 * `merged`, its upper dir as `diff`, a layer's tree).
 *
 * Contract: every change (write, mkdir, unlink, chmod, …) fails with EROFS,
 * including under a delegated mount, so the projection can never change the
 * state it shows. Errors name the path as the caller gave it. Symlink
 * targets resolve inside the projection (an absolute target from its root).
 */
import { FsError, isFsError } from '../fs/errors.ts';
import { components } from '../fs/path.ts';
import { mayAccess, R_OK, X_OK } from '../fs/perms.ts';
import { utf8Encode } from '../fs/utf8.ts';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../fs/vfs.ts';
import type { Cred, DirEntry, FileType, Stat, Vfs } from '../fs/vfs.ts';

export interface ProjectionEntry {
  readonly name: string;
  readonly type: FileType;
}

/** Metadata a synthetic node may set (defaults: root-owned, 0755 dirs, 0644 files, time 0). */
export interface ProjectionMeta {
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly mtimeMs?: number;
}

export type ProjectionNode =
  | (ProjectionMeta & { readonly kind: 'dir'; entries(): ProjectionEntry[]; child(name: string): ProjectionNode | null })
  | (ProjectionMeta & { readonly kind: 'file'; content(): Uint8Array | string })
  | (ProjectionMeta & { readonly kind: 'link'; readonly target: string })
  | { readonly kind: 'mount'; readonly vfs: Vfs; readonly path: string };


type Found = { readonly node: Exclude<ProjectionNode, { kind: 'mount' }>; readonly parts: readonly string[] } | { readonly vfs: Vfs; readonly path: string };

const MAX_LINKS = 40;

export class ProjectionVfs implements Vfs {
  private readonly files = new Map<number, { data: Uint8Array; pos: number } | { vfs: Vfs; fd: number }>();
  private nextFd = 3;

  constructor(
    /** The tree's root, made afresh for each call so it shows the live state. */
    private readonly root: () => ProjectionNode,
    /** Device number the synthetic nodes report (st_dev). */
    private readonly dev = 0x801,
    /** Times of synthetic nodes that set none (the projection's creation, e.g. the daemon's start). */
    private readonly time = 0,
  ) {}

  private find(path: string, follow: boolean, syscall: string, cred?: Cred): Found {
    let todo = components(path);
    const root = this.root();
    if (root.kind === 'mount') return { vfs: root.vfs, path: `${root.path}/${todo.join('/')}` };
    // The chain of dirs walked so far, so `..` and relative link targets resolve without walking again.
    let chain: { name: string; node: Exclude<ProjectionNode, { kind: 'mount' }> }[] = [{ name: '', node: root }];
    let hops = 0;
    while (todo.length > 0) {
      const name = todo.shift()!;
      if (name === '..') {
        if (chain.length > 1) chain.pop();
        continue;
      }
      const dir = chain[chain.length - 1]!.node;
      if (dir.kind !== 'dir') throw new FsError('ENOTDIR', syscall, path);
      if (cred && !allowed(dir, cred, X_OK)) throw new FsError('EACCES', syscall, path);
      const node = dir.child(name);
      if (!node) throw new FsError('ENOENT', syscall, path);
      if (node.kind === 'mount') return { vfs: node.vfs, path: [node.path.replace(/\/+$/, ''), ...todo].join('/') || '/' };
      if (node.kind === 'link' && (todo.length > 0 || follow)) {
        if (++hops > MAX_LINKS) throw new FsError('ELOOP', syscall, path);
        todo = [...components(node.target), ...todo];
        if (node.target.startsWith('/')) chain = chain.slice(0, 1);
        continue;
      }
      if (todo.length > 0 && node.kind !== 'dir') throw new FsError('ENOTDIR', syscall, path);
      chain.push({ name, node });
    }
    return { node: chain[chain.length - 1]!.node, parts: chain.slice(1).map((c) => c.name) };
  }

  /** Runs `fn` on a delegated Vfs, naming the caller's path in its errors. */
  private inner<T>(path: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (isFsError(e)) throw new FsError(e.code, e.syscall, path);
      throw e;
    }
  }

  private statOf(node: Exclude<ProjectionNode, { kind: 'mount' }>, parts: readonly string[]): Stat {
    const type: FileType = node.kind === 'dir' ? 'dir' : node.kind === 'link' ? 'symlink' : 'file';
    const perm = node.mode ?? (node.kind === 'dir' ? 0o755 : node.kind === 'link' ? 0o777 : 0o644);
    const mode = (node.kind === 'dir' ? S_IFDIR : node.kind === 'link' ? S_IFLNK : S_IFREG) | perm;
    const size = node.kind === 'dir' ? 4096 : node.kind === 'link' ? node.target.length : bytes(node.content()).length;
    const ino = inoOf(parts);
    const t = node.mtimeMs ?? this.time;
    return { type, mode, ino, dev: this.dev, nlink: node.kind === 'dir' ? 2 : 1, uid: node.uid ?? 0, gid: node.gid ?? 0, size, rdev: 0, atimeMs: t, mtimeMs: t, ctimeMs: t };
  }

  stat(path: string, cred?: Cred): Stat {
    const f = this.find(path, true, 'stat', cred);
    if ('vfs' in f) return this.inner(path, () => f.vfs.stat(f.path, cred));
    return this.statOf(f.node, f.parts);
  }

  lstat(path: string, cred?: Cred): Stat {
    const f = this.find(path, false, 'lstat', cred);
    if ('vfs' in f) return this.inner(path, () => f.vfs.lstat(f.path, cred));
    return this.statOf(f.node, f.parts);
  }

  readdir(path: string, cred?: Cred): DirEntry[] {
    const f = this.find(path, true, 'scandir', cred);
    if ('vfs' in f) return this.inner(path, () => f.vfs.readdir(f.path, cred));
    if (f.node.kind !== 'dir') throw new FsError('ENOTDIR', 'scandir', path);
    if (cred && !allowed(f.node, cred, R_OK)) throw new FsError('EACCES', 'scandir', path);
    return f.node
      .entries()
      .map((e) => ({ name: e.name, type: e.type, ino: inoOf([...f.parts, e.name]) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  readFile(path: string, cred?: Cred): Uint8Array {
    const f = this.find(path, true, 'open', cred);
    if ('vfs' in f) return this.inner(path, () => f.vfs.readFile(f.path, cred));
    if (f.node.kind === 'dir') throw new FsError('EISDIR', 'read', path);
    if (cred && !allowed(f.node, cred, R_OK)) throw new FsError('EACCES', 'open', path);
    return bytes((f.node as { content(): Uint8Array | string }).content());
  }

  readlink(path: string, cred?: Cred): string {
    const f = this.find(path, false, 'readlink', cred);
    if ('vfs' in f) return this.inner(path, () => f.vfs.readlink(f.path, cred));
    if (f.node.kind !== 'link') throw new FsError('EINVAL', 'readlink', path);
    return f.node.target;
  }

  open(path: string, flags: number, _mode?: number, cred?: Cred): number {
    if ((flags & 3) !== 0 || (flags & 0o1100) !== 0) throw new FsError('EROFS', 'open', path);
    const f = this.find(path, (flags & 0o400000) === 0, 'open', cred);
    const fd = this.nextFd++;
    if ('vfs' in f) this.files.set(fd, { vfs: f.vfs, fd: this.inner(path, () => f.vfs.open(f.path, flags, undefined, cred)) });
    else if (f.node.kind === 'dir') {
      if ((flags & 0o200000) === 0) throw new FsError('EISDIR', 'open', path);
      this.files.set(fd, { data: new Uint8Array(0), pos: 0 });
    } else this.files.set(fd, { data: this.readFile(path, cred), pos: 0 });
    return fd;
  }

  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.files.get(fd);
    if (!f) throw new FsError('EBADF', 'read', String(fd));
    if ('vfs' in f) return f.vfs.read(f.fd, buffer, offset, length, position);
    const from = position ?? f.pos;
    const chunk = f.data.subarray(from, from + length);
    buffer.set(chunk, offset);
    if (position === null) f.pos += chunk.length;
    return chunk.length;
  }

  write(fd: number): number {
    throw new FsError(this.files.has(fd) ? 'EBADF' : 'EBADF', 'write', String(fd));
  }

  close(fd: number): void {
    const f = this.files.get(fd);
    if (!f) throw new FsError('EBADF', 'close', String(fd));
    this.files.delete(fd);
    if ('vfs' in f) f.vfs.close(f.fd);
  }

  writeFile(path: string): void {
    throw new FsError('EROFS', 'open', path);
  }
  mkdir(path: string): void {
    throw new FsError('EROFS', 'mkdir', path);
  }
  rmdir(path: string): void {
    throw new FsError('EROFS', 'rmdir', path);
  }
  unlink(path: string): void {
    throw new FsError('EROFS', 'unlink', path);
  }
  rename(from: string): void {
    throw new FsError('EROFS', 'rename', from);
  }
  symlink(_target: string, path: string): void {
    throw new FsError('EROFS', 'symlink', path);
  }
  link(_existing: string, path: string): void {
    throw new FsError('EROFS', 'link', path);
  }
  chmod(path: string): void {
    throw new FsError('EROFS', 'chmod', path);
  }
  chown(path: string): void {
    throw new FsError('EROFS', 'chown', path);
  }
  lchown(path: string): void {
    throw new FsError('EROFS', 'lchown', path);
  }
  utimes(path: string): void {
    throw new FsError('EROFS', 'utimes', path);
  }
  truncate(path: string): void {
    throw new FsError('EROFS', 'truncate', path);
  }
  mknod(path: string): void {
    throw new FsError('EROFS', 'mknod', path);
  }
}

function allowed(node: Exclude<ProjectionNode, { kind: 'mount' }>, cred: Cred, want: number): boolean {
  const mode = node.mode ?? (node.kind === 'dir' ? 0o755 : 0o644);
  return mayAccess({ mode, uid: node.uid ?? 0, gid: node.gid ?? 0 }, cred, want, node.kind === 'dir');
}

function inoOf(parts: readonly string[]): number {
  let ino = 7;
  for (const c of parts.join('/')) ino = (ino * 31 + c.charCodeAt(0)) >>> 0;
  return ino;
}

function bytes(content: Uint8Array | string): Uint8Array {
  return typeof content === 'string' ? utf8Encode(content) : content;
}

/** A directory of named children, each made on demand. */
export function dirOf(children: Readonly<Record<string, () => ProjectionNode | null>>, meta: ProjectionMeta = {}): ProjectionNode {
  return {
    ...meta,
    kind: 'dir',
    entries: () =>
      Object.entries(children).flatMap(([name, make]) => {
        const n = make();
        return n ? [{ name, type: typeOfNode(n) }] : [];
      }),
    child: (name) => (Object.hasOwn(children, name) ? children[name]!() : null),
  };
}

/** A directory from a list of named nodes. */
export function listDir(items: readonly (readonly [string, ProjectionNode])[], meta: ProjectionMeta = {}): ProjectionNode {
  const children = new Map(items);
  return {
    ...meta,
    kind: 'dir',
    entries: () => items.map(([name, n]) => ({ name, type: typeOfNode(n) })),
    child: (name) => children.get(name) ?? null,
  };
}

/** A file whose content is computed when read. */
export function fileNode(content: () => string | Uint8Array, meta: ProjectionMeta = {}): ProjectionNode {
  return { ...meta, kind: 'file', content };
}

/** A whole other file system (or a subtree of one) at this node. */
export function mountNode(vfs: Vfs, path = '/'): ProjectionNode {
  return { kind: 'mount', vfs, path };
}

export function typeOfNode(n: ProjectionNode): FileType {
  if (n.kind === 'dir') return 'dir';
  if (n.kind === 'file') return 'file';
  if (n.kind === 'link') return 'symlink';
  try {
    return n.vfs.lstat(n.path).type;
  } catch {
    return 'dir';
  }
}
