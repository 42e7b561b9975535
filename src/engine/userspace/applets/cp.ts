import { isFsError } from '../../fs/errors.ts';
import type { Stat } from '../../fs/vfs.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { parseOptions } from './lib/options.ts';
import { baseName, joinPath } from './lib/paths.ts';
import { defineApplet } from './registry.ts';

/**
 * cp [-rRapdfP] SRC… DEST: copies content through the Vfs (so the union
 * mount shows the new files in the upper layer); -a/-p keep mode, owner and
 * times; -a/-d/-P copy symlinks as links.
 */
export const cp = defineApplet('cp', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'aRrpdfPLHvinlsTt:');
  const f = o.flags;
  const recursive = f.has('r') || f.has('R') || f.has('a');
  const preserve = f.has('p') || f.has('a');
  const noDeref = f.has('a') || f.has('d') || f.has('P');
  if (o.args.length < 2) {
    await io.err('missing file operand');
    return 1;
  }
  const dest = o.args[o.args.length - 1]!;
  const srcs = o.args.slice(0, -1);
  const vfs = io.proc.vfs;
  let destIsDir = false;
  try {
    destIsDir = vfs.stat(io.path(dest)).type === 'dir';
  } catch {
    destIsDir = false;
  }
  if (srcs.length > 1 && !destIsDir) {
    let exists = true;
    try {
      vfs.lstat(io.path(dest));
    } catch {
      exists = false;
    }
    if (exists) {
      await io.err(`'${dest}' is not a directory`);
      return 1;
    }
    // BusyBox goes on as if DEST were a directory; each copy then fails to create.
    destIsDir = true;
  }
  let status = 0;
  for (const s of srcs) {
    const target = destIsDir ? joinPath(dest, baseName(s)) : dest;
    if (!(await copy(io, s, target, { recursive, preserve, noDeref, top: true }))) status = 1;
  }
  return status;
});

export interface CopyOpts {
  recursive: boolean;
  preserve: boolean;
  noDeref: boolean;
  top: boolean;
}

/** Copies one path (recursively when asked); reports errors as cp does. */
export async function copy(io: AppletIO, src: string, dst: string, opt: CopyOpts): Promise<boolean> {
  const vfs = io.proc.vfs;
  const cred = io.proc.cred;
  const sp = io.path(src);
  const dp = io.path(dst);
  let st: Stat;
  try {
    st = opt.noDeref ? vfs.lstat(sp, cred) : vfs.stat(sp, cred);
  } catch (e) {
    if (!isFsError(e)) throw e;
    await io.err(`can't stat '${src}': ${e.text}`);
    return false;
  }
  await io.proc.maybeYield();
  if (st.type === 'dir') {
    if (!opt.recursive) {
      await io.err(`omitting directory '${src}'`);
      return false;
    }
    try {
      try {
        vfs.mkdir(dp, st.mode & 0o7777, cred);
      } catch (e) {
        if (!isFsError(e, 'EEXIST')) throw e;
      }
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't create directory '${dst}': ${e.text}`);
      return false;
    }
    let ok = true;
    for (const e of vfs.readdir(sp, cred)) ok = (await copy(io, joinPath(src, e.name), joinPath(dst, e.name), { ...opt, top: false })) && ok;
    if (opt.preserve) finish(io, dp, st);
    return ok;
  }
  try {
    if (st.type === 'symlink') {
      try {
        vfs.unlink(dp, cred);
      } catch {
        // nothing to replace
      }
      vfs.symlink(vfs.readlink(sp, cred), dp, cred);
      return true;
    }
    const data = vfs.readFile(sp, cred);
    let exists = true;
    try {
      vfs.stat(dp, cred);
    } catch {
      exists = false;
    }
    vfs.writeFile(dp, data, { mode: st.mode & 0o7777 & ~io.proc.umask, cred });
    if (!exists && !opt.preserve) vfs.chmod(dp, st.mode & 0o7777 & ~io.proc.umask, cred);
    if (opt.preserve) finish(io, dp, st);
    return true;
  } catch (e) {
    if (!isFsError(e)) throw e;
    await io.err(`can't create '${dst}': ${e.text}`);
    return false;
  }
}

function finish(io: AppletIO, dp: string, st: Stat): void {
  const vfs = io.proc.vfs;
  vfs.chmod(dp, st.mode & 0o7777, io.proc.cred);
  try {
    vfs.chown(dp, st.uid, st.gid, io.proc.cred);
  } catch {
    // non-root: ownership silently kept, as cp -p does
  }
  vfs.utimes(dp, st.atimeMs, st.mtimeMs, io.proc.cred);
}
