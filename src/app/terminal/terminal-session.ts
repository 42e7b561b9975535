/**
 * The xterm adapter: one host prompt wired to the engine worker. xterm draws
 * and reports keys; the pure LineEditor decides what a key does to the line;
 * the worker runs the line and answers completion requests. The Svelte
 * component only mounts this and passes preferences in.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import type { EngineClient } from '../../client/engine-client.ts';
import type { SupervisedEngine } from '../../client/engine-supervisor.ts';
import type { HostPrompt } from '../../api/index.ts';
import type { Theme } from '../state/preferences.svelte.ts';
import { loadCommandHistory, saveCommandHistory } from '../state/command-history.ts';
import { LineEditor, type EditorAction } from './line-editor.ts';
import { OutputGuard } from './output-guard.ts';
import { terminalTheme } from './themes.ts';

/** The host's prompt in Ubuntu's default colours: `learner@docker-host:~$ `, `root@docker-host:/tmp# `. */
export function promptText(p: Pick<HostPrompt, 'user' | 'hostname' | 'dir' | 'root'>): string {
  return `\x1b[1;32m${p.user}@${p.hostname}\x1b[0m:\x1b[1;34m${p.dir}\x1b[0m${p.root ? '#' : '$'} `;
}

export const PROMPT = promptText({ user: 'learner', hostname: 'docker-host', dir: '~', root: false });

/** Most characters one paste may type (256 KiB, about 50 ms of line editing); files go through the workspace's upload. */
const MAX_INPUT = 256 * 1024;

/** Asks xterm to wrap pasted text in ESC[200~ … ESC[201~ (bracketed paste). */
const BRACKETED_PASTE_ON = '\x1b[?2004h';

export interface TerminalSessionOptions {
  readonly client: EngineClient;
  readonly theme: Theme;
  readonly fontSize: number;
  readonly welcome: string;
  /** Called with a short status text after copy/paste (for a live region). */
  readonly onStatus?: (key: 'copied' | 'pasteFailed' | 'copyFailed' | 'pasteTooLarge') => void;
}

export class TerminalSession {
  private readonly xterm: Terminal;
  private readonly fit = new FitAddon();
  private readonly editor: LineEditor;
  private readonly disposers: (() => void)[] = [];
  private busy = false;
  /** A command line is running: keys go to its terminal (the host's tty), not the line editor. */
  private running = false;
  private prompt = PROMPT;
  private readonly queue: string[] = [];
  /** Called before every command line (the editor saves, so `docker build .` sees what is on screen). */
  beforeCommand: (() => Promise<void> | void) | undefined;
  /** Called after every command line (the workspace pulls what commands changed in the home directory). */
  afterCommand: (() => Promise<void> | void) | undefined;

  constructor(
    private readonly host: HTMLElement,
    private readonly options: TerminalSessionOptions,
  ) {
    this.xterm = new Terminal({
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono'),
      fontSize: options.fontSize,
      cursorBlink: true,
      scrollback: 5000,
      theme: terminalTheme(options.theme),
      // A screen reader hears command output; learners who need it should not have to ask.
      screenReaderMode: true,
    });
    this.editor = new LineEditor({ prompt: PROMPT, history: loadCommandHistory() });
    this.xterm.loadAddon(this.fit);
    this.xterm.open(host);
    this.fit.fit();
    const resize = new ResizeObserver(() => this.fit.fit());
    resize.observe(host);
    this.disposers.push(() => resize.disconnect());

    this.xterm.attachCustomKeyEventHandler((e) => this.onKey(e));
    const menu = (e: MouseEvent) => {
      // Right-click copies a selection, or pastes when there is none (as PuTTY and Windows Terminal do).
      e.preventDefault();
      if (this.xterm.hasSelection()) void this.copy();
      else void this.paste();
    };
    host.addEventListener('contextmenu', menu);
    this.disposers.push(() => host.removeEventListener('contextmenu', menu));
    const input = this.xterm.onData((data) => this.keyboard(data));
    this.disposers.push(() => input.dispose());

    this.xterm.write(BRACKETED_PASTE_ON);
    this.xterm.writeln(options.welcome);
    this.xterm.write(this.prompt);
  }

  focus(): void {
    this.xterm.focus();
  }

  /** A message from Layerlab itself (not a program), on its own line above the prompt. */
  notice(text: string): void {
    const safe = new OutputGuard().write(text);
    this.xterm.write(`\r\x1b[2K\x1b[33m${safe.replace(/\r?\n/g, '\r\n')}\x1b[0m\r\n`);
    if (!this.busy) this.xterm.write(this.prompt + this.editor.redrawLine());
  }

  /** Commands typed so far, oldest first (for sharing a session). */
  get history(): readonly string[] {
    return this.editor.entries;
  }

  /** Replaces the command history with a shared session's commands; they are offered on ↑, never run. */
  replaceHistory(lines: readonly string[]): void {
    this.editor.replaceHistory(lines);
    saveCommandHistory(this.editor.entries);
  }

