import type { Cred, Vfs } from '../../fs/vfs.ts';
import { isFsError } from '../../fs/errors.ts';
import { decode, encode } from '../io/text.ts';
import { ExecError } from './errors.ts';

/**
 * How an executable file is recognised, by content, as the kernel's binfmt
 * handlers do. Our "binaries" are stub files: an ELF magic followed by a
 * marker line naming what runs. `/bin/busybox` is the multi-call binary
 * (the applet is chosen by argv[0], as BusyBox does); a single-applet binary
 * names its applet. Deleting the file or its link removes the command.
 */
export const ELF_MAGIC = '\x7fELF';
export const BUSYBOX_MARKER = 'layerlab-busybox';
export const APPLET_MARKER = 'layerlab-applet ';

/** File content of the simulated /bin/busybox. */
export function busyboxBinary(): Uint8Array {
  return encode(`${ELF_MAGIC}\n${BUSYBOX_MARKER}\n`);
}

/** File content of a stand-alone binary that runs one applet (e.g. a distro's /usr/bin/env). */
export function appletBinary(applet: string): Uint8Array {
  return encode(`${ELF_MAGIC}\n${APPLET_MARKER}${applet}\n`);
}

/** What an execve of a file would run. */
export type ExecImage =
  | { readonly kind: 'busybox' }
  | { readonly kind: 'applet'; readonly applet: string }
  | { readonly kind: 'script'; readonly interpreter: string; readonly arg: string | null }
  | { readonly kind: 'wasm'; readonly module: Uint8Array }
  /** No recognised format: ENOEXEC, which a shell answers by running the file as a script. */
  | { readonly kind: 'unknown' };

/**
 * Checks execute permission and classifies the file at `path` (already
 * resolved to an absolute path). Throws ExecError ENOENT/EACCES/ENOTDIR.
 */
export function loadExecutable(vfs: Vfs, path: string, cred: Cred): ExecImage {
  let st;
  try {
    st = vfs.stat(path, cred);
  } catch (e) {
    if (isFsError(e)) {
      const code = e.code === 'ENOTDIR' || e.code === 'EACCES' || e.code === 'ELOOP' ? e.code : 'ENOENT';
      throw new ExecError(code, path);
    }
    throw e;
  }
  if (st.type !== 'file' || !canExecute(st.mode, st.uid, st.gid, cred)) throw new ExecError('EACCES', path);
  const head = vfs.readFile(path, cred);
  return classify(head);
}

function classify(bytes: Uint8Array): ExecImage {
  if (bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) return { kind: 'wasm', module: bytes };
  const text = decode(bytes.subarray(0, 256));
  if (text.startsWith(ELF_MAGIC)) {
    const marker = text.split('\n')[1] ?? '';
    if (marker === BUSYBOX_MARKER) return { kind: 'busybox' };
    if (marker.startsWith(APPLET_MARKER)) return { kind: 'applet', applet: marker.slice(APPLET_MARKER.length).trim() };
    return { kind: 'unknown' };
  }
  if (text.startsWith('#!')) {
    const line = text.slice(2).split('\n')[0]!.trim();
    const m = /^(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m) return { kind: 'unknown' };
    return { kind: 'script', interpreter: m[1]!, arg: m[2] ? m[2].trim() : null };
  }
  return { kind: 'unknown' };
}

/** Execute permission as the kernel checks it: root needs any x bit. */
export function canExecute(mode: number, uid: number, gid: number, cred: Cred): boolean {
  if (cred.uid === 0) return (mode & 0o111) !== 0;
  if (cred.uid === uid) return (mode & 0o100) !== 0;
  if (cred.gid === gid || (cred.groups ?? []).includes(gid)) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}
