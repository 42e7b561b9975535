import { isFsError } from '../../fs/errors.ts';
import type { Stat } from '../../fs/vfs.ts';
import { humanSize } from './lib/human.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { joinPath } from './lib/paths.ts';
import { defineApplet } from './registry.ts';

/** Disk usage in KiB, as if every file and directory used whole 4 KiB blocks (ext4's default). */
export function usageKb(st: Stat): number {
  if (st.type === 'symlink' || st.type === 'chardev' || st.type === 'blockdev') return 0;
  return Math.ceil(st.size / 4096) * 4;
}

/** du [-sahkmc] [-d N] [FILE]…: sizes of trees, post-order, hard links counted once. */
export const du = defineApplet('du', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'sahkmcxLHd:l');
  const f = o.flags;
  const maxDepth = f.has('s') ? 0 : optValue(o, 'd') !== undefined ? Number(optValue(o, 'd')) : Infinity;
  const vfs = io.proc.vfs;
  const seen = new Set<string>();
  const show = (kb: number): string => (f.has('h') ? (kb === 0 ? '0' : humanSize(kb * 1024)) : f.has('m') ? String(Math.ceil(kb / 1024)) : String(kb));
  let status = 0;
  let grand = 0;
  let out = '';
  const walk = async (path: string, depth: number): Promise<number> => {
    let st: Stat;
    try {
      st = vfs.lstat(io.path(path), io.proc.cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      out += '';
      await io.out(out);
      out = '';
      await io.err(`${path}: ${e.text}`);
      status = 1;
      return 0;
    }
    const id = `${st.dev}:${st.ino}`;
    if (st.nlink > 1 && st.type !== 'dir') {
      if (seen.has(id)) return 0;
      seen.add(id);
    }
    let total = usageKb(st);
    if (st.type === 'dir') {
      for (const e of vfs.readdir(io.path(path), io.proc.cred)) total += await walk(joinPath(path, e.name), depth + 1);
      if (depth <= maxDepth) out += `${show(total)}\t${path}\n`;
    } else if ((f.has('a') && depth <= maxDepth) || depth === 0) out += `${show(total)}\t${path}\n`;
    return total;
  };
  for (const a of o.args.length ? o.args : ['.']) grand += await walk(a, 0);
  if (f.has('c')) out += `${show(grand)}\ttotal\n`;
  await io.out(out);
  return status;
});
