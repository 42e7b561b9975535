import { isFsError } from '../../fs/errors.ts';
import { parseOptions, optValue } from './lib/options.ts';
import { defineApplet } from './registry.ts';

const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * mktemp [-dqtu] [-p DIR] [TEMPLATE]: a new file (0600) or directory (0700)
 * named from TEMPLATE (`tmp.XXXXXX` in $TMPDIR or /tmp by default), its
 * trailing X's (at least six, as glibc wants) replaced from the kernel's
 * random source. BusyBox 1.35 really says "(null): Invalid argument" for a
 * bad template.
 */
export const mktemp = defineApplet('mktemp', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'dqtup:');
  const tmpdir = optValue(o, 'p') ?? io.proc.getenv('TMPDIR') ?? '/tmp';
  const given = o.args[0];
  const template = given === undefined ? `${tmpdir}/tmp.XXXXXX` : o.flags.has('t') || o.flags.has('p') ? `${tmpdir}/${given}` : given;
  const xs = /X*$/.exec(template)![0].length;
  if (xs < 6) {
    if (!o.flags.has('q')) await io.err('(null): Invalid argument');
    return 1;
  }
  const k = io.proc.kernel;
  let seed = (k.lastPid * 2654435761) >>> 0;
  const random = k.opts.random ?? (() => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0));
  const { vfs, cred } = io.proc;
  for (let attempt = 0; attempt < 100; attempt++) {
    let name = template.slice(0, template.length - xs);
    for (let i = 0; i < xs; i++) name += CHARS[random() % CHARS.length];
    const path = io.path(name);
    try {
      if (o.flags.has('u')) vfs.lstat(path, cred);
      else if (o.flags.has('d')) vfs.mkdir(path, 0o700, cred);
      else {
        vfs.lstat(path, cred);
        continue;
      }
      if (o.flags.has('u')) continue;
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (e.code === 'EEXIST') continue;
      if (e.code === 'ENOENT' && !o.flags.has('d')) {
        if (!o.flags.has('u')) vfs.writeFile(path, new Uint8Array(0), { mode: 0o600, cred });
      } else {
        if (!o.flags.has('q')) await io.err(`${name}: ${e.text}`);
        return 1;
      }
    }
    await io.out(`${name}\n`);
    return 0;
  }
  return 1;
});
