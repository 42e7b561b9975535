/**
 * A container's mounts, as dockerd resolves them at create: `-v name:/path`
 * (a named volume, created if missing), `-v /path` and the image's VOLUME
 * paths (anonymous volumes), `--mount type=volume|bind|tmpfs`,
 * `--volumes-from`. An empty volume is filled from the image's content at
 * the mount point (unless `volume-nocopy`), as dockerd does on first mount.
 *
 * Simplification: Layerlab has no host file system under the engine, so a
 * bind mount of a host path is refused with a note (use a named volume or
 * `docker cp`).
 */
import type { ContainerCreateOptions, MountPoint, MountSpec } from '../../api/containers.ts';
import { EngineError } from '../../api/errors.ts';
import { isFsError } from '../fs/errors.ts';
import { MemFs } from '../fs/mem-fs.ts';
import type { Vfs } from '../fs/vfs.ts';
import type { Clock } from '../deps.ts';
import { normalizePath } from '../userspace/process/process.ts';
import type { Container } from './container.ts';
import type { MountEntry } from './mount-vfs.ts';
import type { VolumeStore } from './volumes.ts';
import { mkdirp } from './process-setup.ts';

/** A resolved mount as engine state (inspect's `Mounts` item). */
export type MountRecord = MountPoint & { readonly NoCopy?: boolean };

function bindRefused(source: string): EngineError {
  return new EngineError(
    'InvalidParameter',
    `Layerlab: bind mounts of host paths (${source}) are not simulated: the engine has no host file system. Use a named volume (-v NAME:/path) or docker cp`,
    { source },
  );
}

function volumeMount(store: VolumeStore, name: string, target: string, mode: string, rw: boolean, anonymous: boolean, noCopy = false): MountRecord {
  const v = store.create({ Name: name }, anonymous);
  return {
    Type: 'volume',
    Name: v.Name,
    Source: v.Mountpoint,
    Destination: target,
    Driver: 'local',
    Mode: mode,
    RW: rw,
    Propagation: '',
    ...(noCopy ? { NoCopy: true } : {}),
  };
}

/** One `-v` value (docker/cli's split of `src:dst[:mode]`). */
function fromBind(store: VolumeStore, spec: string): MountRecord {
  const parts = spec.split(':');
  if (parts.length === 1) {
    if (!spec.startsWith('/')) throw new EngineError('InvalidParameter', `invalid volume specification: '${spec}': invalid mount config for type "volume": invalid mount path: '${spec}' mount path must be absolute`, { spec });
    return volumeMount(store, '', normalizePath(spec), '', true, true);
  }
  const [src = '', dst = '', mode = ''] = parts;
  if (!dst.startsWith('/')) throw new EngineError('InvalidParameter', `invalid volume specification: '${spec}': invalid mount config for type "volume": invalid mount path: '${dst}' mount path must be absolute`, { spec });
  if (mode !== '' && !/^(ro|rw|z|Z|nocopy)(,(ro|rw|z|Z|nocopy))*$/.test(mode)) throw new EngineError('InvalidParameter', `invalid mode: ${mode}`, { spec });
  if (src.startsWith('/') || src.startsWith('.')) throw bindRefused(src);
  const ro = mode.split(',').includes('ro');
  return volumeMount(store, src, normalizePath(dst), mode || 'z', !ro, false, mode.split(',').includes('nocopy'));
}

function fromMount(store: VolumeStore, m: MountSpec): MountRecord {
  const target = normalizePath(m.Target);
  if (m.Type === 'bind') throw bindRefused(m.Source ?? '');
  if (m.Type === 'tmpfs') return { Type: 'tmpfs', Source: '', Destination: target, Mode: '', RW: !m.ReadOnly, Propagation: '' };
  return volumeMount(store, m.Source ?? '', target, '', !m.ReadOnly, !m.Source, m.VolumeOptions?.NoCopy ?? false);
}

/**
 * Resolves every mount of a new container (creating the volumes it names),
 * in dockerd's order: --volumes-from, then -v and --mount, then the image's
 * VOLUME paths nothing else covers. Duplicate targets are docker's error.
 */
