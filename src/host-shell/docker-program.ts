/**
 * `docker` as a program on the simulated host: the CLI (src/cli) run by a
 * host process, with the process's argv and environment, its stdout and
 * stderr, its terminal as the keyboard (`docker run -it`), its files
 * (`docker build .`, `save -o`), and whether its stdout is the terminal.
 * The CLI reaches the daemon through EngineApi, which is what
 * /var/run/docker.sock stands for.
 */
import type { EngineApi } from '../api/index.ts';
import { runDocker } from '../cli/index.ts';
import type { CliInput } from '../cli/io.ts';
import { utf8Decode } from '../engine/fs/utf8.ts';
import type { Process, Program } from '../engine/userspace/process/process.ts';
import { processFiles } from './vfs-files.ts';

/** What the terminal tells programs that the kernel does not: its width. */
export interface TerminalSize {
  columns: number;
}

const TERMINAL = '/dev/pts/0';

function isTerminal(proc: Process, fd: number): boolean {
  return (proc.fds.get(fd) as { path?: string } | undefined)?.path === TERMINAL;
}

export function dockerProgram(api: EngineApi, terminal: TerminalSize, options: { configFile?: (proc: Process) => string | undefined } = {}): Program {
  return async (proc) => {
    let queue: Promise<void> = Promise.resolve();
    // The CLI writes synchronously; the process's descriptors take the bytes in order, after the program ends if need be.
    const out = (fd: 1 | 2) => ({
      write: (text: string) => {
        queue = queue.then(() => proc.write(fd, text)).catch(() => {});
      },
    });
    let reading = false;
    const stdin: CliInput = {
      subscribe(fn) {
        let stopped = false;
        if (!reading) {
          reading = true;
          void (async () => {
            try {
              for (;;) {
                const b = await proc.read(0, 4096);
                if (stopped) return;
                if (b === null) return fn(null);
                fn(utf8Decode(b));
              }
            } catch {
              if (!stopped) fn(null);
            } finally {
              reading = false;
            }
          })();
        }
        return () => {
          stopped = true;
        };
      },
    };
    // Ctrl-C: SIGINT kills this process; what the CLI started in the daemon (a build) is told to stop.
    const onKill = new Set<() => void>();
    void proc.exited.then(() => {
      if (proc.termsig !== undefined) for (const fn of onKill) fn();
    });
    const interrupts = {
      subscribe(fn: () => void) {
        onKill.add(fn);
        return () => void onKill.delete(fn);
      },
    };
    const configFile = options.configFile?.(proc);
    const status = await runDocker(proc.argv.slice(1), {
      api,
      env: proc.env,
      columns: terminal.columns,
      isTTY: isTerminal(proc, 1),
      stdout: out(1),
      stderr: out(2),
      stdin,
      interrupts,
      files: processFiles(proc),
      ...(configFile ? { configFile } : {}),
    });
    await queue;
    return status;
  };
}
