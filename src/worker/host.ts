import type { CliRunOptions, EngineApi, OutputListener, WorkerApi } from '../api/index.ts';
import { completeDockerLine, runDocker, splitCommandLine } from '../cli/index.ts';
import { OutputBatcher } from './output-batcher.ts';

/**
 * Adds the terminal's command runner to an engine. Until the host shell lands
 * (issue #13) a line is split with POSIX quoting and must start with `docker`.
 */
export function workerApi(engine: EngineApi): WorkerApi {
  return {
    ...engine,
    async runCommandLine(line: string, options: CliRunOptions, onOutput: OutputListener): Promise<number> {
      const out = new OutputBatcher(onOutput);
      try {
        let argv: string[];
        try {
          argv = splitCommandLine(line);
        } catch (err) {
          out.write(2, `sh: syntax error: ${(err as Error).message}\n`);
          return 2;
        }
        if (argv.length === 0) return 0;
        if (argv[0] !== 'docker') {
          out.write(2, `sh: ${argv[0]}: not found (this terminal runs docker commands for now)\n`);
          return 127;
        }
        return await runDocker(argv.slice(1), {
          ...options,
          api: engine,
          stdout: { write: (s) => out.write(1, s) },
          stderr: { write: (s) => out.write(2, s) },
        });
      } finally {
        out.flush();
      }
    },
    async completions(line: string, cursor: number) {
      if (typeof line !== 'string' || !Number.isInteger(cursor) || cursor < 0 || cursor > line.length) return { from: 0, to: 0, candidates: [] };
      return completeDockerLine(line, cursor, async (kind) => {
        try {
          if (kind === 'image') return (await engine.imageList()).flatMap((i) => i.RepoTags).filter((t) => t !== '<none>:<none>');
          return (await engine.containerList({ all: true })).flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
        } catch {
          return [];
        }
      });
    },
  };
}
