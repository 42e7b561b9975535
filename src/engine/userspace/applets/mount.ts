import { decode } from '../io/text.ts';
import { defineApplet } from './registry.ts';

/**
 * mount (no arguments): the mount table from /proc/mounts, as
 * `DEV on DIR type TYPE (OPTIONS)`. Mounting is not simulated: with
 * arguments it fails as an unprivileged container would.
 */
export const mount = defineApplet('mount', async (io, argv) => {
  if (argv.length > 1) {
    await io.err('permission denied (are you root?)');
    return 1;
  }
  let text: string;
  try {
    text = decode(io.proc.vfs.readFile('/proc/mounts'));
  } catch {
    await io.err("can't read '/proc/mounts': No such file or directory");
    return 1;
  }
  let out = '';
  for (const line of text.split('\n')) {
    const [dev, dir, type, opts] = line.split(' ');
    if (!dev || !dir || !type) continue;
    out += `${dev} on ${dir} type ${type} (${opts ?? 'rw'})\n`;
  }
  await io.out(out);
  return 0;
});
