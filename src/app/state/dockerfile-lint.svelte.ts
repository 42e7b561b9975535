/**
 * Lints the open Dockerfile through the engine while the learner types:
 * debounced, and an answer that arrives after a newer request is dropped, so
 * markers never jump back to an older text.
 */
import type { Diagnostic } from '../../api/index.ts';

export class DockerfileLint {
  diagnostics = $state<Diagnostic[]>([]);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor(
    private readonly lint: (text: string) => Promise<Diagnostic[]>,
    private readonly delayMs = 300,
  ) {}

  /** Lint `text` once typing pauses for `delayMs`. */
  schedule(text: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.now(text), this.delayMs);
  }

  /** Lint right away (opening a file). */
  async now(text: string): Promise<void> {
    clearTimeout(this.timer);
    const request = ++this.latest;
    try {
      const result = await this.lint(text);
      if (request === this.latest) this.diagnostics = result;
    } catch {
      // The worker restarting is not the learner's problem: keep the last markers.
    }
  }

  /** Forget markers (a file that is not a Dockerfile is open). */
  clear(): void {
    clearTimeout(this.timer);
    this.latest++;
    this.diagnostics = [];
  }
}
