/**
 * dpkg's database as files in the container: /var/lib/dpkg/status (one
 * RFC 822 stanza per package), /var/lib/dpkg/info/<pkg>.list (the paths a
 * package owns, directories included) and apt's
 * /var/lib/apt/extended_states (which packages were installed only as
 * dependencies).
 */
import type { Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { readTextOrNull, writeText } from './catalogue.ts';
import type { DebDef } from './catalogue-debian.ts';

export const STATUS = '/var/lib/dpkg/status';
export const INFO = '/var/lib/dpkg/info';
export const EXTENDED_STATES = '/var/lib/apt/extended_states';

export interface DpkgStanza {
  readonly name: string;
  readonly fields: ReadonlyMap<string, string>;
  readonly text: string;
}

export function readStatus(vfs: Vfs): DpkgStanza[] {
  return (readTextOrNull(vfs, STATUS) ?? '')
    .split(/\n\n+/)
    .filter((s) => s.trim() !== '')
    .map((text) => {
      const fields = new Map<string, string>();
      let last = '';
      for (const line of text.split('\n')) {
        if (/^\s/.test(line) && last) fields.set(last, `${fields.get(last)}\n${line}`);
        else {
          const i = line.indexOf(':');
          if (i < 0) continue;
          last = line.slice(0, i);
          fields.set(last, line.slice(i + 1).trim());
        }
      }
      return { name: fields.get('Package') ?? '', fields, text: text.replace(/\n+$/, '') };
    });
}

export function writeStatus(vfs: Vfs, stanzas: readonly DpkgStanza[]): void {
  const sorted = [...stanzas].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  writeText(vfs, STATUS, sorted.map((s) => `${s.text}\n`).join('\n'));
}

export function isInstalled(s: DpkgStanza): boolean {
  return s.fields.get('Status') === 'install ok installed';
}

/** The stanza dpkg writes for a package it has just configured. */
export function stanzaFor(pkg: DebDef, maintainer: string): DpkgStanza {
  const lines = [
    `Package: ${pkg.name}`,
    'Status: install ok installed',
    `Priority: ${pkg.priority}`,
    `Section: ${pkg.section}`,
    `Installed-Size: ${Math.round(pkg.size / 1024)}`,
    `Maintainer: ${maintainer}`,
    `Architecture: ${pkg.arch}`,
    `Version: ${pkg.version}`,
  ];
  if ((pkg.deps ?? []).length > 0) lines.push(`Depends: ${pkg.deps!.join(', ')}`);
  if ((pkg.recommends ?? []).length > 0) lines.push(`Recommends: ${pkg.recommends!.join(', ')}`);
  lines.push(`Description: ${pkg.description}`);
  const text = lines.join('\n');
  return { name: pkg.name, fields: new Map(lines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])), text };
}

/** The package's file list (`dpkg -L`), or null if dpkg has none. */
export function readList(vfs: Vfs, name: string): string[] | null {
  const text = readTextOrNull(vfs, `${INFO}/${name}.list`);
  return text === null ? null : text.split('\n').filter(Boolean);
}

export function writeList(vfs: Vfs, name: string, paths: readonly string[]): void {
  writeText(vfs, `${INFO}/${name}.list`, ['/.', ...paths].map((p) => `${p}\n`).join(''));
}

export function removeList(vfs: Vfs, name: string): void {
  for (const ext of ['list', 'md5sums']) {
    try {
      vfs.unlink(`${INFO}/${name}.${ext}`);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
    }
  }
}

/** Names apt marked Auto-Installed. */
export function readAuto(vfs: Vfs): Set<string> {
  const out = new Set<string>();
  for (const s of (readTextOrNull(vfs, EXTENDED_STATES) ?? '').split(/\n\n+/)) {
    const name = /^Package: (\S+)/m.exec(s)?.[1];
    if (name && /^Auto-Installed: 1/m.test(s)) out.add(name);
  }
  return out;
}

export function writeAuto(vfs: Vfs, auto: ReadonlySet<string>): void {
  writeText(vfs, EXTENDED_STATES, [...auto].sort().map((n) => `Package: ${n}\nArchitecture: amd64\nAuto-Installed: 1\n\n`).join(''));
}

/** `(Reading database ... N files and directories currently installed.)`: the base image's count plus every .list line. */
export function databaseCount(vfs: Vfs, base: number): number {
  let n = base;
  try {
    for (const e of vfs.readdir(INFO)) if (e.name.endsWith('.list')) n += (readList(vfs, e.name.slice(0, -5)) ?? []).length;
  } catch (e) {
    if (!isFsError(e, 'ENOENT')) throw e;
  }
  return n;
}
