import { memInfo } from '../process/sysinfo.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { isTerminal } from './lib/tty.ts';
import { userName } from './lib/users.ts';
import { defineApplet } from './registry.ts';

/** BusyBox's VSZ of its own applets, KiB (what ps/top show for a shell). */
const VSZ = 1640;

/**
 * top [-b] [-n COUNT] [-d SECONDS]: the namespace's processes with BusyBox's
 * header. A screen is redrawn every -d seconds (3) until -n screens or a
 * signal. Simplification: no CPU accounting (0%), and every process but top
 * itself is sleeping.
 */
export const top = defineApplet('top', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'bn:d:m');
  const count = Number(optValue(o, 'n') ?? Infinity);
  const delay = Number(optValue(o, 'd') ?? 3);
  const batch = o.flags.has('b') || !isTerminal(io.proc.fds.get(1));
  const k = io.proc.kernel;
  for (let i = 0; i < count; i++) {
    if (i > 0) await io.proc.wait(k.scheduler.sleep(delay * 1000));
    const m = memInfo(k);
    const procs = k.list();
    let s = batch ? '' : '\x1b[H\x1b[J';
    s += `Mem: ${m.total - m.free}K used, ${m.free}K free, ${m.shared}K shrd, ${m.buffers}K buff, ${m.cached}K cached\n`;
    s += 'CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq\n';
    s += `Load average: 0.00 0.00 0.00 1/${procs.length} ${k.lastPid}\n`;
    s += '  PID  PPID USER     STAT   VSZ %VSZ %CPU COMMAND\n';
    for (const p of procs) {
      const user = (userName(io.proc.vfs, p.cred.uid) ?? String(p.cred.uid)).slice(0, 8);
      const stat = p === io.proc ? 'R' : 'S';
      const pct = Math.floor((VSZ * 100) / m.total);
      s += `${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${user.padEnd(8)} ${stat.padEnd(4)} ${String(VSZ).padStart(5)} ${String(pct).padStart(3)}% ${'0'.padStart(3)}% ${p.argv.join(' ')}\n`;
    }
    await io.out(s);
    await io.flush();
  }
  return 0;
});
