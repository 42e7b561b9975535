import { FsError } from '../../fs/errors.ts';
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../fs/vfs.ts';
import type { Cred, DirEntry, Stat, Vfs } from '../../fs/vfs.ts';
import { encode } from '../io/text.ts';
import type { Kernel } from './kernel.ts';
import type { Process } from './process.ts';
import { meminfoText, uptimeSeconds } from './sysinfo.ts';

type Node = { kind: 'dir'; entries: () => DirEntry[] } | { kind: 'file'; content: () => string } | { kind: 'link'; target: () => string };

/** File descriptors for /proc files start here, far from the base Vfs's numbers. */
const FD_BASE = 1 << 30;

/**
 * A process's view of the file system: the container's Vfs with a synthesized
 * /proc on top (/proc/<pid>/{cmdline,comm,status,environ,cwd}, /proc/self,
 * /proc/mounts, /proc/version, /proc/uptime, /proc/meminfo, /proc/loadavg). Read-only and rebuilt on every
 * access, so it always shows the live process table.
 */
export class ProcVfs implements Vfs {
  private readonly files = new Map<number, { data: Uint8Array; pos: number }>();
  private nextFd = FD_BASE;

  constructor(
    private readonly base: Vfs,
    private readonly kernel: Kernel,
    private readonly self: Process,
  ) {}

  private node(path: string): Node | null | undefined {
    if (path !== '/proc' && !path.startsWith('/proc/')) return undefined;
    const parts = path.split('/').filter(Boolean).slice(1);
    const k = this.kernel;
    if (parts.length === 0) {
      return {
        kind: 'dir',
        entries: () => [
          ...k.list().map((p) => ({ name: String(p.pid), type: 'dir' as const, ino: 1000 + p.pid })),
          { name: 'loadavg', type: 'file', ino: 6 },
          { name: 'meminfo', type: 'file', ino: 7 },
          { name: 'mounts', type: 'file', ino: 3 },
          { name: 'self', type: 'symlink', ino: 2 },
          { name: 'uptime', type: 'file', ino: 5 },
          { name: 'version', type: 'file', ino: 4 },
        ],
      };
    }
    const [first, second, ...rest] = parts as [string, string | undefined, ...string[]];
    if (first === 'self') {
      const target = String(this.self.pid);
      if (second === undefined) return { kind: 'link', target: () => target };
      return this.node(`/proc/${target}/${[second, ...rest].join('/')}`);
    }
    if (first === 'mounts' && second === undefined) return { kind: 'file', content: () => k.opts.mounts ?? 'overlay / overlay rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n' };
    if (first === 'version' && second === undefined) return { kind: 'file', content: () => 'Linux version 6.8.0-48-generic (buildd@lcy02-amd64-010) (x86_64-linux-gnu-gcc-13 (Ubuntu 13.2.0-23ubuntu4) 13.2.0, GNU ld (GNU Binutils for Ubuntu) 2.42) #48-Ubuntu SMP PREEMPT_DYNAMIC Fri Sep 27 14:04:52 UTC 2024\n' };
    if (first === 'uptime' && second === undefined) return { kind: 'file', content: () => `${uptimeSeconds(k).toFixed(2)} ${(uptimeSeconds(k) * (k.opts.cpus ?? 2)).toFixed(2)}\n` };
    if (first === 'meminfo' && second === undefined) return { kind: 'file', content: () => meminfoText(k) };
    if (first === 'loadavg' && second === undefined) return { kind: 'file', content: () => `0.00 0.00 0.00 1/${k.procs.size} ${k.lastPid}\n` };
    if (!/^\d+$/.test(first)) return null;
    const p = k.procs.get(Number(first));
    if (!p) return null;
    if (second === undefined) {
      return {
        kind: 'dir',
        entries: () => ['cmdline', 'comm', 'cwd', 'environ', 'status'].map((name, i) => ({ name, type: name === 'cwd' ? ('symlink' as const) : ('file' as const), ino: 10_000 + p.pid * 16 + i })),
      };
    }
    if (rest.length > 0) return null;
    switch (second) {
      case 'cmdline':
        return { kind: 'file', content: () => p.argv.map((a) => `${a}\0`).join('') };
      case 'comm':
        return { kind: 'file', content: () => `${p.comm}\n` };
      case 'environ':
        return { kind: 'file', content: () => p.env.map((e) => `${e}\0`).join('') };
      case 'cwd':
        return { kind: 'link', target: () => p.cwd };
      case 'status':
        return { kind: 'file', content: () => status(p) };
    }
    return null;
  }

