import type { CliRunOptions, OutputListener, WorkerApi } from '../api/index.ts';
import { completeTerminalLine } from '../host-shell/host-engine.ts';
import type { HostEngine } from '../host-shell/host-engine.ts';
import { OutputBatcher } from './output-batcher.ts';

/**
 * The worker's API: the engine plus the terminal's host (issue #13): each
 * line runs in the login shell of the simulated Docker host, where `docker`
 * is one program among others; keys typed meanwhile go to its terminal; the
 * workspace is the learner's home directory.
 */
export function workerApi(e: HostEngine): WorkerApi {
  const { api, host } = e;
  return {
    ...api,
    async runCommandLine(line: string, options: CliRunOptions, onOutput: OutputListener): Promise<number> {
      const out = new OutputBatcher(onOutput);
      if (options.columns) e.terminal.columns = options.columns;
      try {
        // The terminal's lines run at its prompt; other callers (lesson checks) get a shell of their own, as over ssh.
        const write = (fd: 1 | 2, text: string) => out.write(fd, text);
        return await (options.isTTY ? host.run(line, write) : host.exec(line, write));
      } finally {
        out.flush();
      }
    },
    async terminalInput(data: string) {
      if (typeof data === 'string') host.session.input(data);
    },
    async terminalState() {
      return { prompt: host.session.prompt(), typeAhead: host.session.tty.takeTypeAhead() };
    },
    async workspacePush(changes, replace = false) {
      host.workspace.push(changes, replace);
    },
    async workspacePull() {
      return host.workspace.pull();
    },
    async completions(line: string, cursor: number) {
      return completeTerminalLine(e, line, cursor);
    },
  };
}
