import { isFsError } from '../../fs/errors.ts';
import type { Stat } from '../../fs/vfs.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { humanSize } from './lib/human.ts';
import { modeString } from './lib/mode.ts';
import { parseOptions } from './lib/options.ts';
import { joinPath } from './lib/paths.ts';
import { lsDate } from './lib/time.ts';
import { groupName, userName } from './lib/users.ts';
import { defineApplet } from './registry.ts';

interface Entry {
  readonly name: string;
  readonly path: string;
  readonly st: Stat;
}

type Flags = ReadonlyMap<string, number>;

/**
 * ls [-1AaCdFiLlnpRrSsth] [FILE]…. Output is one name per line (stdout is
 * never a terminal here, and BusyBox then uses -1). Names sort in byte order.
 */
export const ls = defineApplet('ls', async (io, argv) => {
  const o = parseOptions(argv.slice(1), '1AaCdFHhiLlnpRrSstxcu');
  const f = o.flags;
  const long = f.has('l') || f.has('n');
  const args = o.args.length ? o.args : ['.'];
  const implicit = o.args.length === 0;
  const vfs = io.proc.vfs;
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const a of args) {
    try {
      const lst = vfs.lstat(io.path(a));
      let st = lst;
      if (lst.type === 'symlink' && !long && !f.has('F') && !f.has('d')) st = statOr(io, a, lst);
      else if (lst.type === 'symlink' && (f.has('L') || f.has('H'))) st = statOr(io, a, lst);
      if (st.type === 'dir' && !f.has('d')) dirs.push({ name: a, path: io.path(a), st });
      else files.push({ name: a, path: io.path(a), st: lst.type === 'symlink' && st.type !== 'dir' && !long ? st : lst });
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${a}: ${e.text}`);
      status = 1;
    }
  }
  sortEntries(files, f);
  sortEntries(dirs, f);
  const now = io.proc.kernel.scheduler.now();
  let out = '';
  for (const e of files) out += line(io, e, f, now);
  const headers = dirs.length + files.length > 1 || f.has('R');
  let first = files.length === 0;
  const walk = async (d: Entry, label: string): Promise<void> => {
    let entries: Entry[];
    try {
      entries = listDir(io, d.path, f);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.out(out);
      out = '';
      await io.err(`can't open '${label}': ${e.text}`);
      status = 1;
      return;
    }
    if (headers) out += `${first ? '' : '\n'}${label}:\n`;
    first = false;
    if (long) out += `total ${entries.reduce((n, e) => n + blocks(e.st), 0)}\n`;
    for (const e of entries) out += line(io, e, f, now);
    if (out.length > 4096) {
      await io.out(out);
      out = '';
    }
    if (f.has('R')) {
      for (const e of entries) if (e.st.type === 'dir' && e.name !== '.' && e.name !== '..') await walk(e, joinPath(label, e.name));
    }
  };
  for (const d of dirs) await walk(d, implicit ? '.' : d.name);
  await io.out(out);
  return status;
});

function statOr(io: AppletIO, a: string, fallback: Stat): Stat {
  try {
    return io.proc.vfs.stat(io.path(a));
  } catch {
    return fallback;
  }
}

function listDir(io: AppletIO, path: string, f: Flags): Entry[] {
  const vfs = io.proc.vfs;
  const out: Entry[] = [];
  if (f.has('a')) {
    out.push({ name: '.', path, st: vfs.stat(path) });
    const parent = path === '/' ? '/' : path.slice(0, path.lastIndexOf('/')) || '/';
    out.push({ name: '..', path: parent, st: vfs.stat(parent) });
  }
  for (const d of vfs.readdir(path)) {
    if (d.name.startsWith('.') && !f.has('a') && !f.has('A')) continue;
    const p = joinPath(path, d.name);
    let st = vfs.lstat(p);
    if (st.type === 'symlink' && f.has('L')) st = statOr(io, p, st);
    out.push({ name: d.name, path: p, st });
  }
  sortEntries(out, f);
  return out;
}

function sortEntries(list: Entry[], f: Flags): void {
  const byName = (a: Entry, b: Entry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  let cmp = byName;
  if (f.has('S')) cmp = (a, b) => b.st.size - a.st.size || byName(a, b);
  else if (f.has('t')) cmp = (a, b) => b.st.mtimeMs - a.st.mtimeMs || byName(a, b);
  list.sort(cmp);
  if (f.has('r')) list.reverse();
}

/** 1 KiB blocks, as if every file occupied whole 4 KiB blocks (ext4's default). */
function blocks(st: Stat): number {
  if (st.type === 'symlink' || st.type === 'chardev' || st.type === 'blockdev') return 0;
  return Math.ceil(st.size / 4096) * 4;
}

function suffix(st: Stat, f: Flags): string {
  if (f.has('F')) {
    if (st.type === 'dir') return '/';
    if (st.type === 'symlink') return '@';
    if (st.type === 'fifo') return '|';
    if (st.type === 'socket') return '=';
    if (st.mode & 0o111) return '*';
    return '';
  }
  return f.has('p') && st.type === 'dir' ? '/' : '';
}

function line(io: AppletIO, e: Entry, f: Flags, now: number): string {
  let prefix = '';
  if (f.has('i')) prefix += `${String(e.st.ino).padStart(8)} `;
  if (f.has('s')) prefix += `${String(blocks(e.st)).padStart(6)} `;
  if (!(f.has('l') || f.has('n'))) return `${prefix}${e.name}${suffix(e.st, f)}\n`;
  const vfs = io.proc.vfs;
  const numeric = f.has('n');
  const user = numeric ? String(e.st.uid) : (userName(vfs, e.st.uid) ?? String(e.st.uid));
  const group = numeric ? String(e.st.gid) : (groupName(vfs, e.st.gid) ?? String(e.st.gid));
  const size = e.st.type === 'chardev' || e.st.type === 'blockdev' ? `${String(e.st.rdev >> 8).padStart(4)}, ${String(e.st.rdev & 0xff).padStart(3)}` : f.has('h') ? humanSize(e.st.size) : String(e.st.size);
  const sizeWidth = f.has('h') ? 7 : 9;
  let name = e.name + suffix(e.st, f);
  if (e.st.type === 'symlink') {
    try {
      name = `${e.name} -> ${vfs.readlink(e.path)}`;
    } catch {
      // unreadable link: name only
    }
  }
  return `${prefix}${modeString(e.st)} ${String(e.st.nlink).padStart(4)} ${user.padEnd(8)} ${group.padEnd(8)} ${size.padStart(sizeWidth)} ${lsDate(e.st.mtimeMs, now)} ${name}\n`;
}
