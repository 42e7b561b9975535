/**
 * What a program's output may do to the tab's terminal. Two guards, both
 * pure and streaming (a sequence or a limit may fall across chunks):
 *
 * - Escape sequences: colours, cursor movement and erasing (CSI) pass; the
 *   ones that reach past the terminal are dropped whole: OSC (window title,
 *   OSC 52 clipboard writes, OSC 8 hyperlinks, palette changes), DCS, SOS,
 *   PM and APC strings, CSI reports that make the terminal type an answer
 *   into the input (DSR `n`, DA `c`) or drive the window (`t`), and 8-bit C1
 *   controls. An unterminated string is dropped once it passes 4 KiB.
 * - Volume: at most `maxChars` per command reach the terminal; after that
 *   the output is counted and only the last `tailChars` are kept, written at
 *   the end with how much was left out, so the end of a huge output (usually
 *   the part that matters) is never lost and the tab never drowns.
 */

const ESC = '\x1b';
const MAX_STRING = 4096;

type Mode = 'text' | 'esc' | 'csi' | 'string' | 'string-esc';

export class EscapeFilter {
  private mode: Mode = 'text';
  private csi = '';
  private dropped = 0;

  /** The safe part of `chunk`; a sequence still open at the end is held for the next chunk. */
  push(chunk: string): string {
    // Most output has no escapes at all.
    if (this.mode === 'text' && !/[\x1b\x80-\x9f]/.test(chunk)) return chunk;
    let out = '';
    for (const ch of chunk) {
      const code = ch.codePointAt(0)!;
      switch (this.mode) {
        case 'text':
          if (ch === ESC) this.mode = 'esc';
          // C1 controls: 0x9b is CSI, 0x9d OSC, 0x90 DCS to a terminal that honours 8-bit controls.
          else if (code >= 0x80 && code <= 0x9f) continue;
          else out += ch;
          break;
        case 'esc':
          if (ch === '[') {
            this.mode = 'csi';
            this.csi = '';
          } else if (ch === ']' || ch === 'P' || ch === 'X' || ch === '^' || ch === '_') {
            this.mode = 'string';
            this.dropped = 0;
          } else if (ch === ESC) {
            // ESC ESC: the first one is lost, as in a terminal.
          } else if (code < 0x20 || (code >= 0x80 && code <= 0x9f)) {
            // A control after ESC cancels it; a C1 one is dropped as anywhere else.
            this.mode = 'text';
            if (code < 0x20) out += ch;
          } else {
            // Two-character escapes (ESC 7, ESC 8, ESC M, charset selection) are local to the screen.
            this.mode = 'text';
            out += ESC + ch;
          }
          break;
        case 'csi':
          this.csi += ch;
          if (code >= 0x40 && code <= 0x7e) {
            this.mode = 'text';
            if (ch !== 'n' && ch !== 'c' && ch !== 't') out += `${ESC}[${this.csi}`;
          } else if (this.csi.length > 64 || code < 0x20 || code > 0x7e) {
            // Not a CSI sequence after all: drop what was read.
            this.mode = 'text';
          }
          break;
        case 'string':
          if (ch === '\x07') this.mode = 'text';
          else if (ch === ESC) this.mode = 'string-esc';
          else if (++this.dropped > MAX_STRING) this.mode = 'text';
          break;
        case 'string-esc':
          // ESC \ ends the string; any other ESC inside it is part of what is dropped.
          this.mode = ch === '\\' ? 'text' : 'string';
          break;
      }
    }
    return out;
  }
}

export interface OutputLimits {
  /** Characters shown per command before the rest is only counted. */
  readonly maxChars: number;
  /** Characters of the end kept and shown when the command finishes. */
  readonly tailChars: number;
}

export const DEFAULT_OUTPUT_LIMITS: OutputLimits = { maxChars: 2 * 1024 * 1024, tailChars: 64 * 1024 };

/** One command's output on its way to the terminal. */
export class OutputGuard {
  private readonly filter = new EscapeFilter();
  private shown = 0;
  private total = 0;
  private tail: string[] = [];
  private tailSize = 0;

  constructor(private readonly limits: OutputLimits = DEFAULT_OUTPUT_LIMITS) {}

  /** What to write now for `chunk` (after filtering); the notice when the limit is first passed. */
  write(chunk: string): string {
    const safe = this.filter.push(chunk);
    this.total += safe.length;
    if (this.shown < this.limits.maxChars) {
      const room = this.limits.maxChars - this.shown;
      const now = safe.slice(0, room);
      this.shown += now.length;
      if (safe.length <= room) return now;
      this.keep(safe.slice(room));
      return `${now}\x1b[0m\r\n\x1b[33m[Layerlab: output paused after ${size(this.limits.maxChars)}; the end is shown when the command finishes. Ctrl-C stops it.]\x1b[0m\r\n`;
    }
    this.keep(safe);
    return '';
  }

  /** At the end of the command: how much was left out, then the kept end. Empty when nothing was. */
  end(): string {
    if (this.total <= this.limits.maxChars) return '';
    let tail = this.tail.join('');
    // Start the kept end at a line, not in the middle of one (or of a colour sequence).
    const nl = tail.indexOf('\n');
    if (this.total - this.shown > tail.length && nl >= 0 && nl < 4096) tail = tail.slice(nl + 1);
    const skipped = this.total - this.shown - tail.length;
    const note = skipped > 0 ? `[Layerlab: ${size(skipped)} of output not shown; the last ${size(tail.length)} follow]` : '[Layerlab: the rest of the output follows]';
    return `\x1b[0m\r\n\x1b[33m${note}\x1b[0m\r\n${tail}`;
  }

  /** How much the command printed in all, after filtering, and how much of it went to the screen as it came. */
  get stats(): { total: number; shown: number } {
    return { total: this.total, shown: this.shown };
  }

  private keep(text: string): void {
    this.tail.push(text);
    this.tailSize += text.length;
    while (this.tailSize > this.limits.tailChars && this.tail.length > 0) {
      const over = this.tailSize - this.limits.tailChars;
      const first = this.tail[0]!;
      if (first.length <= over) {
        this.tail.shift();
        this.tailSize -= first.length;
      } else {
        this.tail[0] = first.slice(over);
        this.tailSize -= over;
      }
    }
  }
}

/** `2.0 MiB`, `512 B`: binary units, one decimal. */
function size(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
