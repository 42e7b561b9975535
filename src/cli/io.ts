import type { BuildContextEntry } from '../api/build.ts';
import type { CliRunOptions, EngineApi } from '../api/index.ts';

/** Where a command writes: the terminal in the tab, Node's stdout, or an Engine API stream. */
export interface CliOutput {
  write(text: string): void;
}

/**
 * Optional capability: the host's files, for `docker save -o` and
 * `docker load -i`. Node implements it over node:fs; a host without it (the
 * browser tab today) makes those flags fail with a clear message. Failures
 * throw an Error whose message reads as Go's os errors do
 * (`open x.tar: no such file or directory`).
 */
export interface CliFiles {
  readFile(path: string): Uint8Array;
  /** Fails with `invalid output path: …` (docker's ValidateOutputPath) before writing anything. */
  writeFile(path: string, data: Uint8Array): void;
  /**
   * The tree under `dir` (the build context of `docker build DIR`), every
   * entry relative to `dir` (`src/app.js`, no leading `/`), parents before
   * children, names sorted bytewise; symlinks are listed, never followed.
   * Relative paths resolve against the caller's working directory (the host
   * shell's cwd, or Node's). Throws `lstat DIR: no such file or directory`
   * when `dir` is missing and `DIR: not a directory` when it is a file.
   * Optional: a host without it cannot send a build context.
   */
  walk?(dir: string): BuildContextEntry[];
  /**
   * What is at `path` (symlinks not followed), or undefined when nothing
   * is. Optional: `docker cp` needs it to decide where a copy lands.
   */
  stat?(path: string): { readonly type: 'file' | 'dir' | 'symlink' | 'other' } | undefined;
  /**
   * Writes `entries` (paths relative to `dir`, parents before children)
   * under `dir`, creating `dir` itself when missing (its parent must
   * exist: `lstat PARENT: no such file or directory`); an existing file is
   * replaced, an existing directory kept. Optional: `docker cp` to the host.
   */
  extract?(dir: string, entries: readonly BuildContextEntry[]): void;
}

/**
 * Optional capability: the terminal's keyboard, for `docker run -i`,
 * `docker exec -i` and `docker attach`. `subscribe` delivers typed text as
 * it arrives and `null` at end of input; it returns the unsubscribe function.
 * Without it, an interactive container's stdin is closed at once.
 */
export interface CliInput {
  subscribe(fn: (text: string | null) => void): () => void;
}

/**
 * Optional capability: the user's Ctrl-C while the command runs (the host
 * delivers SIGINT to the docker process). `subscribe` returns the
 * unsubscribe function. `docker build` cancels the build on it.
 */
export interface CliInterrupts {
  subscribe(fn: () => void): () => void;
}

/** Everything a `docker` command may use. The CLI touches the engine only through `api`. */
export interface CliContext extends CliRunOptions {
  readonly api: EngineApi;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly files?: CliFiles;
  readonly stdin?: CliInput;
  readonly interrupts?: CliInterrupts;
  /**
   * Where the client's config.json (`docker login` credentials) lives among
   * the host's `files`. Absent (or without `files`, as in the tab): the
   * client keeps its config in memory, one per engine, for the session.
   */
  readonly configFile?: string;
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

/** All of stdin, up to end of input. */
export function readAll(input: CliInput): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    let stop: (() => void) | undefined;
    let done = false;
    stop = input.subscribe((chunk) => {
      if (chunk !== null) {
        text += chunk;
        return;
      }
      done = true;
      stop?.();
      resolve(text);
    });
    if (done) stop();
  });
}
