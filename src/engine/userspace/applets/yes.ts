import { isFsError } from '../../fs/errors.ts';
import { defineApplet } from './registry.ts';

/**
 * yes [STRING…]: repeats forever; ends by SIGPIPE when the reader goes away.
 * Any other write error ends it with BusyBox 1.35's bb_perror_nomsg_and_die
 * text, which really prints "(null)" (`yes > /dev/full`).
 */
export const yes = defineApplet('yes', async (io, argv) => {
  const line = `${argv.length > 1 ? argv.slice(1).join(' ') : 'y'}\n`;
  const block = io.encode(line.repeat(Math.max(1, Math.floor(4096 / line.length))));
  try {
    for (;;) await io.outBytes(block);
  } catch (e) {
    if (!isFsError(e) || e.code === 'EPIPE' || io.proc.dead) throw e;
    await io.err(`(null): ${e.text}`);
    return 1;
  }
});
