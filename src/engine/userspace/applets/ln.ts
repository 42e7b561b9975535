import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { baseName, joinPath } from './lib/paths.ts';
import { defineApplet } from './registry.ts';

/** ln [-sfnT] TARGET… [LINK]: hard links by default, symbolic with -s. */
export const ln = defineApplet('ln', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'sfnvTb');
  const vfs = io.proc.vfs;
  const cred = io.proc.cred;
  if (o.args.length === 0) {
    await io.err('missing file operand');
    return 1;
  }
  const args = o.args.length === 1 ? [o.args[0]!, baseName(o.args[0]!)] : o.args;
  const dest = args[args.length - 1]!;
  const targets = args.slice(0, -1);
  let destIsDir = false;
  try {
    destIsDir = !o.flags.has('n') && vfs.stat(io.path(dest), cred).type === 'dir';
  } catch {
    destIsDir = false;
  }
  let status = 0;
  for (const t of targets) {
    const link = destIsDir ? joinPath(dest, baseName(t)) : dest;
    const lp = io.path(link);
    try {
      if (o.flags.has('f')) {
        try {
          vfs.unlink(lp, cred);
        } catch {
          // nothing to replace
        }
      }
      if (o.flags.has('s')) vfs.symlink(t, lp, cred);
      else vfs.link(io.path(t), lp, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${e.code === 'EEXIST' ? link : t}: ${e.text}`);
      status = 1;
    }
  }
  return status;
});
