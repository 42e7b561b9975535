/**
 * The kernel side of the oracle: lower layers materialised as directories
 * (whiteouts as chardev 0/0 via mknod, opaque dirs via setfattr), a real
 * `mount -t overlay` with Docker's overlay2 feature set (index, redirect_dir,
 * metacopy and xino off), and node:fs calls against the merged directory.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LayerEntry } from '../../../src/engine/fs/changes.ts';
import type { Driver, DriverFor } from './apply.ts';
import type { TreeReader } from './tree.ts';

export interface KernelMount {
  readonly merged: string;
  readonly upper: string;
  readonly lowers: readonly string[];
  unmount(): void;
}

export const MOUNT_OPTIONS = 'index=off,redirect_dir=off,metacopy=off,xino=off';

/** Whether this process can run the kernel oracle, and why not. */
export function kernelOracleAvailable(): { ok: boolean; why: string } {
  if (process.platform !== 'linux') return { ok: false, why: 'not Linux' };
  if (process.getuid?.() !== 0) return { ok: false, why: 'needs root for mount -t overlay' };
  if (!fs.readFileSync('/proc/filesystems', 'utf8').includes('overlay')) return { ok: false, why: 'kernel has no overlay filesystem' };
  for (const tool of ['mount', 'umount', 'mknod', 'setfattr', 'getfattr']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return { ok: false, why: `${tool} not installed (apt-get install attr)` };
  }
  return probeMount();
}

