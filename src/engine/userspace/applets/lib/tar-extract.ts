import type { TarHeader } from 'modern-tar';
import { isFsError } from '../../../fs/errors.ts';
import { S_IFBLK, S_IFCHR, S_IFIFO } from '../../../fs/vfs.ts';
import type { AppletIO } from './applet-io.ts';
import { makeParents } from './applet-io.ts';
import { dateTime } from './time.ts';
import { modeString } from './mode.ts';
import { excluded } from './tar-create.ts';
import { dirName } from './paths.ts';
import { passwd, groups } from './users.ts';

export interface ReadMember {
  readonly header: TarHeader;
  readonly data?: Uint8Array;
}

/** A member to list or extract: `name` after --strip-components, `shown` as -v prints it. */
export interface Selected {
  readonly m: ReadMember;
  readonly name: string;
  readonly shown: string;
}

export interface SelectOptions {
  readonly names: readonly string[];
  readonly excludes: readonly string[];
  readonly stripComponents: number;
}

export interface ExtractOptions extends SelectOptions {
  readonly verbose: boolean;
  readonly toStdout: boolean;
  readonly keepOld: boolean;
  readonly noMtime: boolean;
  readonly noOwner: boolean;
  readonly numericOwner: boolean;
  readonly noSamePermissions: boolean;
}

/** `tar tv`'s line: mode, owner/group (names, else numbers), size, UTC time, name and link target. */
export function verboseLine(h: TarHeader, name: string): string {
  const type = h.type === 'directory' ? 'dir' : h.type === 'symlink' ? 'symlink' : h.type === 'character-device' ? 'chardev' : h.type === 'block-device' ? 'blockdev' : h.type === 'fifo' ? 'fifo' : 'file';
  const when = dateTime((h.mtime ?? new Date(0)).getTime());
  const owner = `${h.uname || String(h.uid ?? 0)}/${h.gname || String(h.gid ?? 0)}`;
  const link = h.type === 'symlink' || h.type === 'link' ? ` -> ${h.linkname ?? ''}` : '';
  return `${modeString({ type, mode: h.mode ?? 0 })} ${owner} ${String(h.size).padStart(9)} ${when} ${name}${link}\n`;
}

/**
 * Applies the selection rules to the archive's members: leading `/` removed
 * (noted once), --strip-components, --exclude, and the FILE operands (a
 * member matches an operand naming it or a directory above it). Returns the
 * kept members with their effective names and the operands never matched.
 */
export async function selectMembers(io: AppletIO, members: readonly ReadMember[], o: SelectOptions): Promise<{ kept: Selected[]; unmatched: string[] }> {
  const wanted = o.names.map((n) => n.replace(/\/+$/, ''));
  const hit = new Set<string>();
  const kept: Selected[] = [];
  let notedSlash = false;
  for (const m of members) {
    let name = m.header.name;
    if (name.startsWith('/')) {
      if (!notedSlash) await io.err("removing leading '/' from member names");
      notedSlash = true;
      name = name.replace(/^\/+/, '');
    }
    if (wanted.length > 0) {
      const bare = name.replace(/\/+$/, '');
      const w = wanted.find((x) => bare === x || bare.startsWith(`${x}/`));
      if (w === undefined) continue;
      hit.add(w);
    }
    if (excluded(o.excludes, name)) continue;
    const shown = name;
    if (o.stripComponents > 0) {
      const parts = name.split('/');
      if (parts.filter(Boolean).length <= o.stripComponents) continue;
      name = parts.slice(o.stripComponents).join('/');
    }
    kept.push({ m, name, shown });
  }
  return { kept, unmatched: wanted.filter((w) => !hit.has(w)) };
}

/**
 * Writes the selected members under `base` (the -C directory) as BusyBox's
 * tar x does: parents made as needed, an existing file replaced (refused
 * with -k), mode, owner (root only; by name when /etc/passwd knows it) and
 * mtime restored. As in BusyBox 1.35, a directory's time is set when it is
 * made, so members extracted into it later move it to "now". Returns false
 * if any member failed.
 */
export async function extractMembers(io: AppletIO, base: string, kept: readonly Selected[], o: ExtractOptions): Promise<boolean> {
  const { vfs, cred } = io.proc;
  const users = passwd(vfs);
  const grps = groups(vfs);
  let ok = true;
  for (const { m, name, shown } of kept) {
    await io.proc.maybeYield();
    const h = m.header;
    if (o.toStdout) {
      if (h.type === 'file' || h.type === undefined) await io.outBytes(m.data ?? new Uint8Array(0));
      continue;
    }
    if (o.verbose) await io.out(`${shown}\n`);
    const path = `${base}/${name.replace(/\/+$/, '')}`;
    const mode = (h.mode ?? 0o644) & (o.noSamePermissions ? 0o777 & ~io.proc.umask : 0o7777);
    try {
      makeParents(io, dirName(path));
      if (h.type === 'directory') {
        try {
          vfs.mkdir(path, mode, cred);
        } catch (e) {
          if (!isFsError(e, 'EEXIST')) throw e;
        }
      } else {
        let exists = true;
        try {
          vfs.lstat(path, cred);
        } catch {
          exists = false;
        }
        if (exists && o.keepOld) {
          // BusyBox dies at the first member it may not replace.
          await io.err(`can't open '${name}': File exists`);
          return false;
        }
        if (exists) {
          try {
            vfs.unlink(path, cred);
          } catch (e) {
            if (!isFsError(e, 'EISDIR') && !isFsError(e, 'EPERM')) throw e;
          }
        }
        switch (h.type) {
          case 'symlink':
            vfs.symlink(h.linkname ?? '', path, cred);
            break;
          case 'link':
            vfs.link(`${base}/${(h.linkname ?? '').replace(/^\/+/, '')}`, path, cred);
            break;
          case 'fifo':
          case 'character-device':
          case 'block-device':
            vfs.mknod(path, (h.type === 'fifo' ? S_IFIFO : h.type === 'character-device' ? S_IFCHR : S_IFBLK) | mode, 0, cred);
            break;
          default:
            vfs.writeFile(path, m.data ?? new Uint8Array(0), { mode, cred });
        }
      }
      if (h.type === 'link') continue;
      if (cred.uid === 0 && !o.noOwner) {
        const uid = (!o.numericOwner && h.uname ? users.find((u) => u.name === h.uname)?.uid : undefined) ?? h.uid ?? 0;
        const gid = (!o.numericOwner && h.gname ? grps.find((g) => g.name === h.gname)?.gid : undefined) ?? h.gid ?? 0;
        vfs.lchown(path, uid, gid, cred);
      }
      if (h.type === 'symlink') continue;
      vfs.chmod(path, mode, cred);
      const t = (h.mtime ?? new Date(0)).getTime();
      if (!o.noMtime) vfs.utimes(path, t, t, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${name}: ${e.text}`);
      ok = false;
    }
  }
  return ok;
}
