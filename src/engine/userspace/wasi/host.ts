/**
 * A WASI preview1 host over the container's Vfs: a `*.wasm` file that a
 * process execs (the kernel sees `\0asm`) runs as that process, with its
 * argv, environment, stdio and the container's root preopened as `/`
 * (fd 3), every file operation going through the union mount (so copy-up,
 * whiteouts and `docker diff` show what the program did).
 *
 * Why our own host and not @bjorn3/browser_wasi_shim 0.4.2: the shim keeps
 * its own in-memory `Fd` tree, so we would wrap every directory and file in
 * adapter classes anyway, and the prototype (../shared/reference/userspace.md
 * §E) found bugs on exactly our path: Filestat timestamps written at the
 * wrong offsets, `path_rename` as unlink+link (wrong over a union mount),
 * `path_symlink` unsupported, debug logging on by default. Our Vfs is
 * synchronous like WASI itself, so a direct host is a few hundred lines with
 * no adapters and errno mapping done once.
 *
 * Simplifications (told to the learner in the docs): WASI calls are
 * synchronous while our pipes are not, so stdin is read to its end before
 * the program starts and stdout/stderr reach their descriptors when it
 * exits, in order; `poll_oneoff` clock waits return at once; sockets are
 * not supported (ENOTSUP).
 */
