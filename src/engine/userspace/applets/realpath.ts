import { canonical } from './readlink.ts';
import { defineApplet } from './registry.ts';

/** realpath FILE…: every symlink resolved; the file must exist. */
export const realpath = defineApplet('realpath', async (io, argv) => {
  let status = 0;
  for (const a of argv.slice(1)) {
    const p = canonical(io.proc.vfs, io.path(a));
    try {
      io.proc.vfs.lstat(p);
      await io.out(`${p}\n`);
    } catch {
      await io.err(`${a}: No such file or directory`);
      status = 1;
    }
  }
  return status;
});
