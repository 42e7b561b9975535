/**
 * The host prompt's line editor: turns xterm key data into edits of the
 * current line and the escape sequences that redraw it. Pure: no xterm, no
 * DOM, no worker, so it is unit-tested in Node.
 *
 * Keys: ←/→, Home/End, Backspace, Delete, Ctrl-A/E/U/K/W/L, history ↑/↓,
 * Ctrl-R reverse search (Ctrl-R again for older, Enter runs, Esc or an arrow
 * keeps the match for editing, Ctrl-G/Ctrl-C cancel), Tab asks for completion,
 * Ctrl-C abandons the line, Enter submits. Bracketed paste (ESC[200~ … ESC[201~)
 * inserts text literally (a Tab is not a completion request) and each pasted
 * newline submits one line, so a pasted script runs line by line.
 */
import type { CompletionResult } from '../../api/index.ts';

export type EditorAction =
  | { readonly kind: 'echo'; readonly data: string }
  /** Run `line`. Input after the newline is in `rest`: feed it once the command is done. */
  | { readonly kind: 'submit'; readonly line: string; readonly echo: string; readonly rest: string }
  | { readonly kind: 'interrupt'; readonly echo: string }
  | { readonly kind: 'clear' }
  /** Ask the engine for completions, then call `applyCompletion`; feed `rest` afterwards. */
  | { readonly kind: 'complete'; readonly line: string; readonly cursor: number; readonly rest: string };

export interface LineEditorOptions {
  /** The prompt as printed (with colours); used to redraw after a search or a completion list. */
  readonly prompt?: string;
  readonly maxHistory?: number;
  /** Earlier commands, oldest first (restored after a reload). */
  readonly history?: readonly string[];
}

interface Search {
  query: string;
  /** Index into history of the current match, or -1 when there is none. */
  match: number;
  failed: boolean;
  readonly original: string;
}

