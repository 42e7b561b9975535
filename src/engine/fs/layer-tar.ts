import { gunzipSync, gzipSync } from 'fflate';
import { packTar, unpackTar } from 'modern-tar';
import type { TarHeader } from 'modern-tar';
import { WHITEOUT_META_PREFIX, WHITEOUT_OPAQUE, WHITEOUT_PREFIX, canonicalEntries } from './changes.ts';
import type { LayerEntry, LayerEntryKind } from './changes.ts';
import { components } from './path.ts';

/**
 * Layer change sets as tar archives, deterministically: entries in canonical
 * order, explicit mtimes (seconds), empty user/group names, and gzip with a
 * zero header mtime — the same content always gives the same bytes, so the
 * same diffId and digest (fflate would otherwise stamp the current time).
 * Whiteouts become `.wh.<name>` and opaque dirs `.wh..wh..opq` (mode 0600 and
 * the directory's mode respectively, as moby's overlay whiteout converter
 * writes them).
 *
 * Simplification: device numbers of chardev/blockdev entries are not carried
 * (modern-tar's header has no devmajor/devminor); images rarely ship them.
 */
export async function entriesToTar(entries: readonly LayerEntry[]): Promise<Uint8Array> {
  const out = canonicalEntries(entries).map((e) => {
    const header = headerOf(e);
    const body = e.kind === 'file' ? (e.data ?? new Uint8Array(0)) : undefined;
    return body ? { header, body } : { header };
  });
  return new Uint8Array(await packTar(out));
}

function headerOf(e: LayerEntry): TarHeader {
  const parts = components(e.path);
  const base = {
    size: 0,
    mode: e.mode & 0o7777,
    uid: e.uid,
    gid: e.gid,
    uname: '',
    gname: '',
    mtime: new Date(Math.floor(e.mtimeMs / 1000) * 1000),
  };
  const name = parts.join('/');
  switch (e.kind) {
    case 'dir':
      return { ...base, name: `${name}/`, type: 'directory' };
    case 'file':
      return { ...base, name, type: 'file', size: e.data?.length ?? 0 };
    case 'symlink':
      return { ...base, name, type: 'symlink', linkname: e.target ?? '' };
    case 'hardlink':
      return { ...base, name, type: 'link', linkname: components(e.target ?? '').join('/') };
    case 'chardev':
      return { ...base, name, type: 'character-device' };
    case 'blockdev':
      return { ...base, name, type: 'block-device' };
    case 'fifo':
      return { ...base, name, type: 'fifo' };
    case 'whiteout': {
      const leaf = parts.pop() ?? '';
      return { ...base, name: [...parts, `${WHITEOUT_PREFIX}${leaf}`].join('/'), type: 'file' };
    }
    case 'opaque':
      return { ...base, name: [...parts, WHITEOUT_OPAQUE].join('/'), type: 'file', mtime: new Date(0) };
  }
}

/** Parses a layer tar (gzip or plain) into entries; AUFS metadata (`.wh..wh.*` other than the opaque marker) is skipped. */
export async function tarToEntries(bytes: Uint8Array): Promise<LayerEntry[]> {
  const tar = isGzip(bytes) ? gunzipSync(bytes) : bytes;
  const parsed = await unpackTar(tar);
  const out: LayerEntry[] = [];
  for (const { header, data } of parsed) {
    const parts = components(header.name);
    if (parts.length === 0) continue;
    const leaf = parts[parts.length - 1]!;
    const meta = {
      mode: (header.mode ?? 0) & 0o7777,
      uid: header.uid ?? 0,
      gid: header.gid ?? 0,
      mtimeMs: header.mtime ? header.mtime.getTime() : 0,
    };
    if (leaf === WHITEOUT_OPAQUE) {
      out.push({ kind: 'opaque', path: parts.slice(0, -1).join('/'), ...meta });
      continue;
    }
    if (leaf.startsWith(WHITEOUT_META_PREFIX)) continue;
    if (leaf.startsWith(WHITEOUT_PREFIX)) {
      out.push({ kind: 'whiteout', path: [...parts.slice(0, -1), leaf.slice(WHITEOUT_PREFIX.length)].join('/'), ...meta });
      continue;
    }
    const path = parts.join('/');
    const kind = KIND_OF[header.type ?? 'file'];
    if (!kind) continue;
    if (kind === 'file') out.push({ kind, path, ...meta, data: data ?? new Uint8Array(0) });
    else if (kind === 'symlink' || kind === 'hardlink') out.push({ kind, path, ...meta, target: header.linkname ?? '' });
    else out.push({ kind, path, ...meta });
  }
  return out;
}

const KIND_OF: Readonly<Record<string, LayerEntryKind>> = {
  file: 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'chardev',
  'block-device': 'blockdev',
  fifo: 'fifo',
};

/** gzip as registries store layers: level 6, header mtime 0, no file name. */
export function gzipLayer(tar: Uint8Array): Uint8Array {
  return gzipSync(tar, { level: 6, mtime: 0 });
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
