/** Layerlab's side of the oracle: the same drivers and readers over a UnionMount and its upper MemFs. */
import { ManualClock } from '../../../src/engine/deps.ts';
import type { LayerEntry } from '../../../src/engine/fs/changes.ts';
import type { MemFs } from '../../../src/engine/fs/mem-fs.ts';
import { O_APPEND, O_CREAT, O_WRONLY } from '../../../src/engine/fs/vfs.ts';
import type { Vfs } from '../../../src/engine/fs/vfs.ts';
import { buildView } from '../../../src/engine/snapshots/lower-view.ts';
import { OPAQUE_XATTR } from '../../../src/engine/snapshots/overlay-xattrs.ts';
import { UnionMount } from '../../../src/engine/snapshots/union-mount.ts';
import type { Driver } from './apply.ts';
import type { TreeReader } from './tree.ts';

export function mountModel(layers: readonly (readonly LayerEntry[])[]): UnionMount {
  return new UnionMount({ lower: buildView(layers), clock: new ManualClock() });
}

export function modelDriver(fs: Vfs): Driver {
  return {
    mkdir: (path, mode) => fs.mkdir(path, mode),
    writeFile: (path, data, mode) => fs.writeFile(path, data, { mode }),
    appendFile: (path, data) => {
      const fd = fs.open(path, O_WRONLY | O_APPEND | O_CREAT, 0o666);
      try {
        fs.write(fd, data, 0, data.length, null);
      } finally {
        fs.close(fd);
      }
    },
    truncate: (path, len) => fs.truncate(path, len),
    chmod: (path, mode) => fs.chmod(path, mode),
    chown: (path, uid, gid) => fs.chown(path, uid, gid),
    symlink: (target, path) => fs.symlink(target, path),
    link: (from, path) => fs.link(from, path),
    unlink: (path) => fs.unlink(path),
    rmdir: (path) => fs.rmdir(path),
    rename: (from, to) => fs.rename(from, to),
    readFile: (path) => fs.readFile(path),
    isDir: (path) => fs.lstat(path).type === 'dir',
    readdir: (path) => fs.readdir(path).map((e) => e.name),
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
