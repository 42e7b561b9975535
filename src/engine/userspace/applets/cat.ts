import { isFsError } from '../../fs/errors.ts';
import { parseOptions } from './lib/options.ts';
import { decode } from '../io/text.ts';
import { defineApplet } from './registry.ts';

/** cat [-nbvteA] [FILE]…: copies bytes; `-n`/`-b` number lines. */
export const cat = defineApplet('cat', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'nbvteAu');
  const files = o.args.length ? o.args : ['-'];
  const number = o.flags.has('n') || o.flags.has('b');
  let status = 0;
  let lineNo = 1;
  let atStart = true;
  for (const f of files) {
    try {
      if (!number) {
        for await (const c of io.chunks(f)) await io.outBytes(c);
        continue;
      }
      for await (const c of io.chunks(f)) {
        const text = decode(c);
        let out = '';
        for (const ch of text.split(/(?<=\n)/)) {
          if (atStart && !(o.flags.has('b') && ch === '\n')) out += `${String(lineNo++).padStart(6)}\t`;
          out += ch;
          atStart = ch.endsWith('\n');
        }
        await io.out(out);
      }
    } catch (e) {
      // A failing stdout is BusyBox's "write error" (reported by the applet wrapper).
      if (!isFsError(e) || e.syscall === 'write') throw e;
      await io.err(e.code === 'EISDIR' ? `read error: ${e.text}` : `can't open '${f}': ${e.text}`);
      status = 1;
    }
  }
  return status;
});
