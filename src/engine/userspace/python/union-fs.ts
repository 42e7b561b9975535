/**
 * An Emscripten file-system backend over the container's Vfs, so MicroPython's
 * `open`, `os.listdir`, `os.mkdir`, imports, … reach the union mount with
 * the process's credentials: copy-up, whiteouts and `docker diff` show what
 * a Python program did. The container's root replaces Emscripten's MEMFS
 * root once the interpreter has opened its standard streams.
 *
 * Node and stream operations follow Emscripten's FS contract (as MEMFS and
 * NODEFS implement it): `lookup` creates nodes on demand, errors are
 * `FS.ErrnoError(errno)` with WASI errno values.
 */
import type { Cred, Stat, Vfs } from '../../fs/vfs.ts';
import { O_ACCMODE } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { E, FROM_FS } from '../wasi/errno.ts';

/** What we use of Emscripten's FS (node objects are Emscripten's FSNode). */
export interface EmscriptenFS {
  ErrnoError: new (errno: number) => Error;
  createNode(parent: EmNode | null, name: string, mode: number, dev: number): EmNode;
  mount(type: unknown, opts: unknown, mountpoint: string): EmNode;
  mkdir(path: string, mode?: number): unknown;
  symlink(target: string, path: string): unknown;
  chdir(path: string): void;
  readdir(path: string): string[];
  isDir(mode: number): boolean;
  isFile(mode: number): boolean;
  ignorePermissions: boolean;
  root: EmNode;
}

export interface EmNode {
  upath: string;
  mode: number;
  name: string;
  parent: EmNode;
  node_ops: unknown;
  stream_ops: unknown;
}

interface EmStream {
  node: EmNode;
  flags: number;
  position: number;
  vfsFd?: number;
}

/** Makes `vfs` (seen as `cred`) the root of Emscripten's file system. */
export function mountUnion(FS: EmscriptenFS, vfs: Vfs, cred: Cred): void {
  const fail = (e: unknown): never => {
    if (isFsError(e)) throw new FS.ErrnoError(FROM_FS[e.code] ?? E.IO);
    throw e;
  };
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      return fail(e);
    }
  };
  const attr = (st: Stat) => ({
    dev: st.dev, ino: st.ino, mode: st.mode, nlink: st.nlink, uid: st.uid, gid: st.gid, rdev: st.rdev, size: st.size,
    atime: new Date(st.atimeMs), mtime: new Date(st.mtimeMs), ctime: new Date(st.ctimeMs), blksize: 4096, blocks: Math.ceil(st.size / 512),
  });
  const child = (parent: EmNode, name: string) => (parent.upath === '/' ? `/${name}` : `${parent.upath}/${name}`);
  const make = (parent: EmNode | null, name: string, mode: number, upath: string): EmNode => {
    const node = FS.createNode(parent, name, mode, 0);
    node.upath = upath;
    node.node_ops = nodeOps;
    node.stream_ops = streamOps;
    return node;
  };
  const nodeOps = {
    getattr: (node: EmNode) => guard(() => attr(vfs.lstat(node.upath, cred))),
    setattr: (node: EmNode, a: { mode?: number; size?: number; atime?: number | Date; mtime?: number | Date }) =>
      guard(() => {
        if (a.mode !== undefined) {
          vfs.chmod(node.upath, a.mode & 0o7777, cred);
          node.mode = a.mode;
        }
        if (a.size !== undefined) vfs.truncate(node.upath, a.size, cred);
        if (a.atime !== undefined || a.mtime !== undefined) {
          const st = vfs.stat(node.upath, cred);
          const ms = (t: number | Date | undefined, d: number) => (t === undefined ? d : typeof t === 'number' ? t : t.getTime());
          vfs.utimes(node.upath, ms(a.atime, st.atimeMs), ms(a.mtime, st.mtimeMs), cred);
        }
      }),
    lookup: (parent: EmNode, name: string) => {
      const upath = child(parent, name);
      const st = guard(() => vfs.lstat(upath, cred));
      return make(parent, name, st.mode, upath);
    },
    mknod: (parent: EmNode, name: string, mode: number) => {
      const upath = child(parent, name);
      guard(() => (FS.isDir(mode) ? vfs.mkdir(upath, mode & 0o7777, cred) : vfs.writeFile(upath, new Uint8Array(0), { mode: mode & 0o7777, cred })));
      return make(parent, name, guard(() => vfs.lstat(upath, cred)).mode, upath);
    },
    rename: (node: EmNode, dir: EmNode, name: string) => {
      const to = child(dir, name);
      guard(() => vfs.rename(node.upath, to, cred));
      node.upath = to;
    },
    unlink: (parent: EmNode, name: string) => guard(() => vfs.unlink(child(parent, name), cred)),
    rmdir: (parent: EmNode, name: string) => guard(() => vfs.rmdir(child(parent, name), cred)),
    readdir: (node: EmNode) => ['.', '..', ...guard(() => vfs.readdir(node.upath, cred)).map((d) => d.name)],
    symlink: (parent: EmNode, name: string, target: string) => {
      const upath = child(parent, name);
      guard(() => vfs.symlink(target, upath, cred));
      return make(parent, name, guard(() => vfs.lstat(upath, cred)).mode, upath);
    },
    readlink: (node: EmNode) => guard(() => vfs.readlink(node.upath, cred)),
  };
  const u8 = (b: Uint8Array | Int8Array) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const streamOps = {
    open: (stream: EmStream) => {
      if (FS.isFile(stream.node.mode)) stream.vfsFd = guard(() => vfs.open(stream.node.upath, stream.flags & O_ACCMODE, 0o666, cred));
    },
    close: (stream: EmStream) => {
      if (stream.vfsFd !== undefined) vfs.close(stream.vfsFd);
    },
    read: (stream: EmStream, buffer: Int8Array, offset: number, length: number, position: number) =>
      guard(() => vfs.read(stream.vfsFd!, u8(buffer), offset, length, position)),
    write: (stream: EmStream, buffer: Int8Array, offset: number, length: number, position: number) =>
      guard(() => vfs.write(stream.vfsFd!, u8(buffer), offset, length, position)),
    llseek: (stream: EmStream, offset: number, whence: number) => {
      let pos = offset;
      if (whence === 1) pos += stream.position;
      else if (whence === 2 && FS.isFile(stream.node.mode)) pos += guard(() => vfs.stat(stream.node.upath, cred)).size;
      if (pos < 0) throw new FS.ErrnoError(E.INVAL);
      return pos;
    },
  };
  const UNIONFS = { mount: (m: { opts: { root: string } }) => make(null, '/', guard(() => vfs.stat(m.opts.root, cred)).mode, m.opts.root) };
  FS.ignorePermissions = true;
  // The container's root becomes Emscripten's root (FS.mount refuses a second root mount, so this
  // does by hand what FS.mount does for the first one). The standard streams stay open on
  // Emscripten's TTY devices, which were opened before the switch.
  const mount = { type: UNIONFS, opts: { root: '/' }, mountpoint: '/', mounts: [] as unknown[] };
  const root = UNIONFS.mount(mount) as EmNode & { mount?: unknown };
  root.mount = mount;
  (mount as { root?: EmNode }).root = root;
  FS.root = root;
}