  /** The whole scrollback as plain text (tests and the share feature read it). */
  bufferText(): string {
    const buffer = this.xterm.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  setTheme(theme: Theme): void {
    this.xterm.options.theme = terminalTheme(theme);
  }

  setFontSize(size: number): void {
    this.xterm.options.fontSize = size;
    this.fit.fit();
  }

  /** Types `line` and Enter, as if the learner did (lessons and shared sessions replay this way). */
  type(line: string): void {
    this.input(`${line}\r`);
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.xterm.dispose();
  }

  /** Clipboard keys; returning false keeps xterm from also handling the key. */
  private onKey(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown') return true;
    // Alt+1…5 move between panes (App); the terminal must not also type the digit.
    if (e.altKey && !e.ctrlKey && /^(Digit|Numpad)[1-5]$/.test(e.code)) return false;
    const key = e.key.toLowerCase();
    const copyKey = (e.ctrlKey && e.shiftKey && key === 'c') || (e.ctrlKey && key === 'insert');
    const pasteKey = (e.ctrlKey && e.shiftKey && key === 'v') || (e.shiftKey && key === 'insert');
    // Ctrl-C with a selection copies; without one it is an interrupt, as in most terminals on the web.
    if (copyKey || (e.ctrlKey && !e.shiftKey && key === 'c' && this.xterm.hasSelection())) {
      e.preventDefault();
      void this.copy();
      return false;
    }
    if (pasteKey) {
      e.preventDefault();
      void this.paste();
      return false;
    }
    return true;
  }

  private async copy(): Promise<void> {
    const text = this.xterm.getSelection();
    if (text === '') return;
    try {
      await navigator.clipboard.writeText(text);
      this.xterm.clearSelection();
      this.options.onStatus?.('copied');
    } catch {
      this.options.onStatus?.('copyFailed');
    }
  }

  private async paste(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      // xterm.paste adds the bracketed-paste markers, so the line editor runs a pasted block line by line.
      if (text) this.xterm.paste(text);
    } catch {
      this.options.onStatus?.('pasteFailed');
    }
    this.xterm.focus();
  }

  /** Keys: to the running command's terminal, else to the line editor. */
  private keyboard(data: string): void {
    // A paste the size of a file would hold the line editor for seconds and flood the shell: refuse it whole.
    if (data.length > MAX_INPUT) {
      this.options.onStatus?.('pasteTooLarge');
      this.xterm.write('\x07');
      return;
    }
    if (this.running) {
      // Ctrl-C's last resort: a worker that no longer answers is restarted (the supervised client decides).
      if (data.includes('\x03')) void (this.options.client as Partial<SupervisedEngine>).interrupt?.();
      void this.options.client.terminalInput(data).catch(() => {});
    } else this.input(data);
  }

  /** Keys typed while a command runs wait their turn, like a real terminal's type-ahead. */
  private input(data: string): void {
    if (this.busy) {
      // Ctrl-C's last resort: a worker that no longer answers is restarted (the supervised client decides).
      if (data.includes('\x03')) void (this.options.client as Partial<SupervisedEngine>).interrupt?.();
      this.queue.push(data);
      return;
    }
    const actions = this.editor.feed(data);
    for (const action of actions) this.perform(action);
  }

  private perform(action: EditorAction): void {
    switch (action.kind) {
      case 'echo':
        this.xterm.write(action.data);
        return;
      case 'interrupt':
        this.xterm.write(`${action.echo}${this.prompt}`);
        return;
      case 'clear':
        this.xterm.clear();
        return;
      case 'complete':
        this.later(action.rest, () => this.complete(action.line, action.cursor));
        return;
      case 'submit':
        this.xterm.write(action.echo);
        saveCommandHistory(this.editor.entries);
        this.later(action.rest, () => this.run(action.line));
        return;
    }
  }

  /** Runs an async step with input paused; the unread rest of the chunk goes first afterwards. */
  private later(rest: string, step: () => Promise<void>): void {
    this.busy = true;
    if (rest !== '') this.queue.unshift(rest);
    void step().finally(() => {
      this.busy = false;
      while (!this.busy && this.queue.length > 0) this.input(this.queue.shift()!);
    });
  }

  private async complete(line: string, cursor: number): Promise<void> {
    try {
      const result = await this.options.client.completions(line, cursor);
      for (const a of this.editor.applyCompletion(result, this.xterm.cols)) this.perform(a);
    } catch {
      this.xterm.write('\x07');
    }
  }

  private async run(line: string): Promise<void> {
    const trimmed = line.trim();
    if (trimmed === '') {
      this.xterm.write(this.prompt);
      return;
    }
    if (trimmed === 'clear') {
      this.xterm.clear();
      this.xterm.write(this.prompt);
      return;
    }
    await Promise.resolve(this.beforeCommand?.()).catch(() => {});
    this.running = true;
    // Programs' output passes the guard: no clipboard, title or link escapes, and a flood keeps only its end.
    const guard = new OutputGuard();
    try {
      await this.options.client.runCommandLine(line, { columns: this.xterm.cols, isTTY: true, env: ['TERM=xterm-256color'] }, (chunks) => {
        for (const c of chunks) {
          const text = guard.write(c.data).replace(/\r?\n/g, '\r\n');
          if (text !== '') this.xterm.write(c.fd === 2 ? `\x1b[31m${text}\x1b[0m` : text);
        }
      });
    } catch (err) {
      this.xterm.write(`\x1b[31mlayerlab: ${(err as Error).message}\x1b[0m\r\n`);
    } finally {
      this.running = false;
    }
    this.xterm.write(guard.end().replace(/\r?\n/g, '\r\n'));
    let typeAhead = '';
    try {
      const state = await this.options.client.terminalState();
      this.prompt = promptText(state.prompt);
      this.editor.setPrompt(this.prompt);
      typeAhead = state.typeAhead;
    } catch {
      // An older worker without a host: keep the prompt as it was.
    }
    await Promise.resolve(this.afterCommand?.()).catch(() => {});
    this.xterm.write(this.prompt);
    // What was typed during the command and read by nobody is the next line's start, as in a real terminal.
    if (typeAhead) this.queue.unshift(typeAhead);
  }
}
