import { streamDecoder } from '../io/text.ts';
import { isFsError } from '../../fs/errors.ts';
import type { List } from './ast.ts';
import { ShellExit, ShellFatal } from './control.ts';
import type { Shell } from './interpreter.ts';
import { ShellSyntaxError } from './parse-error.ts';
import { Parser } from './parser.ts';
import { ReadonlyError } from './state.ts';
import { Interrupted } from '../io/interrupt.ts';
import { SIGNALS } from '../process/signals.ts';

/** Syntax errors that only mean "the command is not finished yet". */
function incomplete(e: ShellSyntaxError, parser: Parser): boolean {
  return /end of file|unterminated quoted string|missing '\)\)'|missing '\}'|EOF in backquote/.test(e.message) || parser.lexer.heredocAtEof;
}

/** Parses `text` as complete commands, or says that more lines are needed. */
export function parseChunk(text: string): { lists: List[] } | { more: true } | { error: ShellSyntaxError } {
  if (/(^|[^\\])(\\\\)*\\\n$/.test(text)) return { more: true };
  const parser = new Parser(text);
  const lists: List[] = [];
  try {
    for (let l = parser.parseNext(); l; l = parser.parseNext()) lists.push(l);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    return incomplete(e, parser) ? { more: true } : { error: e };
  }
  if (parser.lexer.heredocAtEof) return { more: true };
  return { lists };
}

/** Expands ash's prompt escapes: \w \W \u \h \$ \\. */
export function expandPrompt(ps: string, sh: Shell): string {
  const home = sh.state.get('HOME');
  const cwd = sh.proc.cwd;
  const w = home && home !== '/' && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
  return ps.replace(/\\([wWuh$\\])/g, (_, c: string) => {
    switch (c) {
      case 'w': return w;
      case 'W': return cwd === '/' ? '/' : cwd.slice(cwd.lastIndexOf('/') + 1);
      case 'u': return sh.state.get('USER') ?? (sh.proc.cred.uid === 0 ? 'root' : String(sh.proc.cred.uid));
      case 'h': return sh.proc.kernel.hostname.split('.')[0]!;
      case '$': return sh.proc.cred.uid === 0 ? '#' : '$';
      default: return '\\';
    }
  });
}

/**
 * A shell reading commands from stdin as they arrive (`docker run -it … sh`,
 * `sh < script`): each complete command runs before the next line is read;
 * with `prompt`, PS1/PS2 go to stderr. Errors do not end an interactive
 * shell, as in ash; in a non-interactive one they do.
 */
export async function runFromStdin(sh: Shell, prompt: boolean): Promise<number> {
  const proc = sh.proc;
  // An interactive shell survives Ctrl-C (SIGINT to the foreground group): it
  // drops the line being typed; its children keep the default action.
  if (prompt && !proc.dispositions.has(SIGNALS.INT)) proc.dispositions.set(SIGNALS.INT, 'catch');
  const INTERRUPTED = Symbol('interrupted');
  const decode = streamDecoder();
  let pending = '';
  let eof = false;
  const readLine = async (): Promise<string | null | typeof INTERRUPTED> => {
    for (;;) {
      const nl = pending.indexOf('\n');
      if (nl >= 0) {
        const line = pending.slice(0, nl + 1);
        pending = pending.slice(nl + 1);
        return line;
      }
      if (eof) {
        const rest = pending;
        pending = '';
        return rest === '' ? null : rest;
      }
      let b: Uint8Array | null;
      try {
        b = await proc.read(0, 4096);
      } catch (e) {
        if (!(e instanceof Interrupted) || proc.dead) throw e;
        await sh.runPendingTraps();
        // Like a terminal's line discipline, Ctrl-C throws away the partial line.
        pending = '';
        return INTERRUPTED;
      }
      if (b === null) {
        eof = true;
        pending += decode(null);
      } else pending += decode(b);
    }
  };
  const say = async (text: string): Promise<void> => {
    try {
      await proc.write(2, text);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  };
  let buf = '';
  let lineBase = 0;
  let status: number;
  try {
    for (;;) {
      if (prompt) await say(expandPrompt(buf === '' ? (sh.state.get('PS1') ?? '\\w \\$ ') : (sh.state.get('PS2') ?? '> '), sh));
      const line = await readLine();
      if (line === INTERRUPTED) {
        buf = '';
        await say('\n');
        continue;
      }
      if (line === null && buf === '') break;
      buf += line ?? '';
      const r = parseChunk(line === null ? buf.replace(/\\\n$/, '\n') : buf);
      if ('more' in r && line !== null) continue;
      const text = buf;
      buf = '';
      sh.state.lineBase = -lineBase;
      lineBase += text.split('\n').length - 1;
      if ('more' in r || 'error' in r) {
        // At end of input an unfinished command is a syntax error, as is any other.
        const err = 'error' in r ? r.error : (() => {
          try {
            Parser.parseAll(text);
          } catch (e) {
            return e as ShellSyntaxError;
          }
          return new ShellSyntaxError('syntax error: unexpected end of file', 1, 1);
        })();
        sh.lineno = err.line;
        sh.builtinName = null;
        await sh.err(err.message);
        if (!prompt) throw new ShellExit(2);
        sh.state.status = 2;
        if (line === null) break;
        continue;
      }
      for (const list of r.lists) {
        try {
          await sh.runList(list);
        } catch (e) {
          if (!prompt || !(e instanceof ShellFatal || e instanceof ReadonlyError)) throw e;
          await sh.err(e.message);
          sh.state.status = e instanceof ShellFatal ? e.status : 2;
          break;
        }
      }
      if (line === null) break;
    }
    status = sh.state.status;
  } catch (e) {
    status = await sh.exitStatusOf(e);
  }
  return sh.runExitTrap(status);
}
