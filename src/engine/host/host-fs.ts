/**
 * The host's file system: its root (an ordinary in-memory fs holding /bin,
 * /etc, /home/learner, …) with other file systems mounted on top
 * (/var/lib/docker, /proc). A path under a mount point goes to that file
 * system; errors name the path as the caller gave it.
 *
 * Simplification: mount points are matched on the lexically normalised path
 * (processes hand the kernel such paths); a symlink in the root that leads
 * into a mount point is resolved by the root alone. Renames and hard links
 * across mounts fail with EXDEV, as on Linux.
 */
import { FsError, isFsError } from '../fs/errors.ts';
import type { Cred, DirEntry, Stat, Vfs } from '../fs/vfs.ts';

export interface HostMount {
  /** Absolute, normalised mount point (`/proc`). */
  readonly path: string;
  readonly fs: Vfs;
}

export class HostFs implements Vfs {
  private readonly fds = new Map<number, { fs: Vfs; fd: number }>();
  private nextFd = 3;
  private readonly mounts: HostMount[] = [];

  constructor(readonly root: Vfs) {}

  /** Mounts `fs` at `path` (the directory must exist in the root). */
  mount(path: string, fs: Vfs): void {
    this.mounts.push({ path, fs });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  private route(path: string): { fs: Vfs; path: string; at: string } {
    for (const m of this.mounts) {
      if (path === m.path || path.startsWith(`${m.path}/`)) return { fs: m.fs, path: path.slice(m.path.length) || '/', at: m.path };
    }
    return { fs: this.root, path, at: '/' };
  }

  /** Calls into the file system that holds `path`, naming `path` in its errors. */
  private on<T>(path: string, fn: (fs: Vfs, inner: string) => T): T {
    const r = this.route(path);
    if (r.fs === this.root) return fn(r.fs, r.path);
    try {
      return fn(r.fs, r.path);
    } catch (e) {
      if (isFsError(e) && e.path !== path) throw new FsError(e.code, e.syscall, path, e.dest);
      throw e;
    }
  }

  stat(path: string, cred?: Cred): Stat {
    return this.on(path, (fs, p) => fs.stat(p, cred));
  }
  lstat(path: string, cred?: Cred): Stat {
    return this.on(path, (fs, p) => fs.lstat(p, cred));
  }
  readdir(path: string, cred?: Cred): DirEntry[] {
    return this.on(path, (fs, p) => fs.readdir(p, cred));
  }
  readFile(path: string, cred?: Cred): Uint8Array {
    return this.on(path, (fs, p) => fs.readFile(p, cred));
  }
  writeFile(path: string, data: Uint8Array, options?: { mode?: number; cred?: Cred }): void {
    this.on(path, (fs, p) => fs.writeFile(p, data, options));
  }
  open(path: string, flags: number, mode?: number, cred?: Cred): number {
    const r = this.route(path);
    const fd = this.on(path, (fs, p) => fs.open(p, flags, mode, cred));
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
    if (this.mounts.some((m) => m.path === path)) throw new FsError('EEXIST', 'mkdir', path);
    this.on(path, (fs, p) => fs.mkdir(p, mode, cred));
  }
  rmdir(path: string, cred?: Cred): void {
    if (this.mounts.some((m) => m.path === path)) throw new FsError('EBUSY', 'rmdir', path);
    this.on(path, (fs, p) => fs.rmdir(p, cred));
  }
  unlink(path: string, cred?: Cred): void {
    this.on(path, (fs, p) => fs.unlink(p, cred));
  }
  rename(from: string, to: string, cred?: Cred): void {
    const a = this.route(from);
    const b = this.route(to);
    if (a.at !== b.at) throw new FsError('EXDEV', 'rename', from, to);
    this.on(from, (fs, p) => fs.rename(p, b.path, cred));
  }
  symlink(target: string, path: string, cred?: Cred): void {
    this.on(path, (fs, p) => fs.symlink(target, p, cred));
  }
  readlink(path: string, cred?: Cred): string {
    return this.on(path, (fs, p) => fs.readlink(p, cred));
  }
  link(existing: string, path: string, cred?: Cred): void {
    const a = this.route(existing);
    const b = this.route(path);
    if (a.at !== b.at) throw new FsError('EXDEV', 'link', existing, path);
    this.on(existing, (fs, p) => fs.link(p, b.path, cred));
  }
  chmod(path: string, mode: number, cred?: Cred): void {
    this.on(path, (fs, p) => fs.chmod(p, mode, cred));
  }
  chown(path: string, uid: number, gid: number, cred?: Cred): void {
    this.on(path, (fs, p) => fs.chown(p, uid, gid, cred));
  }
  lchown(path: string, uid: number, gid: number, cred?: Cred): void {
    this.on(path, (fs, p) => fs.lchown(p, uid, gid, cred));
  }
  utimes(path: string, atimeMs: number, mtimeMs: number, cred?: Cred): void {
    this.on(path, (fs, p) => fs.utimes(p, atimeMs, mtimeMs, cred));
  }
  truncate(path: string, length: number, cred?: Cred): void {
    this.on(path, (fs, p) => fs.truncate(p, length, cred));
  }
  mknod(path: string, mode: number, rdev: number, cred?: Cred): void {
    this.on(path, (fs, p) => fs.mknod(p, mode, rdev, cred));
  }
}