  private need(path: string, syscall: string): Node {
    const n = this.node(path);
    if (!n) throw new FsError('ENOENT', syscall, path);
    return n;
  }

  private statOf(path: string, n: Node): Stat {
    const now = this.kernel.scheduler.now();
    const mode = n.kind === 'dir' ? S_IFDIR | 0o555 : n.kind === 'link' ? S_IFLNK | 0o777 : S_IFREG | 0o444;
    const type = n.kind === 'dir' ? 'dir' : n.kind === 'link' ? 'symlink' : 'file';
    let ino = 1;
    for (const c of path) ino = (ino * 31 + c.charCodeAt(0)) >>> 0;
    return { type, mode, ino, dev: 0x16, nlink: n.kind === 'dir' ? 2 : 1, uid: 0, gid: 0, size: 0, rdev: 0, atimeMs: now, mtimeMs: now, ctimeMs: now };
  }

  private resolve(path: string, syscall: string): [string, Node] {
    let p = path;
    for (let hops = 0; hops < 8; hops++) {
      const n = this.need(p, syscall);
      if (n.kind !== 'link') return [p, n];
      const t = n.target();
      p = t.startsWith('/') ? t : `/proc/${t}`;
      if (!p.startsWith('/proc')) return [p, { kind: 'dir', entries: () => this.base.readdir(p) }];
    }
    throw new FsError('ELOOP', syscall, path);
  }

  stat(path: string, cred?: Cred): Stat {
    if (this.node(path) === undefined) return this.base.stat(path, cred);
    const [p, n] = this.resolve(path, 'stat');
    return p.startsWith('/proc') ? this.statOf(p, n) : this.base.stat(p, cred);
  }

  lstat(path: string, cred?: Cred): Stat {
    const n = this.node(path);
    if (n === undefined) return this.base.lstat(path, cred);
    // A trailing slash asks for the directory a link points to.
    if (path.endsWith('/')) return this.stat(path, cred);
    if (!n) throw new FsError('ENOENT', 'lstat', path);
    return this.statOf(path, n);
  }

  readdir(path: string, cred?: Cred): DirEntry[] {
    if (this.node(path) === undefined) return this.base.readdir(path, cred);
    const [p, n] = this.resolve(path, 'scandir');
    if (!p.startsWith('/proc')) return this.base.readdir(p, cred);
    if (n.kind !== 'dir') throw new FsError('ENOTDIR', 'scandir', path);
    return n.entries().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  readFile(path: string, cred?: Cred): Uint8Array {
    if (this.node(path) === undefined) return this.base.readFile(path, cred);
    const [, n] = this.resolve(path, 'open');
    if (n.kind === 'dir') throw new FsError('EISDIR', 'read', path);
    return encode((n as { content: () => string }).content());
  }

  readlink(path: string, cred?: Cred): string {
    const n = this.node(path);
    if (n === undefined) return this.base.readlink(path, cred);
    if (!n) throw new FsError('ENOENT', 'readlink', path);
    if (n.kind !== 'link') throw new FsError('EINVAL', 'readlink', path);
    return n.target();
  }

  open(path: string, flags: number, mode?: number, cred?: Cred): number {
    if (this.node(path) === undefined) return this.base.open(path, flags, mode, cred);
    if ((flags & 3) !== 0) throw new FsError('EACCES', 'open', path);
    const data = this.readFile(path, cred);
    const fd = this.nextFd++;
    this.files.set(fd, { data, pos: 0 });
    return fd;
  }

  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    const f = this.files.get(fd);
    if (!f) return this.base.read(fd, buffer, offset, length, position);
    const from = position ?? f.pos;
    const chunk = f.data.subarray(from, from + length);
    buffer.set(chunk, offset);
    if (position === null) f.pos += chunk.length;
    return chunk.length;
  }

  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number {
    if (this.files.has(fd)) throw new FsError('EBADF', 'write', String(fd));
    return this.base.write(fd, buffer, offset, length, position);
  }

