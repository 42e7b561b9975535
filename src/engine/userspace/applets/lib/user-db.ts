import { isFsError } from '../../../fs/errors.ts';
import type { Cred, Vfs } from '../../../fs/vfs.ts';
import { decode, encode } from '../../io/text.ts';

export const PASSWD = '/etc/passwd';
export const GROUP = '/etc/group';
export const SHADOW = '/etc/shadow';
export const GSHADOW = '/etc/gshadow';

/** BusyBox's bb_msg_perm_denied_are_you_root. */
export const ARE_YOU_ROOT = 'permission denied (are you root?)';

/** The first and last ids adduser/addgroup pick from (BusyBox's CONFIG_FIRST_SYSTEM_ID…). */
export const FIRST_SYSTEM_ID = 100;
export const LAST_SYSTEM_ID = 999;
export const LAST_NORMAL_ID = 64999;

/** Lines of a colon-separated database, split into fields; null when the file is missing. */
export function readDb(vfs: Vfs, path: string, cred?: Cred): string[][] | null {
  try {
    const text = decode(vfs.readFile(path, cred));
    return text.split('\n').filter((l, i, all) => l !== '' || i < all.length - 1).map((l) => l.split(':'));
  } catch (e) {
    if (isFsError(e, 'ENOENT')) return null;
    throw e;
  }
}

function writeDb(vfs: Vfs, path: string, rows: readonly string[][], cred?: Cred): void {
  vfs.writeFile(path, encode(rows.map((r) => `${r.join(':')}\n`).join('')), cred ? { cred } : {});
}

/**
 * BusyBox's update_passwd(file, name, newFields, member), over the Vfs:
 * - `fields` given: replace the line of `name`, or append `name:fields`;
 * - `fields` null and `member` null: delete the line of `name`;
 * - `member` given: add it to (or, with `remove`, drop it from) the last field
 *   of the line of `name` (every line when `name` is null, removing only).
 * A missing file is left alone (returns false), as BusyBox ignores a missing shadow.
 */
export function updateDb(vfs: Vfs, path: string, name: string | null, change: { fields?: string; member?: string; remove?: boolean }, cred?: Cred): boolean {
  const rows = readDb(vfs, path, cred);
  if (rows === null) return false;
  const at = rows.findIndex((r) => r[0] === name);
  if (change.fields !== undefined) {
    const row = [name ?? '', ...change.fields.split(':')];
    if (at >= 0) rows[at] = row;
    else rows.push(row);
  } else if (change.member !== undefined) {
    for (const r of name === null ? rows : at >= 0 ? [rows[at]!] : []) {
      const members = (r[r.length - 1] ?? '').split(',').filter(Boolean);
      const next = change.remove ? members.filter((m) => m !== change.member) : members.includes(change.member) ? members : [...members, change.member];
      r[r.length - 1] = next.join(',');
    }
  } else if (at >= 0) rows.splice(at, 1);
  writeDb(vfs, path, rows, cred);
  return true;
}

/** Days since the epoch, as shadow's "last change" field counts them. */
export function epochDays(nowMs: number): number {
  return Math.floor(nowMs / 86400000);
}

/** BusyBox's die_if_bad_username: null when fine, else the message. */
export function badUsername(name: string): string | null {
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    const ok = /[a-zA-Z0-9_.]/.test(c) || (c === '-' && i > 0) || (c === '$' && i === name.length - 1 && i > 0);
    if (!ok) return `illegal character with code ${c.charCodeAt(0)} at position ${i}`;
  }
  return name.length > 32 ? 'name is too long' : null;
}
