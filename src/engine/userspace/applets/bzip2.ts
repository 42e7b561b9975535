import { unsupportedCodec } from './lib/compress.ts';
import { defineApplet } from './registry.ts';

/**
 * bzip2, xz and their companions: present so a learner gets a clear answer
 * instead of "not found". Simplification: no bzip2/xz codec; use gzip.
 */
for (const [names, codec] of [
  [['bzip2', 'bunzip2', 'bzcat'], 'bzip2'],
  [['xz', 'unxz', 'xzcat', 'lzma', 'unlzma', 'lzcat'], 'xz'],
] as const) {
  defineApplet(names, async (io) => {
    await io.err(unsupportedCodec(codec));
    return 1;
  });
}
