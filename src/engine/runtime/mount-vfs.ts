/**
 * A container's file system with its mounts on top: the root (the union
 * mount: image layers plus the container's upper dir) and, at each mount
 * point, a volume's or a tmpfs's own tree. A path under a mount point goes
 * to that tree, so a write there never reaches the upper dir: `docker diff`
 * and `docker commit` do not see it, and the data outlives the container.
 *
 * Simplification: mount points are matched on the normalised path; a
 * symlink in the root that leads into a mount point is resolved by the root
 * file system alone. Renames and hard links across mounts fail with EXDEV,
 * as on Linux.
 */
import { FsError } from '../fs/errors.ts';
import type { Cred, DirEntry, Stat, Vfs } from '../fs/vfs.ts';

export interface MountEntry {
  /** Absolute, normalised (`/data`). */
  readonly path: string;
  readonly fs: Vfs;
  readonly readOnly: boolean;
}

export class MountVfs implements Vfs {
  private readonly fds = new Map<number, { fs: Vfs; fd: number }>();
  private nextFd = 3;
  private readonly mounts: readonly MountEntry[];

  constructor(
    readonly root: Vfs,
    mounts: readonly MountEntry[],
  ) {
    // Longest first, so nested mount points win.
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length);
  }

  private route(path: string, syscall: string, write = false): { fs: Vfs; path: string } {
    for (const m of this.mounts) {
      if (path === m.path || path.startsWith(`${m.path}/`)) {
        if (write && m.readOnly) throw new FsError('EROFS', syscall, path);
        return { fs: m.fs, path: path.slice(m.path.length) || '/' };
      }
    }
    return { fs: this.root, path };
  }

  stat(path: string, cred?: Cred): Stat {
    const r = this.route(path, 'stat');
    return r.fs.stat(r.path, cred);
  }
  lstat(path: string, cred?: Cred): Stat {
    const r = this.route(path, 'lstat');
    return r.fs.lstat(r.path, cred);
  }
  readdir(path: string, cred?: Cred): DirEntry[] {
    const r = this.route(path, 'readdir');
    return r.fs.readdir(r.path, cred);
  }
  readFile(path: string, cred?: Cred): Uint8Array {
    const r = this.route(path, 'open');
    return r.fs.readFile(r.path, cred);
  }
  writeFile(path: string, data: Uint8Array, options?: { mode?: number; cred?: Cred }): void {
    const r = this.route(path, 'open', true);
    r.fs.writeFile(r.path, data, options);
  }
  open(path: string, flags: number, mode?: number, cred?: Cred): number {
    const write = (flags & 3) !== 0 || (flags & 0o100) !== 0;
    const r = this.route(path, 'open', write);
    const fd = r.fs.open(r.path, flags, mode, cred);
    const mine = this.nextFd++;
    this.fds.set(mine, { fs: r.fs, fd });
    return mine;
  }
  private fd(fd: number, syscall: string): { fs: Vfs; fd: number } {
    const f = this.fds.get(fd);
    if (!f) throw new FsError('EBADF', syscall, String(fd));
    return f;
  }
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.fd(fd, 'read');
    return f.fs.read(f.fd, buffer, offset, length, position);
  }
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.fd(fd, 'write');
    return f.fs.write(f.fd, buffer, offset, length, position);
  }
  close(fd: number): void {
    const f = this.fd(fd, 'close');
    this.fds.delete(fd);
    f.fs.close(f.fd);
  }
  mkdir(path: string, mode?: number, cred?: Cred): void {
    const r = this.route(path, 'mkdir', true);
    if (r.path === '/') throw new FsError('EEXIST', 'mkdir', path);
    r.fs.mkdir(r.path, mode, cred);
  }
  rmdir(path: string, cred?: Cred): void {
    const r = this.route(path, 'rmdir', true);
    if (r.path === '/' && r.fs !== this.root) throw new FsError('EBUSY', 'rmdir', path);
    r.fs.rmdir(r.path, cred);
  }
  unlink(path: string, cred?: Cred): void {
    const r = this.route(path, 'unlink', true);
    r.fs.unlink(r.path, cred);
  }
  rename(from: string, to: string, cred?: Cred): void {
    const a = this.route(from, 'rename', true);
    const b = this.route(to, 'rename', true);
    if (a.fs !== b.fs || (a.path === '/' && a.fs !== this.root)) throw new FsError(a.path === '/' ? 'EBUSY' : 'EXDEV', 'rename', from);
    a.fs.rename(a.path, b.path, cred);
  }
  symlink(target: string, path: string, cred?: Cred): void {
    const r = this.route(path, 'symlink', true);
    r.fs.symlink(target, r.path, cred);
  }
  readlink(path: string, cred?: Cred): string {
    const r = this.route(path, 'readlink');
    return r.fs.readlink(r.path, cred);
  }
  link(existing: string, path: string, cred?: Cred): void {
    const a = this.route(existing, 'link', true);
    const b = this.route(path, 'link', true);
    if (a.fs !== b.fs) throw new FsError('EXDEV', 'link', path);
    a.fs.link(a.path, b.path, cred);
  }
  chmod(path: string, mode: number, cred?: Cred): void {
    const r = this.route(path, 'chmod', true);
    r.fs.chmod(r.path, mode, cred);
  }
  chown(path: string, uid: number, gid: number, cred?: Cred): void {
    const r = this.route(path, 'chown', true);
    r.fs.chown(r.path, uid, gid, cred);
  }
  lchown(path: string, uid: number, gid: number, cred?: Cred): void {
    const r = this.route(path, 'lchown', true);
    r.fs.lchown(r.path, uid, gid, cred);
  }
  utimes(path: string, atimeMs: number, mtimeMs: number, cred?: Cred): void {
    const r = this.route(path, 'utimes', true);
    r.fs.utimes(r.path, atimeMs, mtimeMs, cred);
  }
  truncate(path: string, length: number, cred?: Cred): void {
    const r = this.route(path, 'truncate', true);
    r.fs.truncate(r.path, length, cred);
  }
  mknod(path: string, mode: number, rdev: number, cred?: Cred): void {
    const r = this.route(path, 'mknod', true);
    r.fs.mknod(r.path, mode, rdev, cred);
  }
}
