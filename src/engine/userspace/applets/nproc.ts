import { defineApplet } from './registry.ts';

/** nproc: the simulated host's CPU count (containers share the host's CPUs). */
export const nproc = defineApplet('nproc', async (io) => {
  await io.out(`${io.proc.kernel.opts.cpus ?? 2}\n`);
  return 0;
});
