import { parseSignal, SIGNALS, signalName } from '../process/signals.ts';
import { defineApplet } from './registry.ts';

/** kill [-SIG | -s SIG] PID… and kill -l [N]. Negative PIDs address process groups; -1 everyone but init and the caller. */
export const kill = defineApplet('kill', async (io, argv) => {
  let sig: number = SIGNALS.TERM;
  let i = 1;
  const a = argv[1];
  if (a === '-l') {
    if (argv[2] !== undefined) {
      const n = parseSignal(argv[2]);
      if (n === undefined) {
        await io.err(`bad signal name '${argv[2]}'`);
        return 1;
      }
      await io.out(/^\d+$/.test(argv[2]) ? `${signalName(n)}\n` : `${n}\n`);
      return 0;
    }
    let out = '';
    for (let n = 1; n < 32; n++) {
      const name = signalName(n);
      if (name) out += `${String(n).padStart(2)}) ${name}\n`;
    }
    await io.out(out);
    return 0;
  }
  if (a === '-s' || a === '-n') {
    const n = parseSignal(argv[2] ?? '');
    if (n === undefined) {
      await io.err(`bad signal name '${argv[2] ?? ''}'`);
      return 1;
    }
    sig = n;
    i = 3;
  } else if (a !== undefined && a.startsWith('-') && a !== '--' && !/^-\d+$/.test(a) || (a !== undefined && /^-\d+$/.test(a) && argv.length > 2)) {
    const n = parseSignal(a!.slice(1));
    if (n === undefined) {
      await io.err(`bad signal name '${a!.slice(1)}'`);
      return 1;
    }
    sig = n;
    i = 2;
  }
  if (argv[i] === '--') i++;
  let status = 0;
  for (const t of argv.slice(i)) {
    if (!/^-?\d+$/.test(t)) {
      await io.err(`invalid number '${t}'`);
      status = 1;
      continue;
    }
    const pid = Number(t);
    const k = io.proc.kernel;
    // kill(-1, sig): every process but init and the caller (how a runaway fork bomb is stopped).
    const everyone = () => k.list().filter((p) => p.pid !== 1 && p !== io.proc).map((p) => k.kill(p.pid, sig)).some(Boolean);
    const ok = pid === -1 ? everyone() : pid < 0 ? k.killGroup(-pid, sig) : pid === 0 ? k.killGroup(io.proc.pgid, sig) : k.kill(pid, sig);
    if (!ok) {
      await io.err(`can't kill pid ${pid}: No such process`);
      status = 1;
    }
  }
  return status;
});
