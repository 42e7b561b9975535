/**
 * Canonical listings of a tree for comparison: one line per entry with type,
 * mode (incl. setuid/setgid/sticky), uid, gid and content hash or symlink
 * target, plus the link count of files (hard links broken by copy-up show
 * here). Upper-dir listings also mark whiteouts (chardev 0/0) and opaque
 * directories. Times, inode numbers, directory link counts and sizes are left
 * out: they legitimately differ between a kernel and a model.
 */
import { hash } from './apply.ts';

export interface TreeReader {
  lstat(path: string): { type: string; mode: number; uid: number; gid: number; rdev: number; nlink: number };
  readdir(path: string): string[];
  readlink(path: string): string;
  readFile(path: string): Uint8Array;
  isOpaque(path: string): boolean;
}

export function listTree(t: TreeReader, markOverlay: boolean): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    const st = t.lstat(path);
    const perm = (st.mode & 0o7777).toString(8).padStart(4, '0');
    const who = `${perm} ${st.uid}:${st.gid}`;
    const name = path;
    if (markOverlay && st.type === 'chardev' && st.rdev === 0) {
      out.push(`${name} whiteout`);
      return;
    }
    if (st.type === 'dir') {
      out.push(`${name} dir ${who}${markOverlay && t.isOpaque(path) ? ' opaque' : ''}`);
      for (const child of [...t.readdir(path)].sort()) walk(path === '/' ? `/${child}` : `${path}/${child}`);
    } else if (st.type === 'symlink') out.push(`${name} symlink ${who} -> ${t.readlink(path)}`);
    else if (st.type === 'file') out.push(`${name} file ${who} ${hash(t.readFile(path))} x${st.nlink}`);
    else out.push(`${name} ${st.type} ${who} ${st.rdev}`);
  };
  walk('/');
  return out;
}
