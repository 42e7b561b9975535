import { defineApplet } from './registry.ts';

/** yes [STRING…]: repeats forever; ends by SIGPIPE when the reader goes away. */
export const yes = defineApplet('yes', async (io, argv) => {
  const line = `${argv.length > 1 ? argv.slice(1).join(' ') : 'y'}\n`;
  const block = io.encode(line.repeat(Math.max(1, Math.floor(4096 / line.length))));
  for (;;) await io.outBytes(block);
});
