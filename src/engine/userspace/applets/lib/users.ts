import type { Vfs } from '../../../fs/vfs.ts';
import { decode } from '../../io/text.ts';

export interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  readonly home: string;
  readonly shell: string;
}

export interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

function readLines(vfs: Vfs, path: string): string[][] {
  try {
    return decode(vfs.readFile(path)).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':'));
  } catch {
    return [];
  }
}

/** /etc/passwd entries (an absent file is an empty database). */
export function passwd(vfs: Vfs): PasswdEntry[] {
  return readLines(vfs, '/etc/passwd').map((f) => ({ name: f[0] ?? '', uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/', shell: f[6] ?? '/bin/sh' }));
}

export function groups(vfs: Vfs): GroupEntry[] {
  return readLines(vfs, '/etc/group').map((f) => ({ name: f[0] ?? '', gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) }));
}

export function userName(vfs: Vfs, uid: number): string | undefined {
  return passwd(vfs).find((p) => p.uid === uid)?.name;
}

export function groupName(vfs: Vfs, gid: number): string | undefined {
  return groups(vfs).find((g) => g.gid === gid)?.name;
}
