import { isFsError } from '../../fs/errors.ts';
import { applyMode } from './lib/mode.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** mkdir [-p] [-m MODE] DIR…. */
export const mkdir = defineApplet('mkdir', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'pm:v');
  const vfs = io.proc.vfs;
  const cred = io.proc.cred;
  const modeArg = optValue(o, 'm');
  const mode = modeArg === undefined ? 0o777 : applyMode(modeArg, 0o777 & ~io.proc.umask, true);
  if (mode === null) {
    await io.err(`invalid mode '${modeArg}'`);
    return 1;
  }
  let status = 0;
  for (const a of o.args) {
    const path = io.path(a);
    try {
      if (o.flags.has('p')) {
        // Walk the argument as written, so a message names the prefix that failed (`'a/': Not a directory`).
        const segs = a.split('/');
        for (let k = 0; k < segs.length; k++) {
          if (segs[k] === '' || segs[k] === '.') continue;
          const shown = segs.slice(0, k + 1).join('/');
          const cur = io.path(shown);
          try {
            vfs.mkdir(cur, 0o777, cred);
          } catch (e) {
            if (!isFsError(e, 'EEXIST')) throw e;
            if (vfs.stat(cur, cred).type !== 'dir') {
              await io.err(`can't create directory '${shown}/': Not a directory`);
              status = 1;
              break;
            }
          }
        }
      } else vfs.mkdir(path, 0o777, cred);
      if (modeArg !== undefined) vfs.chmod(path, mode, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't create directory '${a}': ${e.text}`);
      status = 1;
    }
  }
  return status;
});
