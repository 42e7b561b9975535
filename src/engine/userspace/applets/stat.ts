import { isFsError } from '../../fs/errors.ts';
import type { Stat } from '../../fs/vfs.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { modeString } from './lib/mode.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { groupName, userName } from './lib/users.ts';
import { defineApplet } from './registry.ts';

const TYPE_NAME: Record<Stat['type'], string> = {
  file: 'regular file', dir: 'directory', symlink: 'symbolic link', chardev: 'character special file', blockdev: 'block special file', fifo: 'fifo', socket: 'socket',
};

function blocks(st: Stat): number {
  if (st.type === 'symlink' || st.type === 'chardev' || st.type === 'blockdev') return 0;
  return Math.ceil(st.size / 4096) * 8;
}

/** `2024-01-02 03:04:05.000000000 +0000` (UTC). */
function fullTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const ns = p(Math.round((ms % 1000) * 1e6), 9);
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${ns} +0000`;
}

/** stat [-L] [-c FORMAT] FILE…: BusyBox's default block, or a -c format. */
export const stat = defineApplet('stat', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'Lc:tf');
  const fmt = optValue(o, 'c');
  let status = 0;
  for (const a of o.args) {
    let st: Stat;
    try {
      st = o.flags.has('L') ? io.proc.vfs.stat(io.path(a)) : io.proc.vfs.lstat(io.path(a));
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't stat '${a}': ${e.text}`);
      status = 1;
      continue;
    }
    await io.out(fmt !== undefined ? `${format(io, fmt, a, st)}\n` : defaultBlock(io, a, st));
  }
  return status;
});

function format(io: AppletIO, fmt: string, name: string, st: Stat): string {
  const vfs = io.proc.vfs;
  return fmt.replace(/%([%nNsaAuUgGFhbBoiXYZxyzd])/g, (_, c: string) => {
    switch (c) {
      case '%': return '%';
      case 'n': return name;
      case 'N': {
        if (st.type !== 'symlink') return `'${name}'`;
        return `'${name}' -> '${vfs.readlink(io.path(name))}'`;
      }
      case 's': return String(st.size);
      case 'a': return (st.mode & 0o7777).toString(8);
      case 'A': return modeString(st);
      case 'u': return String(st.uid);
      case 'U': return userName(vfs, st.uid) ?? 'UNKNOWN';
      case 'g': return String(st.gid);
      case 'G': return groupName(vfs, st.gid) ?? 'UNKNOWN';
      case 'F': return TYPE_NAME[st.type];
      case 'h': return String(st.nlink);
      case 'b': return String(blocks(st));
      case 'B': return '512';
      case 'o': return '4096';
      case 'i': return String(st.ino);
      case 'd': return String(st.dev);
      case 'X': return String(Math.floor(st.atimeMs / 1000));
      case 'Y': return String(Math.floor(st.mtimeMs / 1000));
      case 'Z': return String(Math.floor(st.ctimeMs / 1000));
      case 'x': return fullTime(st.atimeMs);
      case 'y': return fullTime(st.mtimeMs);
      case 'z': return fullTime(st.ctimeMs);
    }
    return c;
  });
}

function defaultBlock(io: AppletIO, name: string, st: Stat): string {
  const vfs = io.proc.vfs;
  const shown = st.type === 'symlink' ? `'${name}' -> '${vfs.readlink(io.path(name))}'` : name;
  const dev = `${st.dev.toString(16)}h/${st.dev}d`;
  return (
    `  File: ${shown}\n` +
    `  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(blocks(st)).padEnd(10)} IO Block: 4096   ${TYPE_NAME[st.type]}\n` +
    `Device: ${dev}\tInode: ${String(st.ino).padEnd(11)} Links: ${st.nlink}\n` +
    `Access: (${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(st)})  Uid: (${String(st.uid).padStart(5)}/${(userName(vfs, st.uid) ?? 'UNKNOWN').padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${(groupName(vfs, st.gid) ?? 'UNKNOWN').padStart(8)})\n` +
    `Access: ${fullTime(st.atimeMs)}\nModify: ${fullTime(st.mtimeMs)}\nChange: ${fullTime(st.ctimeMs)}\n`
  );
}
