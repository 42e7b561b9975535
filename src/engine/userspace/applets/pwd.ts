import { defineApplet } from './registry.ts';

/** pwd: the process's working directory (the shell's builtin keeps the logical one). */
export const pwd = defineApplet('pwd', async (io) => {
  await io.out(`${io.proc.cwd}\n`);
  return 0;
});
