/**
 * The host terminal's line discipline (a tty in canonical mode): keys from
 * the keyboard become lines for whatever reads the terminal, with echo,
 * erase (Backspace), Ctrl-C (SIGINT to the foreground job) and Ctrl-D (end
 * of input on an empty line).
 *
 * Keys typed while nobody reads the terminal are type-ahead: kept raw and
 * unechoed, and handed back to the prompt's line editor when the command
 * ends (`takeTypeAhead`), which is how a shell gets what was typed during a
 * long `docker build`.
 */
import type { ByteSource } from '../userspace/io/special-files.ts';
import type { Waiter } from '../userspace/io/open-file.ts';
import { interruptible } from '../userspace/io/interrupt.ts';
import { utf8Decode, utf8Encode } from '../fs/utf8.ts';

const EOF = Symbol('eof');

export class HostTty implements ByteSource {
  /** Unprocessed keys (type-ahead). */
  private raw = '';
  /** The line being typed (echoed, not yet delivered). */
  private line = '';
  /** Complete lines (and end-of-input marks) ready for readers. */
  private ready: (string | typeof EOF)[] = [];
  private waiters: (() => void)[] = [];
  private readers = 0;
  /** Canonical-mode echo (`stty -echo` turns it off; a script's piped input is never echoed). */
  echoOn = true;

  constructor(
    /** Echo to the terminal. */
    private readonly write: (text: string) => void,
    /** Ctrl-C: SIGINT to the foreground job. */
    private readonly interrupt: () => void,
  ) {}

  /** Keys from the keyboard (xterm's data: `\r` for Enter, `\x7f` for Backspace). */
  input(data: string): void {
    this.raw += data;
    if (this.readers > 0) this.cook();
    else if (data.includes('\x03')) {
      // Ctrl-C is acted on at once even when nobody reads: the line discipline sends SIGINT, and drops the type-ahead.
      this.raw = '';
      this.echo('^C\r\n');
      this.interrupt();
    }
  }

  private echo(text: string): void {
    if (this.echoOn) this.write(text);
  }

  /** What was typed that no program read, for the prompt; clears it. */
  takeTypeAhead(): string {
    const rest = this.raw;
    this.raw = '';
    this.line = '';
    this.ready = [];
    return rest;
  }

  private cook(): void {
    const keys = this.raw;
    this.raw = '';
    for (let i = 0; i < keys.length; i++) {
      const c = keys[i]!;
      if (c === '\x1b') {
        // An escape sequence (arrows, function keys): a canonical-mode tty passes it on; the line editor's keys are not ours.
        const m = /^\x1b(\[[0-9;?]*[@-~]|O.|.)?/.exec(keys.slice(i));
        i += (m?.[0].length ?? 1) - 1;
        continue;
      }
      if (c === '\r' || c === '\n') {
        this.echo('\r\n');
        this.ready.push(`${this.line}\n`);
        this.line = '';
      } else if (c === '\x7f' || c === '\b') {
        if (this.line.length > 0) {
          this.line = [...this.line].slice(0, -1).join('');
          this.echo('\b \b');
        }
      } else if (c === '\x03') {
        this.line = '';
        this.echo('^C\r\n');
        this.interrupt();
      } else if (c === '\x04') {
        if (this.line === '') this.ready.push(EOF);
        else {
          this.ready.push(this.line);
          this.line = '';
        }
      } else if (c === '\x15') {
        this.echo('\b \b'.repeat([...this.line].length));
        this.line = '';
      } else if (c >= ' ' || c === '\t') {
        this.line += c;
        this.echo(c);
      }
    }
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  async read(max: number, w: Waiter): Promise<Uint8Array | null> {
    this.readers++;
    try {
      if (this.raw) this.cook();
      while (this.ready.length === 0) {
        await interruptible(new Promise<void>((r) => this.waiters.push(r)), w.intr, () => w.signalPending());
        // A reader whose process has ended (a program that returned while its read was pending) takes nothing.
        if ((w as { dead?: boolean }).dead) return null;
      }
    } finally {
      this.readers--;
    }
    const next = this.ready[0]!;
    if (next === EOF) {
      this.ready.shift();
      return null;
    }
    const bytes = utf8Encode(next);
    if (bytes.length <= max) {
      this.ready.shift();
      return bytes;
    }
    this.ready[0] = utf8Decode(bytes.subarray(max));
    return bytes.subarray(0, max);
  }
}
