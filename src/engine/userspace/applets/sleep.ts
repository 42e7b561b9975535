import { defineApplet } from './registry.ts';

/** sleep N[smhd]…: interruptible by signals (Ctrl-C, docker stop). */
export const sleep = defineApplet('sleep', async (io, argv) => {
  let total = 0;
  for (const a of argv.slice(1)) {
    if (/^inf(inity)?$/i.test(a)) {
      // `sleep infinity` (a common CMD): wait for a signal, never for a timer.
      await io.proc.wait(new Promise<never>(() => {}));
    }
    const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      await io.err(`invalid number '${a}'`);
      return 1;
    }
    total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]!;
  }
  if (argv.length < 2) {
    await io.err('usage: sleep [N]...');
    return 1;
  }
  await io.proc.wait(io.proc.kernel.scheduler.sleep(total * 1000));
  return 0;
});