/** Root in a container without CAP_SYS_ADMIN cannot mount: try once, on a throwaway tmpfs with an overlay inside. */
function probeMount(): { ok: boolean; why: string } {
  const dir = fs.mkdtempSync(join(tmpdir(), 'layerlab-probe-'));
  try {
    mountScratch(dir);
  } catch {
    fs.rmdirSync(dir);
    return { ok: false, why: 'mount is not permitted here (a container without CAP_SYS_ADMIN?)' };
  }
  try {
    mountKernel(join(dir, 'x'), [[]]).unmount();
    return { ok: true, why: '' };
  } catch (err) {
    return { ok: false, why: `mount -t overlay failed: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    unmountScratch(dir);
    fs.rmdirSync(dir);
  }
}

/**
 * A scratch tmpfs at `dir` for the layer dirs, upper and work: overlayfs
 * works on it like on ext4, and creating and deleting thousands of small
 * trees costs microseconds instead of a disk's milliseconds.
 */
export function mountScratch(dir: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512m,mode=0755', 'layerlab-oracle', dir]);
}

export function unmountScratch(dir: string): void {
  execFileSync('umount', [dir]);
}

/** Writes one layer's entries into `dir`, returning shell commands for what node:fs cannot do. */
export function materialize(dir: string, entries: readonly LayerEntry[], script: string[]): void {
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  const dirs: LayerEntry[] = [];
  for (const e of entries) {
    const p = join(dir, e.path);
    switch (e.kind) {
      case 'dir':
        fs.mkdirSync(p);
        dirs.push(e);
        break;
      case 'file':
        fs.writeFileSync(p, e.data ?? new Uint8Array());
        fs.chownSync(p, e.uid, e.gid);
        fs.chmodSync(p, e.mode);
        break;
      case 'symlink':
        fs.symlinkSync(e.target!, p);
        fs.lchownSync(p, e.uid, e.gid);
        break;
      case 'hardlink':
        fs.linkSync(join(dir, e.target!), p);
        break;
      case 'whiteout':
        script.push(`mknod '${p}' c 0 0`);
        break;
      // No fifos: opening one blocks the (synchronous) kernel side until a peer appears.
      case 'opaque':
        script.push(`setfattr -n trusted.overlay.opaque -v y '${p}'`);
        break;
      default:
        throw new Error(`unsupported entry ${e.kind}`);
    }
  }
  // Directory metadata last (deepest first), so restrictive modes do not block filling them.
  for (const e of dirs.reverse()) {
    const p = join(dir, e.path);
    fs.chownSync(p, e.uid, e.gid);
    fs.chmodSync(p, e.mode);
  }
}

export function mountKernel(root: string, layers: readonly (readonly LayerEntry[])[]): KernelMount {
  if (!fs.existsSync(root)) fs.mkdirSync(root, { mode: 0o755 });
  const lowers = layers.map((_, i) => join(root, `l${i}`));
  const script: string[] = [];
  layers.forEach((entries, i) => materialize(lowers[i]!, entries, script));
  if (script.length > 0) execFileSync('sh', ['-ec', script.join('\n')]);
  const upper = join(root, 'upper');
  const work = join(root, 'work');
  const merged = join(root, 'merged');
  for (const d of [upper, work, merged]) fs.mkdirSync(d, { mode: 0o755 });
  fs.chmodSync(upper, 0o755);
  // overlayfs lists lowerdir top first.
  const lowerdir = [...lowers].reverse().join(':');
  execFileSync('mount', ['-t', 'overlay', 'overlay', '-o', `lowerdir=${lowerdir},upperdir=${upper},workdir=${work},${MOUNT_OPTIONS}`, merged]);
  return {
    merged,
    upper,
    lowers,
    unmount: () => execFileSync('umount', [merged]),
  };
}

/**
 * node:fs against the merged dir as `uid` (gid = uid, groups = [gid]): the
 * effective ids are switched around each call, so the kernel checks
 * permissions exactly as for an unprivileged process.
 */
export function kernelDriver(merged: string): DriverFor {
  const root = rootDriver(merged);
  return (uid) => (uid === 0 ? root : asUser(root, uid));
}

function asUser(d: Driver, uid: number): Driver {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(d) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      const groups = process.getgroups!();
      process.setgroups!([uid]);
      process.setegid!(uid);
      process.seteuid!(uid);
      try {
        return fn(...args);
      } finally {
        process.seteuid!(0);
        process.setegid!(0);
        process.setgroups!(groups);
      }
    };
  }
  return wrapped as unknown as Driver;
}

function rootDriver(merged: string): Driver {
  const p = (path: string) => merged + path;
  return {
    mkdir: (path, mode) => fs.mkdirSync(p(path), { mode }),
    writeFile: (path, data, mode) => fs.writeFileSync(p(path), data, { mode }),
    appendFile: (path, data) => fs.appendFileSync(p(path), data),
    truncate: (path, len) => fs.truncateSync(p(path), len),
    chmod: (path, mode) => fs.chmodSync(p(path), mode),
    chown: (path, uid, gid) => fs.chownSync(p(path), uid, gid),
    lchown: (path, uid, gid) => fs.lchownSync(p(path), uid, gid),
    create: (path, data, mode) => fs.writeFileSync(p(path), data, { mode, flag: 'wx' }),
    symlink: (target, path) => fs.symlinkSync(target, p(path)),
    link: (from, path) => fs.linkSync(p(from), p(path)),
    unlink: (path) => fs.unlinkSync(p(path)),
    rmdir: (path) => fs.rmdirSync(p(path)),
    rename: (from, to) => fs.renameSync(p(from), p(to)),
    readFile: (path) => fs.readFileSync(p(path)),
    readAcrossWrite: (path, data) => {
      const fd = fs.openSync(p(path), 'r');
      try {
        fs.writeFileSync(p(path), data);
        const buf = Buffer.alloc(256);
        return buf.subarray(0, fs.readSync(fd, buf, 0, 256, 0));
      } finally {
        fs.closeSync(fd);
      }
    },
    isDir: (path) => fs.lstatSync(p(path)).isDirectory(),
    readdir: (path) => fs.readdirSync(p(path)),
  };
}

function typeOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'dir';
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFile()) return 'file';
  if (st.isCharacterDevice()) return 'chardev';
  if (st.isBlockDevice()) return 'blockdev';
  if (st.isFIFO()) return 'fifo';
  return 'socket';
}

/**
 * Directories under `root` carrying trusted.overlay.opaque=y, with one
 * getfattr call for the whole tree (it exits 1 when some files lack the
 * attribute, which is the normal case, so only its output counts).
 */
function opaqueDirs(root: string): Set<string> {
  const res = spawnSync('getfattr', ['-R', '-h', '-n', 'trusted.overlay.opaque', '--absolute-names', '-e', 'text', root], {
    encoding: 'utf8',
  });
  if (res.error) throw res.error;
  const set = new Set<string>();
  let file = '';
  for (const line of res.stdout.split('\n')) {
    if (line.startsWith('# file: ')) file = line.slice(8);
    else if (line === 'trusted.overlay.opaque="y"') set.add(file.slice(root.length) || '/');
  }
  return set;
}

/** Reads a real directory tree (merged or upper) for `listTree`. */
export function kernelReader(root: string, withXattrs: boolean): TreeReader {
  let opaque: Set<string> | undefined;
  const p = (path: string) => (path === '/' ? root : root + path);
  return {
    lstat: (path) => {
      const st = fs.lstatSync(p(path));
      return { type: typeOf(st), mode: st.mode, uid: st.uid, gid: st.gid, rdev: st.rdev, nlink: st.nlink };
    },
    readdir: (path) => fs.readdirSync(p(path)),
    readlink: (path) => fs.readlinkSync(p(path)),
    readFile: (path) => fs.readFileSync(p(path)),
    isOpaque: (path) => {
      if (!withXattrs) return false;
      opaque ??= opaqueDirs(root);
      return opaque.has(path);
    },
  };
}

