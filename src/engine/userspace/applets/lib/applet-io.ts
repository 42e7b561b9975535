import { isFsError } from '../../../fs/errors.ts';
import { FsError } from '../../../fs/errors.ts';
import { openPath } from '../../io/open-path.ts';
import type { OpenFile } from '../../io/open-file.ts';
import { concatBytes, decode, encode, streamDecoder } from '../../io/text.ts';
import type { Process } from '../../process/process.ts';
import { usageText } from './usage.ts';

/**
 * An applet's view of its process: buffered stdout (flushed at 4 KiB and at
 * exit, like stdio), unbuffered stderr with the `name: ` prefix BusyBox
 * uses, and helpers to read stdin or files as bytes, text or lines.
 */
export class AppletIO {
  private buf: string[] = [];
  private bufLen = 0;

  constructor(
    readonly proc: Process,
    readonly name: string,
  ) {}

  get argv(): string[] {
    return this.proc.argv;
  }

  async out(s: string): Promise<void> {
    this.buf.push(s);
    this.bufLen += s.length;
    if (this.bufLen >= 4096) await this.flush();
  }

  async outBytes(b: Uint8Array): Promise<void> {
    await this.flush();
    await this.proc.write(1, b);
  }

  async flush(): Promise<void> {
    if (this.bufLen === 0 && this.buf.length === 0) return;
    const s = this.buf.join('');
    this.buf = [];
    this.bufLen = 0;
    await this.proc.write(1, s);
  }

  /** `name: msg` on stderr. */
  async err(msg: string): Promise<void> {
    await this.flush();
    try {
      await this.proc.write(2, `${this.name}: ${msg}\n`);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }

  /** BusyBox's usage screen for this applet on stderr (the banner and the help text). */
  async usage(): Promise<void> {
    await this.flush();
    try {
      await this.proc.write(2, usageText(this.name));
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }

  /** `name: path: strerror` for a failed file operation. */
  async fsErr(path: string, e: unknown): Promise<void> {
    if (!isFsError(e)) throw e;
    await this.err(`${path}: ${e.text}`);
  }

  /** Absolute path for an argument. */
  path(p: string): string {
    return this.proc.resolvePath(p);
  }

  /** Opens a file for reading ('-' is stdin, returned un-owned). */
  openRead(p: string): { file: OpenFile; owned: boolean } {
    if (p === '-') return { file: this.proc.fds.require(0, 'read'), owned: false };
    return { file: openPath(this.proc.vfs, this.proc.fds, this.path(p), 'read', this.proc.cred, this.proc.kernel.opts.random), owned: true };
  }

  /** Streams the chunks of a file ('-' = stdin). Throws FsError on open/read failure. */
  async *chunks(p: string): AsyncGenerator<Uint8Array> {
    const st = p === '-' ? null : this.proc.vfs.stat(this.path(p), this.proc.cred);
    if (st?.type === 'dir') throw new FsError('EISDIR', 'read', p);
    const { file, owned } = this.openRead(p);
    try {
      for (;;) {
        await this.proc.maybeYield();
        const b = await this.proc.wait(file.read(65536, this.proc));
        if (b === null) return;
        yield b;
      }
    } finally {
      if (owned) file.release();
    }
  }

  async readBytes(p: string): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const c of this.chunks(p)) parts.push(c);
    return concatBytes(parts);
  }

  async readText(p: string): Promise<string> {
    return decode(await this.readBytes(p));
  }

  /** Lines of a file, without their newline; `last` tells whether the final line had one. */
  async *lines(p: string): AsyncGenerator<string> {
    const dec = streamDecoder();
    let rest = '';
    for await (const c of this.chunks(p)) {
      const text = rest + dec(c);
      const parts = text.split('\n');
      rest = parts.pop()!;
      for (const l of parts) yield l;
    }
    rest += dec(null);
    if (rest !== '') yield rest;
  }

  encode(s: string): Uint8Array {
    return encode(s);
  }
}

/** mkdir -p for applets that extract or install: makes `dir` and missing parents (`mode`, default 0777 & ~umask). */
export function makeParents(io: AppletIO, dir: string, mode = 0o777 & ~io.proc.umask): void {
  const { vfs, cred } = io.proc;
  if (dir === '/' || dir === '.' || dir === '') return;
  try {
    if (vfs.stat(dir, cred).type === 'dir') return;
  } catch {
    makeParents(io, dir.slice(0, Math.max(1, dir.lastIndexOf('/'))), mode);
    vfs.mkdir(dir, mode, cred);
  }
}