import type { Stat, Vfs } from '../../fs/vfs.ts';
import { O_APPEND, O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { concatBytes, decode, encode } from '../io/text.ts';
import type { Process } from '../process/process.ts';
import { normalizePath } from '../process/process.ts';
import { E, FROM_FS } from './errno.ts';

/** WASI filetype of a Vfs stat. */
function filetype(t: Stat['type']): number {
  return { blockdev: 1, chardev: 2, dir: 3, file: 4, socket: 6, symlink: 7, fifo: 0 }[t];
}

/** Thrown by proc_exit to unwind the module. */
class WasiExit {
  constructor(readonly code: number) {}
}

/** A WASI errno to return from an import. */
class WasiError {
  constructor(readonly errno: number) {}
}

type Entry =
  | { readonly kind: 'stdio'; readonly fd: 0 | 1 | 2 }
  | { readonly kind: 'dir'; readonly path: string; readonly preopen: string | null }
  | { kind: 'file'; readonly path: string; readonly vfsFd: number; pos: number; readonly append: boolean; readonly readable: boolean; readonly writable: boolean };

/** The subset of the WebAssembly JS API the host needs (the engine's lib has no DOM types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, Record<string, unknown>>): Promise<{ instance: WasmInstance }>;
  validate(bytes: Uint8Array): boolean;
}

function wasmApi(): WasmApi {
  return (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
}

const RIGHTS_ALL = 0x1fffffffn;

/**
 * Runs `module` (wasm bytes) as `proc` (whose argv and env the kernel has
 * set) and resolves to its exit status: proc_exit's code, 0 when `_start`
 * returns, 134 on a trap (as wasmtime reports an abort).
 */
export async function runWasi(proc: Process, module: Uint8Array): Promise<number> {
  const api = wasmApi();
  const name = proc.comm;
  if (!api.validate(module)) {
    await proc.write(2, `${name}: not a valid WebAssembly module\n`);
    return 126;
  }
  const stdin = await readStdinToEnd(proc);
  const host = new WasiHost(proc, stdin);
  let instance: WasmInstance;
  try {
    ({ instance } = await api.instantiate(module, { wasi_snapshot_preview1: host.imports() }));
  } catch (e) {
    await proc.write(2, `${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 126;
  }
  host.memory = instance.exports.memory as WasmMemory | undefined;
  const start = instance.exports._start as (() => void) | undefined;
  let status = 0;
  if (typeof start !== 'function') {
    host.output(2, encode(`${name}: the module has no _start export (not a WASI command)\n`));
    status = 126;
  } else {
    try {
      start();
    } catch (e) {
      if (e instanceof WasiExit) status = e.code;
      else {
        host.output(2, encode(`${name}: wasm trap: ${e instanceof Error ? e.message : String(e)}\n`));
        status = 134;
      }
    }
  }
  host.closeAll();
  for (const [fd, bytes] of host.pending) {
    try {
      await proc.write(fd, bytes);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }
  return status & 0xff;
}

/** Reads fd 0 to its end (the buffered stdin of a synchronous program); an unreadable stdin reads as empty. */
export async function readStdinToEnd(proc: Process): Promise<Uint8Array> {
  if (!proc.fds.get(0)) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  for (;;) {
    let chunk;
    try {
      chunk = await proc.read(0);
    } catch (e) {
      if (isFsError(e)) break;
      throw e;
    }
    if (chunk === null) break;
    parts.push(chunk);
  }
  return concatBytes(parts);
}

class WasiHost {
  memory: WasmMemory | undefined;
  /** Output for fds 1 and 2, in order, written when the program exits. */
  readonly pending: [number, Uint8Array][] = [];
  private readonly fds = new Map<number, Entry>();
  private stdinPos = 0;
  private readonly vfs: Vfs;

  constructor(
    private readonly proc: Process,
    private readonly stdin: Uint8Array,
  ) {
    this.vfs = proc.vfs;
    this.fds.set(0, { kind: 'stdio', fd: 0 });
    this.fds.set(1, { kind: 'stdio', fd: 1 });
    this.fds.set(2, { kind: 'stdio', fd: 2 });
    this.fds.set(3, { kind: 'dir', path: '/', preopen: '/' });
  }

  output(fd: number, bytes: Uint8Array): void {
    const last = this.pending[this.pending.length - 1];
    if (last && last[0] === fd) last[1] = concatBytes([last[1], bytes]);
    else this.pending.push([fd, bytes.slice()]);
  }

  closeAll(): void {
    for (const e of this.fds.values()) if (e.kind === 'file') this.vfs.close(e.vfsFd);
    this.fds.clear();
  }

  private get view(): DataView {
    if (!this.memory) throw new WasiError(E.NOSYS);
    return new DataView(this.memory.buffer);
  }

  private get bytes(): Uint8Array {
    if (!this.memory) throw new WasiError(E.NOSYS);
    return new Uint8Array(this.memory.buffer);
  }

  private str(ptr: number, len: number): string {
    return decode(this.bytes.slice(ptr, ptr + len));
  }

  private entry(fd: number): Entry {
    const e = this.fds.get(fd);
    if (!e) throw new WasiError(E.BADF);
    return e;
  }

  /** A path relative to a directory fd, as an absolute path that may not leave the preopen. */
  private resolve(dirfd: number, ptr: number, len: number): string {
    const e = this.entry(dirfd);
    if (e.kind !== 'dir') throw new WasiError(E.NOTDIR);
    const rel = this.str(ptr, len);
    if (rel.startsWith('/')) throw new WasiError(E.NOTCAPABLE);
    return normalizePath(`${e.path}/${rel}`);
  }

  private writeFilestat(ptr: number, st: Stat): void {
    const v = this.view;
    v.setBigUint64(ptr, BigInt(st.dev), true);
    v.setBigUint64(ptr + 8, BigInt(st.ino), true);
    v.setUint8(ptr + 16, filetype(st.type));
    v.setBigUint64(ptr + 24, BigInt(st.nlink), true);
    v.setBigUint64(ptr + 32, BigInt(st.size), true);
    v.setBigUint64(ptr + 40, BigInt(Math.round(st.atimeMs)) * 1_000_000n, true);
    v.setBigUint64(ptr + 48, BigInt(Math.round(st.mtimeMs)) * 1_000_000n, true);
    v.setBigUint64(ptr + 56, BigInt(Math.round(st.ctimeMs)) * 1_000_000n, true);
  }

  /** Calls `f` and turns FsError / WasiError into an errno. */
  private call(f: () => number | void): number {
    try {
      return f() ?? E.SUCCESS;
    } catch (e) {
      if (e instanceof WasiError) return e.errno;
      if (isFsError(e)) return FROM_FS[e.code] ?? E.IO;
      throw e;
    }
  }

  private iovecs(ptr: number, count: number): { buf: number; len: number }[] {
    const v = this.view;
    const out = [];
    for (let i = 0; i < count; i++) out.push({ buf: v.getUint32(ptr + i * 8, true), len: v.getUint32(ptr + i * 8 + 4, true) });
    return out;
  }

  private writeStrings(list: readonly string[], ptrs: number, buf: number): void {
    const v = this.view;
    let at = buf;
    list.forEach((s, i) => {
      const b = encode(`${s}\0`);
      this.bytes.set(b, at);
      v.setUint32(ptrs + i * 4, at, true);
      at += b.length;
    });
  }

  private sizes(list: readonly string[], countPtr: number, sizePtr: number): void {
    this.view.setUint32(countPtr, list.length, true);
    this.view.setUint32(sizePtr, list.reduce((n, s) => n + encode(s).length + 1, 0), true);
  }

  private readInto(e: Entry, iovs: { buf: number; len: number }[], position: number | null): number {
    let total = 0;
    for (const { buf, len } of iovs) {
      let n: number;
      if (e.kind === 'stdio') {
        if (e.fd !== 0) throw new WasiError(E.BADF);
        n = Math.min(len, this.stdin.length - this.stdinPos);
        this.bytes.set(this.stdin.subarray(this.stdinPos, this.stdinPos + n), buf);
        this.stdinPos += n;
      } else if (e.kind === 'file') {
        if (!e.readable) throw new WasiError(E.BADF);
        const tmp = new Uint8Array(len);
        n = this.vfs.read(e.vfsFd, tmp, 0, len, position ?? e.pos);
        this.bytes.set(tmp.subarray(0, n), buf);
        if (position === null) e.pos += n;
        else position += n;
      } else throw new WasiError(E.ISDIR);
      total += n;
      if (n < len) break;
    }
    return total;
  }

  private writeFrom(e: Entry, iovs: { buf: number; len: number }[], position: number | null): number {
    let total = 0;
    for (const { buf, len } of iovs) {
      const data = this.bytes.slice(buf, buf + len);
      if (e.kind === 'stdio') {
        if (e.fd === 0) throw new WasiError(E.BADF);
        this.output(e.fd, data);
      } else if (e.kind === 'file') {
        if (!e.writable) throw new WasiError(E.BADF);
        const at = e.append ? this.vfs.stat(e.path).size : position ?? e.pos;
        this.vfs.write(e.vfsFd, data, 0, len, at);
        if (position === null) e.pos = at + len;
        else position += len;
      } else throw new WasiError(E.ISDIR);
      total += len;
    }
    return total;
  }

  private nextFd(): number {
    let fd = 4;
    while (this.fds.has(fd)) fd++;
    return fd;
  }

  imports(): Record<string, unknown> {
    const cred = this.proc.cred;
    const vfs = this.vfs;
    const u32 = (ptr: number, value: number) => this.view.setUint32(ptr, value, true);
    const u64 = (ptr: number, value: bigint) => this.view.setBigUint64(ptr, value, true);
    const env = this.proc.env;
    const argv = this.proc.argv;
    return {
      args_get: (ptrs: number, buf: number) => this.call(() => this.writeStrings(argv, ptrs, buf)),
      args_sizes_get: (c: number, s: number) => this.call(() => this.sizes(argv, c, s)),
      environ_get: (ptrs: number, buf: number) => this.call(() => this.writeStrings(env, ptrs, buf)),
      environ_sizes_get: (c: number, s: number) => this.call(() => this.sizes(env, c, s)),
      clock_res_get: (_id: number, out: number) => this.call(() => u64(out, 1_000_000n)),
      clock_time_get: (_id: number, _precision: bigint, out: number) => this.call(() => u64(out, BigInt(Math.round(this.proc.kernel.scheduler.now())) * 1_000_000n)),
      random_get: (buf: number, len: number) =>
        this.call(() => {
          const rnd = this.proc.kernel.opts.random;
          const b = this.bytes;
          for (let i = 0; i < len; i++) b[buf + i] = rnd ? rnd() & 0xff : (i * 131 + 7) & 0xff;
        }),
      proc_exit: (code: number) => {
        throw new WasiExit(code);
      },
      proc_raise: () => E.NOSYS,
      sched_yield: () => E.SUCCESS,
      poll_oneoff: (_in: number, _out: number, n: number, nevents: number) => this.call(() => this.pollNow(_in, _out, n, nevents)),
      fd_advise: (fd: number) => this.call(() => void this.entry(fd)),
      fd_allocate: (fd: number) => this.call(() => void this.entry(fd)),
      fd_datasync: (fd: number) => this.call(() => void this.entry(fd)),
      fd_sync: (fd: number) => this.call(() => void this.entry(fd)),
      fd_close: (fd: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind === 'file') vfs.close(e.vfsFd);
          this.fds.delete(fd);
        }),
      fd_fdstat_get: (fd: number, out: number) =>
        this.call(() => {
          const e = this.entry(fd);
          const type = e.kind === 'stdio' ? 2 : e.kind === 'dir' ? 3 : filetype(vfs.stat(e.path).type);
          this.view.setUint8(out, type);
          this.view.setUint16(out + 2, e.kind === 'file' && e.append ? 1 : 0, true);
          u64(out + 8, RIGHTS_ALL);
          u64(out + 16, RIGHTS_ALL);
        }),
      fd_fdstat_set_flags: (fd: number) => this.call(() => void this.entry(fd)),
      fd_fdstat_set_rights: (fd: number) => this.call(() => void this.entry(fd)),
      fd_filestat_get: (fd: number, out: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind === 'stdio') {
            this.bytes.fill(0, out, out + 64);
            this.view.setUint8(out + 16, 2);
            return;
          }
          this.writeFilestat(out, vfs.stat(e.path, cred));
        }),
      fd_filestat_set_size: (fd: number, size: bigint) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind !== 'file') throw new WasiError(E.BADF);
          vfs.truncate(e.path, Number(size), cred);
        }),
      fd_filestat_set_times: (fd: number, atim: bigint, mtim: bigint, flags: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind === 'stdio') return;
          this.setTimes(e.path, atim, mtim, flags);
        }),
      fd_pread: (fd: number, iovs: number, n: number, offset: bigint, out: number) => this.call(() => u32(out, this.readInto(this.entry(fd), this.iovecs(iovs, n), Number(offset)))),
      fd_pwrite: (fd: number, iovs: number, n: number, offset: bigint, out: number) => this.call(() => u32(out, this.writeFrom(this.entry(fd), this.iovecs(iovs, n), Number(offset)))),
      fd_read: (fd: number, iovs: number, n: number, out: number) => this.call(() => u32(out, this.readInto(this.entry(fd), this.iovecs(iovs, n), null))),
      fd_write: (fd: number, iovs: number, n: number, out: number) => this.call(() => u32(out, this.writeFrom(this.entry(fd), this.iovecs(iovs, n), null))),
      fd_prestat_get: (fd: number, out: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind !== 'dir' || e.preopen === null) throw new WasiError(E.BADF);
          this.view.setUint8(out, 0);
          u32(out + 4, encode(e.preopen).length);
        }),
      fd_prestat_dir_name: (fd: number, ptr: number, len: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind !== 'dir' || e.preopen === null) throw new WasiError(E.BADF);
          this.bytes.set(encode(e.preopen).subarray(0, len), ptr);
        }),
      fd_readdir: (fd: number, buf: number, len: number, cookie: bigint, out: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind !== 'dir') throw new WasiError(E.NOTDIR);
          const self = vfs.stat(e.path, cred);
          const parent = vfs.stat(normalizePath(`${e.path}/..`), cred);
          const list = [{ name: '.', ino: self.ino, type: 'dir' as const }, { name: '..', ino: parent.ino, type: 'dir' as const }, ...vfs.readdir(e.path, cred)];
          let used = 0;
          for (let i = Number(cookie); i < list.length && used < len; i++) {
            const d = list[i]!;
            const nameBytes = encode(d.name);
            const rec = new Uint8Array(24 + nameBytes.length);
            const dv = new DataView(rec.buffer);
            dv.setBigUint64(0, BigInt(i + 1), true);
            dv.setBigUint64(8, BigInt(d.ino), true);
            dv.setUint32(16, nameBytes.length, true);
            dv.setUint8(20, filetype(d.type));
            rec.set(nameBytes, 24);
            const n = Math.min(rec.length, len - used);
            this.bytes.set(rec.subarray(0, n), buf + used);
            used += n;
          }
          u32(out, used);
        }),
      fd_renumber: (from: number, to: number) =>
        this.call(() => {
          const e = this.entry(from);
          const old = this.fds.get(to);
          if (!old) throw new WasiError(E.BADF);
          if (old.kind === 'file') vfs.close(old.vfsFd);
          this.fds.set(to, e);
          this.fds.delete(from);
        }),
      fd_seek: (fd: number, offset: bigint, whence: number, out: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind !== 'file') throw new WasiError(e.kind === 'dir' ? E.BADF : E.SPIPE);
          const base = whence === 0 ? 0 : whence === 1 ? e.pos : vfs.stat(e.path).size;
          const pos = base + Number(offset);
          if (pos < 0) throw new WasiError(E.INVAL);
          e.pos = pos;
          u64(out, BigInt(pos));
        }),
      fd_tell: (fd: number, out: number) =>
        this.call(() => {
          const e = this.entry(fd);
          if (e.kind !== 'file') throw new WasiError(E.SPIPE);
          u64(out, BigInt(e.pos));
        }),
      path_create_directory: (fd: number, p: number, l: number) => this.call(() => vfs.mkdir(this.resolve(fd, p, l), 0o777 & ~this.proc.umask, cred)),
      path_filestat_get: (fd: number, flags: number, p: number, l: number, out: number) =>
        this.call(() => {
          const path = this.resolve(fd, p, l);
          this.writeFilestat(out, flags & 1 ? vfs.stat(path, cred) : vfs.lstat(path, cred));
        }),
      path_filestat_set_times: (fd: number, _flags: number, p: number, l: number, atim: bigint, mtim: bigint, fst: number) => this.call(() => this.setTimes(this.resolve(fd, p, l), atim, mtim, fst)),
      path_link: (ofd: number, _flags: number, op: number, ol: number, nfd: number, np: number, nl: number) => this.call(() => vfs.link(this.resolve(ofd, op, ol), this.resolve(nfd, np, nl), cred)),
      path_open: (dirfd: number, lookup: number, p: number, l: number, oflags: number, rights: bigint, _inh: bigint, fdflags: number, out: number) =>
        this.call(() => {
          const path = this.resolve(dirfd, p, l);
          const wantWrite = (rights & 0x40n) !== 0n || (rights & 0x400000n) !== 0n || (oflags & 8) !== 0;
          const wantRead = (rights & 0x2n) !== 0n || !wantWrite;
          let st: Stat | null = null;
          try {
            st = lookup & 1 ? vfs.stat(path, cred) : vfs.lstat(path, cred);
          } catch (e) {
            if (!isFsError(e, 'ENOENT') || !(oflags & 1)) throw e;
          }
          if (st && oflags & 1 && oflags & 4) throw new WasiError(E.EXIST);
          if (oflags & 2 && st && st.type !== 'dir') throw new WasiError(E.NOTDIR);
          const fd = this.nextFd();
          if (st?.type === 'dir') {
            if (wantWrite && (oflags & 8) !== 0) throw new WasiError(E.ISDIR);
            vfs.readdir(path, cred);
            this.fds.set(fd, { kind: 'dir', path, preopen: null });
          } else {
            if (oflags & 2) throw new WasiError(E.NOTDIR);
            let flags = wantWrite ? (wantRead ? O_RDWR : O_WRONLY) : O_RDONLY;
            if (oflags & 1) flags |= O_CREAT;
            if (oflags & 4) flags |= O_EXCL;
            if (oflags & 8) flags |= O_TRUNC;
            if (fdflags & 1) flags |= O_APPEND;
            if (!(lookup & 1)) flags |= O_NOFOLLOW;
            const vfsFd = vfs.open(path, flags & ~O_DIRECTORY, 0o666 & ~this.proc.umask, cred);
            this.fds.set(fd, { kind: 'file', path, vfsFd, pos: 0, append: (fdflags & 1) !== 0, readable: wantRead || (flags & 3) === O_RDWR, writable: wantWrite });
          }
          u32(out, fd);
        }),
      path_readlink: (fd: number, p: number, l: number, buf: number, len: number, out: number) =>
        this.call(() => {
          const target = encode(vfs.readlink(this.resolve(fd, p, l), cred)).subarray(0, len);
          this.bytes.set(target, buf);
          u32(out, target.length);
        }),
      path_remove_directory: (fd: number, p: number, l: number) => this.call(() => vfs.rmdir(this.resolve(fd, p, l), cred)),
      path_rename: (ofd: number, op: number, ol: number, nfd: number, np: number, nl: number) => this.call(() => vfs.rename(this.resolve(ofd, op, ol), this.resolve(nfd, np, nl), cred)),
      path_symlink: (op: number, ol: number, fd: number, np: number, nl: number) => this.call(() => vfs.symlink(this.str(op, ol), this.resolve(fd, np, nl), cred)),
      path_unlink_file: (fd: number, p: number, l: number) =>
        this.call(() => {
          const path = this.resolve(fd, p, l);
          if (vfs.lstat(path, cred).type === 'dir') throw new WasiError(E.ISDIR);
          vfs.unlink(path, cred);
        }),
      sock_accept: () => E.NOTSUP,
      sock_recv: () => E.NOTSUP,
      sock_send: () => E.NOTSUP,
      sock_shutdown: () => E.NOTSUP,
    };
  }

  private setTimes(path: string, atim: bigint, mtim: bigint, flags: number): void {
    const st = this.vfs.stat(path, this.proc.cred);
    const now = this.proc.kernel.scheduler.now();
    const a = flags & 2 ? now : flags & 1 ? Number(atim / 1_000_000n) : st.atimeMs;
    const m = flags & 8 ? now : flags & 4 ? Number(mtim / 1_000_000n) : st.mtimeMs;
    this.vfs.utimes(path, a, m, this.proc.cred);
  }

  /** poll_oneoff without blocking: clocks fire at once, fd reads are ready (stdin is buffered). */
  private pollNow(inPtr: number, outPtr: number, n: number, neventsPtr: number): void {
    const v = this.view;
    for (let i = 0; i < n; i++) {
      const sub = inPtr + i * 48;
      const ev = outPtr + i * 32;
      v.setBigUint64(ev, v.getBigUint64(sub, true), true);
      v.setUint16(ev + 8, 0, true);
      v.setUint8(ev + 10, v.getUint8(sub + 8));
      v.setBigUint64(ev + 16, 0n, true);
    }
    v.setUint32(neventsPtr, n, true);
  }
}
