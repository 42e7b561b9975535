/**
 * The host prompt's line editor: turns xterm key data into edits of the
 * current line and the escape sequences that redraw it. Pure: no xterm, no
 * DOM, so it is unit-tested in Node. History ↑/↓, ←/→, Home/End, Backspace,
 * Delete, Ctrl-A/E/U/K/W/L, Ctrl-C (abandon line), Enter (submit).
 */
export type EditorAction =
  | { readonly kind: 'echo'; readonly data: string }
  | { readonly kind: 'submit'; readonly line: string; readonly echo: string }
  | { readonly kind: 'interrupt'; readonly echo: string }
  | { readonly kind: 'clear' };

export class LineEditor {
  private line = '';
  private cursor = 0;
  private readonly history: string[] = [];
  private historyIndex = 0;
  private draft = '';

  constructor(private readonly maxHistory = 1000) {}

  get text(): string {
    return this.line;
  }

  /** Feed one chunk of terminal input; returns what to do, in order. */
  feed(data: string): EditorAction[] {
    const actions: EditorAction[] = [];
    let i = 0;
    while (i < data.length) {
      const rest = data.slice(i);
      const seq = /^\x1b\[(?:[0-9;]*[A-Za-z~])|^\x1bO[A-Za-z]/.exec(rest)?.[0];
      if (seq) {
        actions.push(...this.escape(seq));
        i += seq.length;
        continue;
      }
      const ch = data[i]!;
      i++;
      if (ch === '\r' || ch === '\n') {
        const line = this.line;
        if (line.trim() !== '' && this.history[this.history.length - 1] !== line) {
          this.history.push(line);
          if (this.history.length > this.maxHistory) this.history.shift();
        }
        this.historyIndex = this.history.length;
        this.line = '';
        this.cursor = 0;
        actions.push({ kind: 'submit', line, echo: '\r\n' });
        // A pasted block with several lines: the rest becomes the next input.
        if (ch === '\r' && data[i] === '\n') i++;
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.cursor > 0) {
          this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
          this.cursor--;
          actions.push({ kind: 'echo', data: `\b${this.redrawFromCursor(1)}` });
        }
      } else if (ch === '\x03') {
        this.line = '';
        this.cursor = 0;
        this.historyIndex = this.history.length;
        actions.push({ kind: 'interrupt', echo: '^C\r\n' });
      } else if (ch === '\x01') actions.push(this.moveTo(0));
      else if (ch === '\x05') actions.push(this.moveTo(this.line.length));
      else if (ch === '\x15') actions.push(this.replace(this.line.slice(this.cursor), 0));
      else if (ch === '\x0b') actions.push(this.replace(this.line.slice(0, this.cursor), this.cursor));
      else if (ch === '\x17') {
        const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
        actions.push(this.replace(before + this.line.slice(this.cursor), before.length));
      } else if (ch === '\x0c') actions.push({ kind: 'clear' });
      else if (ch >= ' ' || ch === '\t') {
        const c = ch === '\t' ? ' ' : ch;
        this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
        this.cursor++;
        actions.push({ kind: 'echo', data: c + this.redrawFromCursor(0) });
      }
    }
    return actions;
  }

  /** Sequence that redraws the current line after a prompt was printed. */
  redrawLine(): string {
    return this.line + (this.line.length > this.cursor ? `\x1b[${this.line.length - this.cursor}D` : '');
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
