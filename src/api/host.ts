/**
 * The terminal's host: what the tab's prompt and file tree exchange with
 * the simulated Docker host in the worker (see WorkerApi).
 */

/** What the prompt shows: `learner@docker-host:~$ `, `root@docker-host:~# `. */
export interface HostPrompt {
  readonly user: string;
  readonly hostname: string;
  /** The cwd, with the home directory as `~`. */
  readonly dir: string;
  readonly root: boolean;
  /** The whole prompt as plain text. */
  readonly text: string;
}

/** The terminal after a command line: its prompt, and keys typed during the line that no program read. */
export interface TerminalState {
  readonly prompt: HostPrompt;
  readonly typeAhead: string;
}

/**
 * Whole-file changes between the editor's workspace and the learner's home
 * directory on the host (the build context). Paths are relative to the home
 * directory (`src/app.js`).
 */
export interface WorkspaceChanges {
  readonly written: Readonly<Record<string, Uint8Array>>;
  readonly removed: readonly string[];
}