export function resolveMounts(
  store: VolumeStore,
  opts: ContainerCreateOptions,
  imageVolumes: Readonly<Record<string, unknown>> | null | undefined,
  volumesFrom: (ref: string) => readonly MountRecord[],
): MountRecord[] {
  const out: MountRecord[] = [];
  const add = (m: MountRecord, explicit: boolean) => {
    const i = out.findIndex((o) => o.Destination === m.Destination);
    if (i >= 0) {
      if (explicit) throw new EngineError('InvalidParameter', `Duplicate mount point: ${m.Destination}`, { target: m.Destination });
      out[i] = m;
      return;
    }
    out.push(m);
  };
  for (const spec of opts.HostConfig?.VolumesFrom ?? []) {
    const [ref = '', mode = ''] = spec.split(':');
    for (const m of volumesFrom(ref)) add(mode === 'ro' ? { ...m, RW: false, Mode: m.Mode === 'z' ? 'ro' : m.Mode } : m, false);
  }
  for (const spec of opts.HostConfig?.Binds ?? []) add(fromBind(store, spec), true);
  for (const m of opts.HostConfig?.Mounts ?? []) add(fromMount(store, m), true);
  for (const path of Object.keys(imageVolumes ?? {})) {
    const target = normalizePath(path);
    if (!out.some((m) => m.Destination === target)) out.push(volumeMount(store, '', target, '', true, true));
  }
  return out;
}

/** Copies the tree at `path` in `from` into the root of `to` (modes, owners, symlinks kept). */
function copyTree(from: Vfs, path: string, to: Vfs, toPath: string): void {
  for (const e of from.readdir(path)) {
    const src = `${path === '/' ? '' : path}/${e.name}`;
    const dst = `${toPath === '/' ? '' : toPath}/${e.name}`;
    const st = from.lstat(src);
    if (st.type === 'dir') {
      to.mkdir(dst, st.mode & 0o7777);
      copyTree(from, src, to, dst);
    } else if (st.type === 'symlink') {
      to.symlink(from.readlink(src), dst);
    } else if (st.type === 'file') {
      to.writeFile(dst, from.readFile(src), { mode: st.mode & 0o7777 });
      to.chmod(dst, st.mode & 0o7777);
    } else {
      continue;
    }
    to.lchown(dst, st.uid, st.gid);
  }
}

/**
 * Create-time preparation in the container's root: each mount point exists
 * (dockerd creates it in the writable layer), and an empty volume gets the
 * image's content at that path.
 */
export function prepareMountPoints(root: Vfs, store: VolumeStore, mounts: readonly MountRecord[]): void {
  for (const m of mounts) {
    let imageHas = false;
    try {
      imageHas = root.stat(m.Destination).type === 'dir';
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
    if (!imageHas) mkdirp(root, m.Destination);
    if (m.Type === 'volume' && m.Name && imageHas && !m.NoCopy && store.isEmpty(m.Name)) {
      const vfs = store.fs(m.Name);
      copyTree(root, m.Destination, vfs, '/');
      const st = root.stat(m.Destination);
      vfs.chmod('/', st.mode & 0o7777);
      vfs.chown('/', st.uid, st.gid);
    }
  }
}

/** The mount table a starting container's processes see (a fresh tree for each tmpfs). */
export function mountEntries(c: Container, store: VolumeStore, clock: Clock): MountEntry[] {
  const out: MountEntry[] = [];
  for (const m of c.hostConfig.MountPoints ?? []) {
    if (m.Type === 'tmpfs') out.push({ path: m.Destination, fs: new MemFs({ clock, rootMode: 0o1777 }), readOnly: !m.RW });
    else if (m.Type === 'volume' && m.Name && store.has(m.Name)) out.push({ path: m.Destination, fs: store.fs(m.Name), readOnly: !m.RW });
  }
  return out;
}

/** /proc/mounts lines for the mounts (after the overlay root line). */
export function procMountLines(mounts: readonly MountRecord[]): string {
  return mounts
    .map((m) => (m.Type === 'tmpfs' ? `tmpfs ${m.Destination} tmpfs ${m.RW ? 'rw' : 'ro'},nosuid,nodev,noexec,relatime 0 0\n` : `/dev/vda1 ${m.Destination} ext4 ${m.RW ? 'rw' : 'ro'},relatime 0 0\n`))
    .join('');
}

/** Config.Volumes: the image's VOLUME paths plus `-v /path` (anonymous) targets; null when none. */
export function volumesOf(image: Readonly<Record<string, Record<string, never>>> | null | undefined, binds: readonly string[] | undefined): Readonly<Record<string, Record<string, never>>> | null {
  const out: Record<string, Record<string, never>> = { ...(image ?? {}) };
  for (const b of binds ?? []) if (!b.includes(':')) out[b] = {};
  return Object.keys(out).length > 0 ? out : null;
}
