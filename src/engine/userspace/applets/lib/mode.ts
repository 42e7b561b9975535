import type { Stat } from '../../../fs/vfs.ts';

const TYPE_CHAR: Record<Stat['type'], string> = { file: '-', dir: 'd', symlink: 'l', chardev: 'c', blockdev: 'b', fifo: 'p', socket: 's' };

/** `drwxr-xr-x` as ls -l prints it, with setuid/setgid/sticky letters. */
export function modeString(st: Pick<Stat, 'type' | 'mode'>): string {
  const m = st.mode;
  const rwx = (shift: number, special: number, ch: string): string => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const xbit = (m & (1 << shift)) !== 0;
    const x = m & special ? (xbit ? ch : ch.toUpperCase()) : xbit ? 'x' : '-';
    return r + w + x;
  };
  return TYPE_CHAR[st.type] + rwx(6, 0o4000, 's') + rwx(3, 0o2000, 's') + rwx(0, 0o1000, 't');
}

/**
 * Applies a chmod mode (octal, or symbolic like `u+x,go-w,a=r`) to `mode`.
 * Returns null for an invalid mode string.
 */
export function applyMode(spec: string, mode: number, isDir: boolean, umask = 0): number | null {
  if (/^[0-7]+$/.test(spec)) return parseInt(spec, 8) & 0o7777;
  let m = mode & 0o7777;
  for (const clause of spec.split(',')) {
    const c = /^([ugoa]*)([-+=])([rwxXst]*|[ugo])$/.exec(clause);
    if (!c) return null;
    const who = c[1] || '';
    const op = c[2]!;
    const perms = c[3]!;
    let mask = 0;
    const whoMask = who === '' || who.includes('a') ? 0o7777 : (who.includes('u') ? 0o4700 : 0) | (who.includes('g') ? 0o2070 : 0) | (who.includes('o') ? 0o1007 : 0);
    let bits = 0;
    if (perms === 'u' || perms === 'g' || perms === 'o') {
      const src = perms === 'u' ? (m >> 6) & 7 : perms === 'g' ? (m >> 3) & 7 : m & 7;
      bits = src * 0o111;
    } else {
      for (const p of perms) {
        if (p === 'r') bits |= 0o444;
        if (p === 'w') bits |= 0o222;
        if (p === 'x') bits |= 0o111;
        if (p === 'X' && (isDir || (mode & 0o111) !== 0)) bits |= 0o111;
        if (p === 's') bits |= 0o6000;
        if (p === 't') bits |= 0o1000;
      }
    }
    mask = bits & whoMask;
    if (who === '') mask &= ~umask;
    if (op === '+') m |= mask;
    else if (op === '-') m &= ~mask;
    else m = (m & ~(whoMask & 0o7777 & (who === '' ? 0o7777 : whoMask))) | mask;
  }
  return m;
}
