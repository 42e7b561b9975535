import { isFsError } from '../../fs/errors.ts';
import type { Vfs, Cred } from '../../fs/vfs.ts';
import { parseOptions } from './lib/options.ts';
import { joinPath } from './lib/paths.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { defineApplet } from './registry.ts';

/** rm [-f] [-r|-R] FILE…: every unlink goes through the Vfs, so whiteouts appear in the upper layer. */
export const rm = defineApplet('rm', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'fiRrv');
  const force = o.flags.has('f');
  const recursive = o.flags.has('r') || o.flags.has('R');
  let status = 0;
  for (const a of o.args) {
    if (/(^|\/)\.\.?\/*$/.test(a)) {
      await io.err(`can't remove '.' or '..'`);
      status = 1;
      continue;
    }
    const path = io.path(a);
    let st;
    try {
      st = io.proc.vfs.lstat(path, io.proc.cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (force && e.code === 'ENOENT') continue;
      await io.err(`can't remove '${a}': ${e.text}`);
      status = 1;
      continue;
    }
    if (st.type === 'dir' && !recursive) {
      await io.err(`'${a}' is a directory`);
      status = 1;
      continue;
    }
    if (!(await remove(io, io.proc.vfs, io.proc.cred, path, a, st.type === 'dir'))) status = 1;
  }
  return status;
});

/** Removes a path (a directory with its contents); reports errors as rm does. */
export async function remove(io: AppletIO, vfs: Vfs, cred: Cred, path: string, label: string, isDir: boolean): Promise<boolean> {
  try {
    if (isDir) {
      let ok = true;
      for (const e of vfs.readdir(path, cred)) {
        const p = joinPath(path, e.name);
        await io.proc.maybeYield();
        ok = (await remove(io, vfs, cred, p, joinPath(label, e.name), e.type === 'dir')) && ok;
      }
      if (!ok) return false;
      vfs.rmdir(path, cred);
    } else vfs.unlink(path, cred);
    return true;
  } catch (e) {
    if (!isFsError(e)) throw e;
    await io.err(`can't remove '${label}': ${e.text}`);
    return false;
  }
}
