/** Layerlab's side of the oracle: the same drivers and readers over a UnionMount and its upper MemFs. */
import { ManualClock } from '../../../src/engine/deps.ts';
import type { LayerEntry } from '../../../src/engine/fs/changes.ts';
import { MemFs as MemFsImpl } from '../../../src/engine/fs/mem-fs.ts';
import type { MemFs } from '../../../src/engine/fs/mem-fs.ts';
import { O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_WRONLY, ROOT_CRED } from '../../../src/engine/fs/vfs.ts';
import type { Cred, Vfs } from '../../../src/engine/fs/vfs.ts';
import { buildView } from '../../../src/engine/snapshots/lower-view.ts';
import { OPAQUE_XATTR } from '../../../src/engine/snapshots/overlay-xattrs.ts';
import { UnionMount } from '../../../src/engine/snapshots/union-mount.ts';
import type { Driver, DriverFor } from './apply.ts';
import type { TreeReader } from './tree.ts';

export function mountModel(layers: readonly (readonly LayerEntry[])[]): UnionMount {
  return new UnionMount({ lower: buildView(layers), clock: new ManualClock() });
}

/** The union mount acting as `uid` (gid = uid, groups = [gid], umask 022). */
export function modelDriver(fs: Vfs): DriverFor {
  const cache = new Map<number, Driver>();
  return (uid) => {
    let d = cache.get(uid);
    if (!d) cache.set(uid, (d = credDriver(fs, uid === 0 ? ROOT_CRED : { uid, gid: uid, groups: [uid], umask: 0o022 })));
    return d;
  };
}

function credDriver(fs: Vfs, cred: Cred): Driver {
  return {
    mkdir: (path, mode) => fs.mkdir(path, mode, cred),
    writeFile: (path, data, mode) => fs.writeFile(path, data, { mode, cred }),
    appendFile: (path, data) => {
      const fd = fs.open(path, O_WRONLY | O_APPEND | O_CREAT, 0o666, cred);
      try {
        fs.write(fd, data, 0, data.length, null);
      } finally {
        fs.close(fd);
      }
    },
    truncate: (path, len) => fs.truncate(path, len, cred),
    chmod: (path, mode) => fs.chmod(path, mode, cred),
    chown: (path, uid, gid) => fs.chown(path, uid, gid, cred),
    lchown: (path, uid, gid) => fs.lchown(path, uid, gid, cred),
    create: (path, data, mode) => {
      const fd = fs.open(path, O_WRONLY | O_CREAT | O_EXCL, mode, cred);
      try {
        fs.write(fd, data, 0, data.length, null);
      } finally {
        fs.close(fd);
      }
    },
    symlink: (target, path) => fs.symlink(target, path, cred),
    link: (from, path) => fs.link(from, path, cred),
    unlink: (path) => fs.unlink(path, cred),
    rmdir: (path) => fs.rmdir(path, cred),
    rename: (from, to) => fs.rename(from, to, cred),
    readFile: (path) => fs.readFile(path, cred),
    readAcrossWrite: (path, data) => {
      const fd = fs.open(path, O_RDONLY, 0, cred);
      try {
        fs.writeFile(path, data, { cred });
        const buf = new Uint8Array(256);
        return buf.subarray(0, fs.read(fd, buf, 0, 256, 0));
      } finally {
        fs.close(fd);
      }
    },
    isDir: (path) => fs.lstat(path, cred).type === 'dir',
    readdir: (path) => fs.readdir(path, cred).map((e) => e.name),
  };
}

export function modelReader(fs: Vfs, upper?: MemFs): TreeReader {
  return {
    lstat: (path) => fs.lstat(path),
    readdir: (path) => fs.readdir(path).map((e) => e.name),
    readlink: (path) => fs.readlink(path),
    readFile: (path) => fs.readFile(path),
    isOpaque: (path) => upper?.getxattr(path, OPAQUE_XATTR)?.[0] === 0x79,
  };
}

/** A MemFs holding one layer's entries (no whiteouts), as a plain directory would after extraction. */
export function memFsOf(entries: readonly LayerEntry[]): MemFs {
  const fs = new MemFsImpl({ clock: new ManualClock() });
  const dirs: LayerEntry[] = [];
  for (const e of entries) {
    const p = `/${e.path}`;
    if (e.kind === 'dir') {
      fs.mkdir(p, 0o700);
      dirs.push(e);
    } else if (e.kind === 'file') {
      fs.writeFile(p, e.data ?? new Uint8Array(), { mode: 0o600 });
      fs.chown(p, e.uid, e.gid);
      fs.chmod(p, e.mode);
    } else if (e.kind === 'symlink') {
      fs.symlink(e.target!, p);
      fs.lchown(p, e.uid, e.gid);
    } else if (e.kind === 'hardlink') fs.link(`/${e.target}`, p);
    else throw new Error(`unsupported entry ${e.kind}`);
  }
  for (const e of dirs.reverse()) {
    fs.chown(`/${e.path}`, e.uid, e.gid);
    fs.chmod(`/${e.path}`, e.mode);
  }
  return fs;
}
