import { Pipe } from '../io/pipe.ts';
import { concatBytes, decode } from '../io/text.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { dateTime } from './lib/time.ts';
import { defineApplet } from './registry.ts';

/**
 * watch [-n SEC] [-t] PROG ARGS: runs `sh -c "PROG ARGS"` every SEC seconds
 * (2), redrawing the screen under BusyBox's header, until interrupted.
 */
export const watch = defineApplet('watch', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'n:t', false);
  if (o.args.length === 0) {
    await io.usage();
    return 1;
  }
  const period = Number(optValue(o, 'n') ?? 2);
  const cmd = o.args.join(' ');
  const k = io.proc.kernel;
  for (;;) {
    const [r, w] = new Pipe().ends();
    const child = k.fork(io.proc, (c) => k.exec(c, '/bin/sh', ['sh', '-c', cmd], c.env));
    child.fds.install(1, w);
    child.fds.dup2(1, 2);
    const chunks: Uint8Array[] = [];
    for (;;) {
      const b = await io.proc.wait(r.read(65536, io.proc));
      if (b === null) break;
      chunks.push(b);
    }
    r.release();
    await io.proc.wait(child.exited);
    let screen = '\x1b[H\x1b[J';
    if (!o.flags.has('t')) {
      const when = dateTime(k.scheduler.now());
      const head = `Every ${period}s: ${cmd}`;
      screen += `${head.padEnd(80 - when.length - 1)} ${when}\n\n`;
    }
    await io.out(screen + decode(concatBytes(chunks)));
    await io.flush();
    await io.proc.wait(k.scheduler.sleep(period * 1000));
  }
});
