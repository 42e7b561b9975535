import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { baseName, joinPath } from './lib/paths.ts';
import { copy } from './cp.ts';
import { remove } from './rm.ts';
import { defineApplet } from './registry.ts';

/** mv [-fin] SRC… DEST: rename(2); across devices (EXDEV) copies then removes, as BusyBox does. */
export const mv = defineApplet('mv', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'finvT');
  if (o.args.length < 2) {
    await io.err('missing file operand');
    return 1;
  }
  const vfs = io.proc.vfs;
  const cred = io.proc.cred;
  const dest = o.args[o.args.length - 1]!;
  const srcs = o.args.slice(0, -1);
  let destIsDir = false;
  try {
    destIsDir = vfs.stat(io.path(dest), cred).type === 'dir';
  } catch {
    destIsDir = false;
  }
  if (srcs.length > 1 && !destIsDir) {
    await io.err(`'${dest}' is not a directory`);
    return 1;
  }
  let status = 0;
  for (const s of srcs) {
    const target = destIsDir ? joinPath(dest, baseName(s)) : dest;
    try {
      if (o.flags.has('n')) {
        try {
          vfs.lstat(io.path(target), cred);
          continue;
        } catch {
          // target absent: go on
        }
      }
      vfs.rename(io.path(s), io.path(target), cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (e.code === 'EXDEV') {
        // Across devices (a lower directory of a union mount): copy, then remove, as BusyBox mv does.
        const st = vfs.lstat(io.path(s), cred);
        const ok = (await copy(io, s, target, { recursive: true, preserve: true, noDeref: true, top: true })) && (await remove(io, vfs, cred, io.path(s), s, st.type === 'dir'));
        if (!ok) status = 1;
        continue;
      }
      await io.err(`can't rename '${s}': ${e.text}`);
      status = 1;
    }
  }
  return status;
});
