import { baseName, dirName } from './lib/paths.ts';
import { defineApplet } from './registry.ts';

/** basename PATH [SUFFIX]. */
export const basename = defineApplet('basename', async (io, argv) => {
  const p = argv[1];
  if (p === undefined) {
    await io.err('missing operand');
    return 1;
  }
  let b = baseName(p);
  const suffix = argv[2];
  if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
  await io.out(`${b}\n`);
  return 0;
});

/** dirname PATH. */
export const dirname = defineApplet('dirname', async (io, argv) => {
  const p = argv[1];
  if (p === undefined) {
    await io.err('missing operand');
    return 1;
  }
  await io.out(`${dirName(p)}\n`);
  return 0;
});
