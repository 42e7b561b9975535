import type { TarHeader } from 'modern-tar';
import { isFsError } from '../../../fs/errors.ts';
import type { Stat } from '../../../fs/vfs.ts';
import { matchPattern } from '../../shell/glob.ts';
import type { AppletIO } from './applet-io.ts';
import { groupName, userName } from './users.ts';

/** One archive member: its header and, for regular files, its bytes. */
export interface TarMember {
  readonly header: TarHeader;
  readonly body?: Uint8Array;
}

/**
 * Whether `name` is excluded: a pattern matches the whole member name, any
 * tail of it after a `/`, or a leading directory of it (BusyBox's --exclude).
 */
export function excluded(patterns: readonly string[], name: string): boolean {
  const n = name.replace(/\/+$/, '');
  if (patterns.length === 0 || n === '') return false;
  const tails = [n];
  for (let i = n.indexOf('/'); i >= 0; i = n.indexOf('/', i + 1)) tails.push(n.slice(i + 1));
  const heads: string[] = [];
  for (let i = n.indexOf('/'); i >= 0; i = n.indexOf('/', i + 1)) heads.push(n.slice(0, i));
  return patterns.some((p) => [...tails, ...heads].some((s) => matchPattern(p, s)));
}

export interface CreateOptions {
  readonly dereference: boolean;
  readonly noRecursion: boolean;
  readonly excludes: readonly string[];
  /** Where -v names go (stderr when the archive itself is on stdout). */
  readonly verbose: ((name: string) => Promise<void>) | null;
  /** The archive file being written, so it is not archived into itself. */
  readonly archive: { path: string; ino: number; dev: number } | null;
}

/**
 * Walks the named paths (relative to `base`, the -C directory) into tar
 * members as BusyBox's tar c does: leading `/` removed (once noted),
 * directories as `dir/`, a file seen again through another hard link stored
 * as a link to its first name, sockets skipped, errors reported and
 * remembered. Returns the members and whether any error was reported.
 */
export async function collectMembers(io: AppletIO, base: string, names: readonly string[], opts: CreateOptions): Promise<{ members: TarMember[]; failed: boolean }> {
  const { vfs, cred } = io.proc;
  const members: TarMember[] = [];
  const links = new Map<string, string>();
  let failed = false;
  let notedSlash = false;
  const owner = (st: Stat) => ({ uid: st.uid, gid: st.gid, uname: userName(vfs, st.uid) ?? '', gname: groupName(vfs, st.gid) ?? '' });

  const walk = async (path: string, name: string): Promise<void> => {
    await io.proc.maybeYield();
    if (excluded(opts.excludes, name)) return;
    let st: Stat;
    try {
      st = opts.dereference ? vfs.stat(path, cred) : vfs.lstat(path, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${name}: ${e.text}`);
      failed = true;
      return;
    }
    if (opts.archive && st.ino === opts.archive.ino && st.dev === opts.archive.dev) {
      await io.err(`${name}: file is the archive; skipping`);
      return;
    }
    const base = { ...owner(st), mode: st.mode & 0o7777, mtime: new Date(Math.floor(st.mtimeMs / 1000) * 1000), size: 0 };
    try {
      if (st.type === 'socket') {
        await io.err(`${name}: socket ignored`);
        return;
      }
      const key = `${st.dev}:${st.ino}`;
      const first = st.type !== 'dir' && st.nlink > 1 ? links.get(key) : undefined;
      if (first !== undefined) members.push({ header: { ...base, name, type: 'link', linkname: first } });
      else if (st.type === 'dir') members.push({ header: { ...base, name: `${name.replace(/\/+$/, '')}/`, type: 'directory' } });
      else if (st.type === 'symlink') members.push({ header: { ...base, name, type: 'symlink', linkname: vfs.readlink(path, cred) } });
      else if (st.type === 'file') {
        const body = vfs.readFile(path, cred);
        members.push({ header: { ...base, name, type: 'file', size: body.length }, body });
      } else members.push({ header: { ...base, name, type: st.type === 'fifo' ? 'fifo' : st.type === 'chardev' ? 'character-device' : 'block-device' } });
      if (st.type !== 'dir' && st.nlink > 1 && first === undefined) links.set(key, name);
      if (opts.verbose) await opts.verbose(st.type === 'dir' ? `${name.replace(/\/+$/, '')}/` : name);
      if (st.type === 'dir' && !opts.noRecursion) {
        const prefix = name.endsWith('/') ? name : `${name}/`;
        for (const e of vfs.readdir(path, cred)) await walk(`${path}/${e.name}`, prefix + e.name);
      }
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${name}: ${e.text}`);
      failed = true;
    }
  };

  for (const arg of names) {
    let name = arg;
    if (name.startsWith('/')) {
      if (!notedSlash) await io.err("removing leading '/' from member names");
      notedSlash = true;
      name = name.replace(/^\/+/, '');
    }
    await walk(arg.startsWith('/') ? arg : `${base}/${arg}`, name === '' ? '.' : name);
  }
  return { members, failed };
}
