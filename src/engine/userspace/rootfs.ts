import type { Vfs } from '../fs/vfs.ts';
import { S_IFCHR } from '../fs/vfs.ts';
import { isFsError } from '../fs/errors.ts';
import { busyboxBinary } from './process/binfmt.ts';
import { encode } from './io/text.ts';

/** Where BusyBox's installer puts links for the applets we know of (`busybox --install -s`). */
const SBIN = new Set(['chroot', 'ifconfig', 'route', 'sysctl', 'adduser', 'addgroup', 'deluser', 'delgroup', 'chpasswd', 'nologin', 'init', 'halt', 'reboot', 'poweroff']);

function ensureDir(vfs: Vfs, path: string, mode = 0o755): void {
  try {
    vfs.mkdir(path, mode);
  } catch (e) {
    if (!isFsError(e, 'EEXIST')) throw e;
  }
}

function writeIfMissing(vfs: Vfs, path: string, text: string, mode = 0o644): void {
  try {
    vfs.lstat(path);
  } catch {
    vfs.writeFile(path, encode(text), { mode });
  }
}

/**
 * A minimal BusyBox root file system (what an `alpine`/`busybox` image gives
 * the userspace): /bin/busybox with a symlink per applet, /etc/passwd and
 * /etc/group with root, and the usual top-level directories.
 */
export function installBusybox(vfs: Vfs, applets: readonly string[]): void {
  for (const d of ['/bin', '/sbin', '/usr', '/usr/bin', '/usr/sbin', '/etc', '/root', '/tmp', '/dev', '/proc', '/home', '/var']) ensureDir(vfs, d, d === '/tmp' ? 0o1777 : d === '/root' ? 0o700 : 0o755);
  vfs.chmod('/tmp', 0o1777);
  vfs.writeFile('/bin/busybox', busyboxBinary(), { mode: 0o755 });
  vfs.chmod('/bin/busybox', 0o755);
  for (const a of applets) {
    if (a === '[' || a === 'busybox') continue;
    const dir = SBIN.has(a) ? '/sbin' : '/bin';
    try {
      vfs.symlink('/bin/busybox', `${dir}/${a}`);
    } catch (e) {
      if (!isFsError(e, 'EEXIST')) throw e;
    }
  }
  try {
    vfs.symlink('/bin/busybox', '/usr/bin/[');
  } catch (e) {
    if (!isFsError(e, 'EEXIST')) throw e;
  }
  writeIfMissing(vfs, '/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n');
  writeIfMissing(vfs, '/etc/group', 'root:x:0:root\nnogroup:x:65534:\n');
  writeIfMissing(vfs, '/etc/hostname', 'localhost\n');
  // Device nodes (opened by path in io/open-path.ts; listed here so `ls -l /dev` shows them).
  for (const [name, major, minor] of [['null', 1, 3], ['zero', 1, 5], ['full', 1, 7], ['random', 1, 8], ['urandom', 1, 9], ['tty', 5, 0]] as const) {
    try {
      vfs.mknod(`/dev/${name}`, S_IFCHR | 0o666, (major << 8) | minor);
    } catch (e) {
      if (!isFsError(e, 'EEXIST')) throw e;
    }
    vfs.chmod(`/dev/${name}`, 0o666);
  }
}