const CSI = /^\x1b\[(?:[0-9;?]*[A-Za-z~])|^\x1bO[A-Za-z]/;
const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export class LineEditor {
  private line = '';
  private cursor = 0;
  private readonly history: string[];
  private historyIndex: number;
  private draft = '';
  private pasting = false;
  private search: Search | null = null;
  private prompt: string;
  private readonly maxHistory: number;

  constructor(options: LineEditorOptions = {}) {
    this.prompt = options.prompt ?? '$ ';
    this.maxHistory = options.maxHistory ?? 1000;
    this.history = [...(options.history ?? [])].slice(-this.maxHistory);
    this.historyIndex = this.history.length;
  }

  get text(): string {
    return this.line;
  }

  /** The prompt changes with the shell's user and directory (`cd`, `sudo -i`). */
  setPrompt(prompt: string): void {
    this.prompt = prompt;
  }

  /** Commands submitted so far, oldest first. */
  get entries(): readonly string[] {
    return this.history;
  }

  /** Replaces the history (an opened session's commands: ↑ offers them, nothing runs). */
  replaceHistory(entries: readonly string[]): void {
    this.history.splice(0, this.history.length, ...entries.slice(-this.maxHistory));
    this.historyIndex = this.history.length;
  }

  /** True while Ctrl-R search is active. */
  get searching(): boolean {
    return this.search !== null;
  }

  /**
   * Feed one chunk of terminal input; returns what to do, in order. Stops at a
   * `submit` or `complete` action, whose `rest` holds the unread input.
   */
  feed(data: string): EditorAction[] {
    const actions: EditorAction[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const seq = CSI.exec(rest)?.[0];
      if (seq === PASTE_START || seq === PASTE_END) {
        this.pasting = seq === PASTE_START;
        i += seq.length;
        continue;
      }
      if (this.search) {
        const used = this.searchKey(rest, seq, actions);
        i += used.consumed;
        if (used.stop) {
          const last = actions[actions.length - 1]!;
          if (last.kind === 'submit') actions[actions.length - 1] = { ...last, rest: data.slice(i) };
          return actions;
        }
        continue;
      }
      if (seq) {
        actions.push(...this.escape(seq));
        i += seq.length;
        continue;
      }
      const ch = data[i]!;
      i++;
      if (ch === '\r' || ch === '\n') {
        // CR LF from a pasted block counts as one newline.
        if (ch === '\r' && data[i] === '\n') i++;
        actions.push(this.submit(data.slice(i)));
        return actions;
      }
      if (ch === '\t' && !this.pasting) {
        actions.push({ kind: 'complete', line: this.line, cursor: this.cursor, rest: data.slice(i) });
        return actions;
      }
      const action = this.key(ch);
      if (action) actions.push(action);
    }
    return actions;
  }

  /** Sequence that redraws the current line after a prompt was printed. */
  redrawLine(): string {
    return this.line + (this.line.length > this.cursor ? `\x1b[${this.line.length - this.cursor}D` : '');
  }

  /**
   * Apply the engine's answer to a `complete` request: one candidate is
   * inserted (with a space after it), several extend the word to their common
   * prefix, or are listed under the line when there is nothing to extend.
   */
  applyCompletion(result: CompletionResult, columns = 80): EditorAction[] {
    const { candidates } = result;
    const from = Math.max(0, Math.min(result.from, this.line.length));
    const to = Math.max(from, Math.min(result.to, this.line.length));
    const word = this.line.slice(from, to);
    if (candidates.length === 0) return [{ kind: 'echo', data: '\x07' }];
    if (candidates.length === 1) {
      const value = candidates[0]!.value;
      const after = this.line.slice(to);
      const space = after.startsWith(' ') ? '' : ' ';
      return [this.replace(this.line.slice(0, from) + value + space + after, from + value.length + 1)];
    }
    const common = commonPrefix(candidates.map((c) => c.value));
    if (common.length > word.length && common.startsWith(word)) {
      return [this.replace(this.line.slice(0, from) + common + this.line.slice(to), from + common.length)];
    }
    const list = layoutColumns(
      candidates.map((c) => c.value),
      columns,
    );
    return [{ kind: 'echo', data: `\r\n${list}${this.prompt}${this.redrawLine()}` }];
  }

  private submit(rest: string): EditorAction {
    const line = this.line;
    if (line.trim() !== '' && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > this.maxHistory) this.history.shift();
    }
    this.historyIndex = this.history.length;
    this.line = '';
    this.cursor = 0;
    return { kind: 'submit', line, echo: '\r\n', rest };
  }

  /** One control or printable character outside search. */
  private key(ch: string): EditorAction | null {
    switch (ch) {
      case '\x7f':
      case '\b':
        if (this.cursor === 0) return null;
        this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
        this.cursor--;
        return { kind: 'echo', data: `\b${this.redrawFromCursor(1)}` };
      case '\x03':
        this.line = '';
        this.cursor = 0;
        this.historyIndex = this.history.length;
        return { kind: 'interrupt', echo: '^C\r\n' };
      case '\x01':
        return this.moveTo(0);
      case '\x05':
        return this.moveTo(this.line.length);
      case '\x15':
        return this.replace(this.line.slice(this.cursor), 0);
      case '\x0b':
        return this.replace(this.line.slice(0, this.cursor), this.cursor);
      case '\x17': {
        const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
        return this.replace(before + this.line.slice(this.cursor), before.length);
      }
      case '\x0c':
        return { kind: 'clear' };
      case '\x12':
        this.search = { query: '', match: -1, failed: false, original: this.line };
        return { kind: 'echo', data: this.searchView() };
      default: {
        if (ch < ' ' && ch !== '\t') return null;
        const c = ch === '\t' ? ' ' : ch;
        this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
        this.cursor++;
        return { kind: 'echo', data: c + this.redrawFromCursor(0) };
      }
    }
  }

  /** A key while Ctrl-R search is active. */
  private searchKey(rest: string, seq: string | undefined, actions: EditorAction[]): { consumed: number; stop: boolean } {
    const s = this.search!;
    const ch = rest[0]!;
    if (seq || ch === '\x1b') {
      // Esc or a cursor key: keep the match on the line for editing.
      this.leaveSearch(this.currentMatch(), actions);
      return { consumed: seq ? seq.length : 1, stop: false };
    }
    if (ch === '\r' || ch === '\n') {
      this.leaveSearch(this.currentMatch(), actions);
      const consumed = ch === '\r' && rest[1] === '\n' ? 2 : 1;
      actions.push(this.submit(''));
      return { consumed, stop: true };
    }
    if (ch === '\x07' || ch === '\x03') {
      this.leaveSearch(s.original, actions);
      return { consumed: 1, stop: false };
    }
    if (ch === '\x12') {
      this.find(s.match === -1 ? this.history.length - 1 : s.match - 1);
    } else if (ch === '\x7f' || ch === '\b') {
      s.query = s.query.slice(0, -1);
      this.find(this.history.length - 1);
    } else if (ch >= ' ') {
      s.query += ch;
      this.find(s.match === -1 ? this.history.length - 1 : s.match);
    } else {
      return { consumed: 1, stop: false };
    }
    actions.push({ kind: 'echo', data: this.searchView() });
    return { consumed: 1, stop: false };
  }

  private currentMatch(): string {
    const s = this.search!;
    return s.match >= 0 ? this.history[s.match]! : s.original;
  }

  /** Newest entry at or before `from` containing the query; keeps the old match when none does. */
  private find(from: number): void {
    const s = this.search!;
    for (let k = Math.min(from, this.history.length - 1); k >= 0; k--) {
      if (this.history[k]!.includes(s.query)) {
        s.match = k;
        s.failed = false;
        return;
      }
    }
    s.failed = s.query !== '';
  }

  /** Ends search with `text` on the line (cursor at its end), redrawing the prompt. */
  private leaveSearch(text: string, actions: EditorAction[]): void {
    this.search = null;
    this.line = text;
    this.cursor = text.length;
    this.historyIndex = this.history.length;
    actions.push({ kind: 'echo', data: `\r\x1b[K${this.prompt}${text}` });
  }

  /** The search line bash shows: `(reverse-i-search)'query': match`. */
  private searchView(): string {
    const s = this.search!;
    const label = s.failed ? '(failed reverse-i-search)' : '(reverse-i-search)';
    const match = s.match >= 0 ? this.history[s.match]! : '';
    return `\r\x1b[K${label}'${s.query}': ${match}`;
  }

  private escape(seq: string): EditorAction[] {
    switch (seq) {
      case '\x1b[A':
      case '\x1bOA':
        return [this.historyStep(-1)];
      case '\x1b[B':
      case '\x1bOB':
        return [this.historyStep(1)];
      case '\x1b[C':
      case '\x1bOC':
        return this.cursor < this.line.length ? [this.moveTo(this.cursor + 1)] : [];
      case '\x1b[D':
      case '\x1bOD':
        return this.cursor > 0 ? [this.moveTo(this.cursor - 1)] : [];
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
        return [this.moveTo(0)];
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
        return [this.moveTo(this.line.length)];
      case '\x1b[3~':
        if (this.cursor >= this.line.length) return [];
        this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
        return [{ kind: 'echo', data: this.redrawFromCursor(1) }];
      default:
        return [];
    }
  }

  private historyStep(dir: -1 | 1): EditorAction {
    if (this.historyIndex === this.history.length) this.draft = this.line;
    const next = Math.min(this.history.length, Math.max(0, this.historyIndex + dir));
    if (next === this.historyIndex) return { kind: 'echo', data: '' };
    this.historyIndex = next;
    const text = next === this.history.length ? this.draft : this.history[next]!;
    return this.replace(text, text.length);
  }

  private moveTo(pos: number): EditorAction {
    const delta = pos - this.cursor;
    this.cursor = pos;
    if (delta === 0) return { kind: 'echo', data: '' };
    return { kind: 'echo', data: delta > 0 ? `\x1b[${delta}C` : `\x1b[${-delta}D` };
  }

  /** Replace the whole line, leaving the cursor at `cursor`. */
  private replace(text: string, cursor: number): EditorAction {
    const back = this.cursor > 0 ? `\x1b[${this.cursor}D` : '';
    this.line = text;
    this.cursor = cursor;
    const tail = text.length > cursor ? `\x1b[${text.length - cursor}D` : '';
    return { kind: 'echo', data: `${back}\x1b[K${text}${tail}` };
  }

  /** Rewrite from the cursor to the end (after an insert or delete), clearing `erased` stale cells. */
  private redrawFromCursor(erased: number): string {
    const tail = this.line.slice(this.cursor);
    const clear = erased > 0 ? '\x1b[K' : '';
    return `${clear}${tail}${tail.length > 0 ? `\x1b[${tail.length}D` : ''}`;
  }
}

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0] ?? '';
  for (const v of values) while (!v.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Candidates in columns, as a shell lists them (row by row, padded to the widest). */
export function layoutColumns(values: readonly string[], columns: number): string {
  const width = Math.max(...values.map((v) => v.length)) + 2;
  const perRow = Math.max(1, Math.floor(columns / width));
  let out = '';
  for (let k = 0; k < values.length; k += perRow) {
    out += `${values
      .slice(k, k + perRow)
      .map((v) => v.padEnd(width))
      .join('')
      .trimEnd()}\r\n`;
  }
  return out;
}
