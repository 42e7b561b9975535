import { openPath } from '../io/open-path.ts';
import { ExecError } from '../process/errors.ts';
import { parseSignal, SIGNALS } from '../process/signals.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { findInPath } from './exec-helper.ts';
import { isTerminal } from './lib/tty.ts';
import { optValue, parseOptions } from './lib/options.ts';
import { defineApplet } from './registry.ts';

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Execs `argv` in this process (as BusyBox's nohup/timeout do), with BusyBox's message when it cannot. */
async function execInPlace(io: AppletIO, argv: string[]): Promise<number> {
  const path = findInPath(io.proc, argv[0]!, io.proc.getenv('PATH'));
  await io.flush();
  try {
    if (path === null) throw new ExecError('ENOENT', argv[0]!);
    return await io.proc.kernel.exec(io.proc, path, argv, io.proc.env);
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    await io.err(`can't execute '${argv[0]}': ${e.code === 'EACCES' ? 'Permission denied' : 'No such file or directory'}`);
    return e.code === 'EACCES' ? 126 : 127;
  }
}

/**
 * timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS: runs PROG; after SECS it
 * gets SIG (TERM), and KILL after KILL_SECS more. As in BusyBox, PROG keeps
 * timeout's process (the shell then reports its death by signal).
 */
export const timeout = defineApplet('timeout', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 's:k:t:', false);
  const secs = o.args[0];
  if (secs === undefined || o.args.length < 2 || !/^\d+(\.\d+)?[smhd]?$/.test(secs)) {
    await io.usage();
    return 1;
  }
  const sig = parseSignal(optValue(o, 's') ?? 'TERM');
  if (sig === undefined) {
    await io.err(`bad signal name '${optValue(o, 's')}'`);
    return 1;
  }
  const seconds = (s: string) => Number.parseFloat(s) * (UNIT[s.slice(-1)] ?? 1);
  const k = io.proc.kernel;
  const self = io.proc;
  const killAfter = optValue(o, 'k');
  // The watchdog: BusyBox forks one; here a timer that signals this process (PROG after the exec).
  void k.scheduler.sleep(seconds(secs) * 1000).then(() => {
    if (self.dead) return;
    k.kill(self.pid, sig);
    if (killAfter !== undefined) void k.scheduler.sleep(seconds(killAfter) * 1000).then(() => void (self.dead || k.kill(self.pid, 9)));
  });
  return execInPlace(io, o.args.slice(1));
});

/**
 * nohup PROG ARGS: PROG ignores SIGHUP; a terminal stdout becomes
 * ./nohup.out (appended), as BusyBox says on stderr.
 */
export const nohup = defineApplet('nohup', async (io, argv) => {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0) {
    await io.usage();
    return 1;
  }
  io.proc.dispositions.set(SIGNALS.HUP, 'ignore');
  if (isTerminal(io.proc.fds.get(1))) {
    io.proc.fds.install(1, openPath(io.proc.vfs, io.proc.fds, io.path('nohup.out'), 'append', io.proc.cred));
    await io.err('appending output to nohup.out');
  }
  return execInPlace(io, args);
});
