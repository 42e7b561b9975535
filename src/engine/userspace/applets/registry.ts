import type { Program } from '../process/process.ts';
import { AppletIO } from './lib/applet-io.ts';
import { OptionError } from './lib/options.ts';
import { ForkError } from '../process/errors.ts';
import { hasUsage } from './lib/usage.ts';
import { isFsError } from '../../fs/errors.ts';

/** An applet's body: gets its I/O and argv, resolves to the exit status. */
export type AppletMain = (io: AppletIO, argv: string[]) => Promise<number>;

const applets = new Map<string, AppletMain>();
/** Programs that are stand-alone binaries (e.g. hello-world's /hello), never BusyBox applets. */
const standalone = new Map<string, AppletMain>();

/** Registers an applet under one or more names (as BusyBox's applet table does). */
export function defineApplet(names: string | readonly string[], main: AppletMain): AppletMain {
  for (const n of typeof names === 'string' ? [names] : names) applets.set(n, main);
  return main;
}

/** Wraps an applet as a process program: stdout flushed at exit, option errors reported. */
export function appletProgram(name: string, main: AppletMain): Program {
  return async (proc) => {
    const io = new AppletIO(proc, name);
    let status: number;
    try {
      status = await main(io, proc.argv);
      await io.flush();
    } catch (e) {
      if (e instanceof ForkError) {
        // libbb's xvfork: "vfork: Resource temporarily unavailable" (the namespace's process limit).
        await io.err(`vfork: ${e.message}`);
        return 1;
      }
      if (e instanceof OptionError) {
        await io.err(e.message);
        // getopt32's bb_show_usage() follows, where we have the applet's text.
        if (hasUsage(name)) await io.usage();
        return 1;
      }
      // A closed or failing stdout (not a broken pipe, which is SIGPIPE): BusyBox's xwrite error.
      if (isFsError(e) && e.code !== 'EPIPE' && !proc.dead) {
        await io.err(`write error: ${e.text}`);
        return 1;
      }
      throw e;
    }
    return status;
  };
}

/**
 * Registers a stand-alone program: it runs only from a single-applet binary
 * naming it (`layerlab-applet NAME`), never through /bin/busybox, and gets
 * no BusyBox link.
 */
export function defineStandaloneProgram(name: string, main: AppletMain): AppletMain {
  standalone.set(name, main);
  return main;
}

/**
 * The lookup the kernel uses to exec a binary: `/bin/busybox` and its links
 * reach the BusyBox applets; a single-applet binary may also name a
 * stand-alone program.
 */
export function lookupApplet(name: string, from: 'busybox' | 'applet' = 'busybox'): Program | undefined {
  const main = applets.get(name) ?? (from === 'applet' ? standalone.get(name) : undefined);
  return main ? appletProgram(name, main) : undefined;
}

export function appletMain(name: string): AppletMain | undefined {
  return applets.get(name);
}

/** Every applet name, sorted (for `busybox --list` and installing links). */
export function appletNames(): string[] {
  return [...applets.keys()].sort();
}
