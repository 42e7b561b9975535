import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { applyMode } from './lib/mode.ts';
import { joinPath } from './lib/paths.ts';
import { defineApplet } from './registry.ts';

/** chmod [-R] MODE FILE…: octal or symbolic modes. */
export const chmod = defineApplet('chmod', async (io, argv) => {
  let args = argv.slice(1);
  let recursive = false;
  while (args[0] && /^-[Rvcf]+$/.test(args[0])) {
    if (args[0].includes('R')) recursive = true;
    args = args.slice(1);
  }
  const spec = args[0];
  if (spec === undefined || args.length < 2) {
    await io.err('missing operand');
    return 1;
  }
  let status = 0;
  for (const a of args.slice(1)) if (!(await change(io, spec, a, recursive))) status = 1;
  return status;
});

async function change(io: AppletIO, spec: string, a: string, recursive: boolean): Promise<boolean> {
  const vfs = io.proc.vfs;
  const cred = io.proc.cred;
  const p = io.path(a);
  try {
    const st = vfs.stat(p, cred);
    const mode = applyMode(spec, st.mode, st.type === 'dir', io.proc.umask);
    if (mode === null) {
      await io.err(`invalid mode '${spec}'`);
      return false;
    }
    vfs.chmod(p, mode, cred);
    if (recursive && st.type === 'dir') {
      let ok = true;
      for (const e of vfs.readdir(p, cred)) {
        if (e.type === 'symlink') continue;
        ok = (await change(io, spec, joinPath(a, e.name), true)) && ok;
      }
      return ok;
    }
    return true;
  } catch (e) {
    if (!isFsError(e)) throw e;
    await io.err(`${a}: ${e.text}`);
    return false;
  }
}
