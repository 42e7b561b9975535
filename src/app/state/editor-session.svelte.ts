/**
 * What the editor pane does with a file besides showing it: autosave to the
 * workspace (debounced, flushed before another file opens) and the engine's
 * lint for Dockerfiles.
 */
import type { Diagnostic } from '../../api/index.ts';
import { isDockerfile } from '../workspace/file-kinds.ts';
import { DockerfileLint } from './dockerfile-lint.svelte.ts';
import type { Workspace } from './workspace.svelte.ts';

export class EditorSession {
  readonly lint: DockerfileLint;
  saved = $state(true);
  private pending: { path: string; text: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly workspace: Workspace,
    lint: (text: string) => Promise<Diagnostic[]>,
    private readonly saveDelayMs = 400,
  ) {
    this.lint = new DockerfileLint(lint);
  }

  /** The file was opened with `text`. */
  opened(path: string, text: string): void {
    if (isDockerfile(path)) void this.lint.now(text);
    else this.lint.clear();
  }

  /** The learner edited the open file. */
  changed(path: string, text: string): void {
    this.saved = false;
    this.pending = { path, text };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.saveDelayMs);
    if (isDockerfile(path)) this.lint.schedule(text);
  }

  /** Writes an unsaved edit now (before switching files or leaving). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const p = this.pending;
    this.pending = null;
    if (p && this.workspace.has(p.path)) await this.workspace.save(p.path, p.text);
    if (!this.pending) this.saved = true;
  }
}
