import { isFsError } from '../../fs/errors.ts';
import { openPath } from '../io/open-path.ts';
import type { OpenFile } from '../io/open-file.ts';
import { parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

/** tee [-a] [FILE]…: copies stdin to stdout and every file, chunk by chunk. */
export const tee = defineApplet('tee', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'ai');
  const files: OpenFile[] = [];
  let status = 0;
  for (const f of o.args) {
    try {
      files.push(openPath(io.proc.vfs, io.proc.fds, io.path(f), o.flags.has('a') ? 'append' : 'write', io.proc.cred));
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`can't open '${f}': ${e.text}`);
      status = 1;
    }
  }
  try {
    for await (const c of io.chunks('-')) {
      for (const f of files) await f.write(c, io.proc);
      await io.outBytes(c);
    }
  } finally {
    for (const f of files) f.release();
  }
  return status;
});
