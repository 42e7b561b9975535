import { isFsError } from '../../../fs/errors.ts';
import type { AppletMain } from '../../applets/registry.ts';
import { AppletIO } from '../../applets/lib/applet-io.ts';
import { OptionError } from '../../applets/lib/options.ts';
import { echo } from '../../applets/echo.ts';
import { printf } from '../../applets/printf.ts';
import { test } from '../../applets/test.ts';
import { kill } from '../../applets/kill.ts';
import type { Builtin, BuiltinTable } from '../interpreter.ts';
import { cd, command, pwd, trap, type, umask, wait } from './env.ts';
import { getopts } from './getopts.ts';
import { letBuiltin } from './let.ts';
import { hash, times, ulimit } from './misc.ts';
import { brk, colon, cont, dot, evalBuiltin, exec, exit, ret, shift } from './flow.ts';
import { exportBuiltin, local, read, readonly, set, unset } from './vars.ts';

/**
 * An applet run inside the shell's process (BusyBox's NOFORK applets:
 * echo, printf, test…), with its own buffered stdout flushed on return.
 */
function nofork(main: AppletMain): Builtin {
  return async (sh, argv) => {
    const proc = sh.proc;
    const savedArgv = proc.argv;
    proc.argv = argv;
    // BusyBox names the shell, not the applet, in a NOFORK applet's messages (`sh: missing ]`).
    const io = new AppletIO(proc, sh.state.arg0);
    const prev = sh.builtinName;
    sh.builtinName = null;
    try {
      const status = await main(io, argv);
      await io.flush();
      return status;
    } catch (e) {
      if (e instanceof OptionError) {
        await io.err(e.message);
        return 1;
      }
      if (isFsError(e) && e.code !== 'EPIPE') {
        await io.err(`write error: ${e.text}`);
        return 1;
      }
      throw e;
    } finally {
      sh.builtinName = prev;
      proc.argv = savedArgv;
    }
  };
}

/** ash's builtins: POSIX special builtins first in lookup, then functions, then these regular ones. */
export function shellBuiltins(): BuiltinTable {
  const special = new Map<string, Builtin>([
    [':', colon], ['.', dot], ['source', dot], ['break', brk], ['continue', cont], ['eval', evalBuiltin], ['exec', exec], ['exit', exit],
    ['export', exportBuiltin], ['readonly', readonly], ['return', ret], ['set', set], ['shift', shift], ['trap', trap], ['unset', unset],
  ]);
  const regular = new Map<string, Builtin>([
    ['cd', cd], ['pwd', pwd], ['umask', umask], ['wait', wait], ['read', read], ['local', local], ['type', type], ['command', command], ['getopts', getopts], ['ulimit', ulimit], ['times', times], ['hash', hash],
    ['true', async () => 0], ['false', async () => 1],
    ['echo', nofork(echo)], ['printf', nofork(printf)], ['test', nofork(test)], ['[', nofork(test)], ['[[', nofork(test)], ['let', letBuiltin],
    ['kill', nofork(kill)],
  ]);
  return { special, regular };
}
