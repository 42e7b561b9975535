import { defineStandaloneProgram } from './registry.ts';

/**
 * hello-world's /hello: a single-applet binary whose payload, after the two
 * header lines (ELF magic, `layerlab-applet hello`), is the greeting it
 * prints. The payload is data in the image (images/base/hello-greeting.ts),
 * so deleting or replacing /hello changes what runs, as with the real binary.
 */
export const hello = defineStandaloneProgram('hello', async (io, argv) => {
  const self = argv[0] ?? '';
  if (!self.includes('/')) {
    await io.err('run me as a path, e.g. /hello');
    return 1;
  }
  const bytes = await io.readBytes(self);
  let newlines = 0;
  let start = bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && ++newlines === 2) {
      start = i + 1;
      break;
    }
  }
  await io.outBytes(bytes.subarray(start));
  return 0;
});