  close(fd: number): void {
    if (this.files.delete(fd)) return;
    this.base.close(fd);
  }

  private guard(path: string, syscall: string): void {
    if (this.node(path) !== undefined) throw new FsError('EACCES', syscall, path);
  }

  writeFile(path: string, data: Uint8Array, options?: { mode?: number; cred?: Cred }): void {
    this.guard(path, 'open');
    this.base.writeFile(path, data, options);
  }
  mkdir(path: string, mode?: number, cred?: Cred): void {
    this.guard(path, 'mkdir');
    this.base.mkdir(path, mode, cred);
  }
  rmdir(path: string, cred?: Cred): void {
    this.guard(path, 'rmdir');
    this.base.rmdir(path, cred);
  }
  unlink(path: string, cred?: Cred): void {
    this.guard(path, 'unlink');
    this.base.unlink(path, cred);
  }
  rename(from: string, to: string, cred?: Cred): void {
    this.guard(from, 'rename');
    this.guard(to, 'rename');
    this.base.rename(from, to, cred);
  }
  symlink(target: string, path: string, cred?: Cred): void {
    this.guard(path, 'symlink');
    this.base.symlink(target, path, cred);
  }
  link(existing: string, path: string, cred?: Cred): void {
    this.guard(path, 'link');
    this.base.link(existing, path, cred);
  }
  chmod(path: string, mode: number, cred?: Cred): void {
    this.guard(path, 'chmod');
    this.base.chmod(path, mode, cred);
  }
  chown(path: string, uid: number, gid: number, cred?: Cred): void {
    this.guard(path, 'chown');
    this.base.chown(path, uid, gid, cred);
  }
  lchown(path: string, uid: number, gid: number, cred?: Cred): void {
    this.guard(path, 'lchown');
    this.base.lchown(path, uid, gid, cred);
  }
  utimes(path: string, atimeMs: number, mtimeMs: number, cred?: Cred): void {
    this.guard(path, 'utimes');
    this.base.utimes(path, atimeMs, mtimeMs, cred);
  }
  truncate(path: string, length: number, cred?: Cred): void {
    this.guard(path, 'truncate');
    this.base.truncate(path, length, cred);
  }
  mknod(path: string, mode: number, rdev: number, cred?: Cred): void {
    this.guard(path, 'mknod');
    this.base.mknod(path, mode, rdev, cred);
  }
}

/** /proc/<pid>/status, the fields tools read (Name, State, Pid, PPid, Uid, Gid, Umask). */
function status(p: Process): string {
  const { uid, gid } = p.cred;
  return (
    `Name:\t${p.comm}\nUmask:\t${p.umask.toString(8).padStart(4, '0')}\nState:\tS (sleeping)\nTgid:\t${p.pid}\nPid:\t${p.pid}\nPPid:\t${p.ppid}\n` +
    `Uid:\t${uid}\t${uid}\t${uid}\t${uid}\nGid:\t${gid}\t${gid}\t${gid}\t${gid}\nGroups:\t${(p.cred.groups ?? []).join(' ')}${(p.cred.groups ?? []).length ? ' ' : ''}\nThreads:\t1\n`
  );
}
