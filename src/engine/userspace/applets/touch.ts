import { isFsError } from '../../fs/errors.ts';
import { O_CREAT, O_WRONLY } from '../../fs/vfs.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** touch [-c] [-d DATE] [-r FILE] FILE…: creates missing files, sets times to now (the injected clock). */
export const touch = defineApplet('touch', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'cd:r:t:amh');
  const vfs = io.proc.vfs;
  const cred = io.proc.cred;
  let when = io.proc.kernel.scheduler.now();
  const d = optValue(o, 'd');
  const r = optValue(o, 'r');
  if (d !== undefined) {
    const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(d) ? d : `${d.replace(' ', 'T')}Z`);
    if (Number.isNaN(t)) {
      await io.err(`invalid date '${d}'`);
      return 1;
    }
    when = t;
  } else if (r !== undefined) {
    try {
      when = vfs.stat(io.path(r), cred).mtimeMs;
    } catch (e) {
      await io.fsErr(r, e);
      return 1;
    }
  }
  let status = 0;
  for (const a of o.args) {
    const path = io.path(a);
    try {
      try {
        vfs.stat(path, cred);
      } catch (e) {
        if (!isFsError(e, 'ENOENT') || o.flags.has('c')) {
          if (o.flags.has('c')) continue;
          throw e;
        }
        vfs.close(vfs.open(path, O_WRONLY | O_CREAT, 0o666, cred));
      }
      vfs.utimes(path, when, when, cred);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${a}: ${e.text}`);
      status = 1;
    }
  }
  return status;
});
