import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { dirName } from './lib/paths.ts';
import { defineApplet } from './registry.ts';

/** rmdir [-p] DIR…: with -p also each parent named in the argument. */
export const rmdir = defineApplet('rmdir', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'pv');
  let status = 0;
  for (const a of o.args) {
    let cur = a;
    for (;;) {
      try {
        io.proc.vfs.rmdir(io.path(cur), io.proc.cred);
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.err(`'${cur}': ${e.text}`);
        status = 1;
        break;
      }
      if (!o.flags.has('p')) break;
      const parent = dirName(cur);
      if (parent === '.' || parent === '/' || parent === cur) break;
      cur = parent;
    }
  }
  return status;
});
