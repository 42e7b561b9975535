import type { CliRunOptions, EngineApi } from '../api/index.ts';

/** Where a command writes: the terminal in the tab, Node's stdout, or an Engine API stream. */
export interface CliOutput {
  write(text: string): void;
}

/** Everything a `docker` command may use. The CLI touches the engine only through `api`. */
export interface CliContext extends CliRunOptions {
  readonly api: EngineApi;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  /** Timezone for printing dates; the browser's, or UTC in tests. Simplification: only UTC today. */
}

/** Read an env var from the `KEY=value` list. */
export function getenv(ctx: CliRunOptions, name: string): string | undefined {
  const prefix = `${name}=`;
  for (let i = (ctx.env?.length ?? 0) - 1; i >= 0; i--) {
    const kv = ctx.env![i]!;
    if (kv.startsWith(prefix)) return kv.slice(prefix.length);
  }
  return undefined;
}
