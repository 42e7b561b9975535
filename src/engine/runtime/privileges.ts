/**
 * What `--privileged` and `--cap-add`/`--cap-drop` change for a container.
 * A privileged container gets every host device in its /dev (the host's
 * disk `sda`, `mem`, `kmsg`, the terminals, …) and every capability, which
 * is why it can mount the host's disk and why Docker's docs warn against it;
 * a plain container's /dev holds only the harmless devices.
 *
 * Simplification: the capability sets are recorded and shown (inspect,
 * /proc/<pid>/status is not affected); only `--privileged` changes what a
 * process can do (its devices, dmesg).
 */
import type { HostConfigInput } from '../../api/containers.ts';
import type { Clock } from '../deps.ts';
import { MemFs } from '../fs/mem-fs.ts';
import { S_IFBLK, S_IFCHR } from '../fs/vfs.ts';
import type { Container } from './container.ts';
import type { MountEntry } from './mount-vfs.ts';

/** The privilege fields of a create request, as the container keeps them. */
export function privileges(h: HostConfigInput | undefined): { Privileged?: boolean; CapAdd?: readonly string[]; CapDrop?: readonly string[] } {
  return {
    ...(h?.Privileged ? { Privileged: true } : {}),
    ...(h?.CapAdd?.length ? { CapAdd: [...h.CapAdd] } : {}),
    ...(h?.CapDrop?.length ? { CapDrop: [...h.CapDrop] } : {}),
  };
}

/** [name, type, major, minor] of the devices runc gives every container. */
const DEFAULT_DEVICES: readonly (readonly [string, 'c' | 'b', number, number])[] = [
  ['console', 'c', 136, 0],
  ['full', 'c', 1, 7],
  ['null', 'c', 1, 3],
  ['ptmx', 'c', 5, 2],
  ['random', 'c', 1, 8],
  ['tty', 'c', 5, 0],
  ['urandom', 'c', 1, 9],
  ['zero', 'c', 1, 5],
];

/** The host's devices a privileged container sees besides those. */
const HOST_DEVICES: readonly (readonly [string, 'c' | 'b', number, number])[] = [
  ['autofs', 'c', 10, 235],
  ['cpu_dma_latency', 'c', 10, 62],
  ['fuse', 'c', 10, 229],
  ['kmsg', 'c', 1, 11],
  ['loop0', 'b', 7, 0],
  ['loop1', 'b', 7, 1],
  ['loop-control', 'c', 10, 237],
  ['mem', 'c', 1, 1],
  ['port', 'c', 1, 4],
  ['rtc0', 'c', 249, 0],
  ['sda', 'b', 8, 0],
  ['sda1', 'b', 8, 1],
  ['sda14', 'b', 8, 14],
  ['sda15', 'b', 8, 15],
  ['sg0', 'c', 21, 0],
  ['tty0', 'c', 4, 0],
  ['tty1', 'c', 4, 1],
  ['ttyS0', 'c', 4, 64],
  ['vcs', 'c', 7, 0],
  ['vda', 'b', 252, 0],
];

/** /dev for a privileged container (a devtmpfs with the host's devices); none for the others. */
export function deviceMounts(c: Container, clock: Clock): MountEntry[] {
  if (!c.hostConfig.Privileged) return [];
  const fs = new MemFs({ clock });
  for (const d of ['/pts', '/shm', '/mqueue']) fs.mkdir(d, d === '/shm' ? 0o1777 : 0o755);
  for (const [name, type, major, minor] of [...DEFAULT_DEVICES, ...HOST_DEVICES]) {
    fs.mknod(`/${name}`, (type === 'c' ? S_IFCHR : S_IFBLK) | 0o660, (major << 8) | minor);
    fs.chmod(`/${name}`, ['null', 'zero', 'full', 'random', 'urandom', 'tty', 'ptmx'].includes(name) ? 0o666 : 0o660);
  }
  for (const [name, target] of [['fd', '/proc/self/fd'], ['stdin', '/proc/self/fd/0'], ['stdout', '/proc/self/fd/1'], ['stderr', '/proc/self/fd/2'], ['core', '/proc/kcore']] as const) fs.symlink(target, `/${name}`);
  return [{ path: '/dev', fs, readOnly: false }];
}
