/**
 * Share and keep: a session (workspace + typed commands) as a link or a file,
 * and opening one. The codec (fflate) loads on first use. Opening always asks
 * first and only replaces files and history: shared commands are never run.
 */
import type { MessageKey } from './messages.ts';
import type { Workspace } from './workspace.svelte.ts';
import type { SessionDoc } from './session-share.ts';

/** What the session actions need from the terminal. */
export interface HistoryHolder {
  readonly history: readonly string[];
  replaceHistory(lines: readonly string[]): void;
}

export class SessionIO {
  status = $state<MessageKey | ''>('');

  constructor(
    private readonly workspace: () => Workspace | undefined,
    private readonly terminal: () => HistoryHolder | undefined,
    private readonly ask: (question: string) => boolean,
  ) {}

  private async doc(): Promise<SessionDoc | null> {
    const ws = this.workspace();
    if (!ws) return null;
    const { files, skipped } = await ws.snapshot();
    if (skipped.length > 0) this.status = 'sessionBinarySkipped';
    return { files, history: [...(this.terminal()?.history ?? [])] };
  }

  /** The share link for the current session, e.g. to copy. */
  async link(base: string): Promise<string | null> {
    const doc = await this.doc();
    if (!doc) return null;
    const { encodeSessionFragment } = await import('./session-share.ts');
    return base.split('#')[0] + encodeSessionFragment(doc);
  }

  async json(): Promise<string | null> {
    const doc = await this.doc();
    if (!doc) return null;
    const { sessionJson } = await import('./session-share.ts');
    return sessionJson(doc);
  }

  /** Opens a session file's text, after asking. */
  async openJson(text: string, question: string): Promise<void> {
    const { parseSessionJson } = await import('./session-share.ts');
    const result = parseSessionJson(text);
    if (!result.ok) {
      this.status = result.error;
      return;
    }
    await this.apply(result.doc, question);
  }

  /** Opens `#session=…` from the address bar, after asking. True when the hash held a session. */
  async openFragment(hash: string, question: string): Promise<boolean> {
    // Most visits carry no session: do not load the codec for them.
    if (!hash.startsWith('#session=')) return false;
    const { decodeSessionFragment } = await import('./session-share.ts');
    const result = decodeSessionFragment(hash);
    if (!result.ok) this.status = result.error;
    else await this.apply(result.doc, question);
    return true;
  }

  private async apply(doc: SessionDoc, question: string): Promise<void> {
    const ws = this.workspace();
    if (!ws || !this.ask(question.replace('{files}', String(Object.keys(doc.files).length)).replace('{commands}', String(doc.history.length)))) return;
    await ws.replaceAll(doc.files);
    this.terminal()?.replaceHistory(doc.history);
    this.status = 'sessionOpened';
  }
}
