import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** readlink [-fn] FILE: prints a symlink's target; -f canonicalises the whole path. */
export const readlink = defineApplet('readlink', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'fnvemq');
  const a = o.args[0];
  if (a === undefined) return 1;
  const vfs = io.proc.vfs;
  const nl = o.flags.has('n') ? '' : '\n';
  try {
    if (o.flags.has('f') || o.flags.has('e') || o.flags.has('m')) {
      await io.out(`${canonical(io.proc.vfs, io.path(a))}${nl}`);
      return 0;
    }
    await io.out(`${vfs.readlink(io.path(a), io.proc.cred)}${nl}`);
    return 0;
  } catch (e) {
    if (!isFsError(e)) throw e;
    return 1;
  }
});

/** realpath(3) over the Vfs: resolves every symlink component. */
export function canonical(vfs: import('../../fs/vfs.ts').Vfs, path: string): string {
  const parts = path.split('/').filter(Boolean);
  let out: string[] = [];
  let hops = 0;
  while (parts.length > 0) {
    const seg = parts.shift()!;
    if (seg === '.') continue;
    if (seg === '..') {
      out.pop();
      continue;
    }
    const cur = `/${[...out, seg].join('/')}`;
    let st;
    try {
      st = vfs.lstat(cur);
    } catch {
      out.push(seg);
      continue;
    }
    if (st.type === 'symlink') {
      if (++hops > 40) throw new Error('ELOOP');
      const t = vfs.readlink(cur);
      if (t.startsWith('/')) out = [];
      parts.unshift(...t.split('/').filter(Boolean));
      continue;
    }
    out.push(seg);
  }
  return `/${out.join('/')}`;
}
