import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { RegexSyntaxError } from './lib/regex.ts';
import { parseSed, SedError, substitute } from './lib/sed-script.ts';
import type { Address, SedCommand } from './lib/sed-script.ts';
import { streamDecoder } from '../io/text.ts';
import { defineApplet } from './registry.ts';

interface Line {
  text: string;
  last: boolean;
  newline: boolean;
}

/**
 * sed [-nrEsi] [-e SCRIPT]… [-f FILE] [SCRIPT] [FILE]…: streams lines (one
 * line of lookahead for `$`), so `yes | sed 3q` ends. -i rewrites each file
 * through the Vfs.
 */
export const sed = defineApplet('sed', async (io, argv) => {
  const scripts: string[] = [];
  const files: string[] = [];
  let quiet = false;
  let extended = false;
  let inPlace = false;
  let separate = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'n') quiet = true;
        else if (c === 'r' || c === 'E') extended = true;
        else if (c === 's') separate = true;
        else if (c === 'i') {
          inPlace = true;
          break;
        } else if (c === 'e' || c === 'f') {
          const v = a.slice(j + 1) || argv[++i];
          if (v === undefined) {
            await io.err(`option requires an argument -- '${c}'`);
            return 1;
          }
          scripts.push(c === 'e' ? v : (await io.readText(v)).replace(/\n$/, ''));
          break;
        } else {
          await io.err(`invalid option -- '${c}'`);
          return 1;
        }
      }
      continue;
    }
    if (scripts.length === 0) scripts.push(a);
    else files.push(a);
  }
  let cmds: SedCommand[];
  try {
    cmds = parseSed(scripts.join('\n'), extended);
  } catch (e) {
    if (e instanceof SedError || e instanceof RegexSyntaxError) {
      await io.err(e.message);
      return 1;
    }
    throw e;
  }
  const inputs = files.length ? files : ['-'];
  if (inPlace) {
    let status = 0;
    for (const f of inputs) {
      let out = '';
      try {
        await run(io, cmds, [f], quiet, async (s) => void (out += s));
        io.proc.vfs.writeFile(io.path(f), io.encode(out), { cred: io.proc.cred });
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.err(`${f}: ${e.text}`);
        status = 4;
      }
    }
    return status;
  }
  if (separate) {
    let status = 0;
    for (const f of inputs) if ((await run(io, cmds.map((c) => ({ ...c })), [f], quiet, (s) => io.out(s))) !== 0) status = 2;
    return status;
  }
  return run(io, cmds, inputs, quiet, (s) => io.out(s));
});

async function* readLines(io: AppletIO, files: string[], failed: { any: boolean }): AsyncGenerator<Line> {
  let pending: { text: string; newline: boolean } | null = null;
  for (const f of files) {
    try {
      let rest = '';
      let sawAny = false;
      const dec = streamDecoder();
      for await (const chunk of io.chunks(f)) {
        sawAny = true;
        const text = rest + dec(chunk);
        const parts = text.split('\n');
        rest = parts.pop()!;
        for (const p of parts) {
          if (pending) yield { ...pending, last: false };
          pending = { text: p, newline: true };
        }
      }
      if (sawAny && rest !== '') {
        if (pending) yield { ...pending, last: false };
        pending = { text: rest, newline: false };
      }
    } catch (e) {
      if (!isFsError(e)) throw e;
      await io.err(`${f}: ${e.text}`);
      failed.any = true;
    }
  }
  if (pending) yield { ...pending, last: true };
}


async function run(io: AppletIO, cmds: SedCommand[], files: string[], quiet: boolean, emit: (s: string) => Promise<void>): Promise<number> {
  const failed = { any: false };
  const lines = readLines(io, files, failed);
  let lineNo = 0;
  let hold = '';
  let lastRe: RegExp | null = null;
  let quit: number | null = null;
  let cur = await lines.next();
  const matchAddr = (a: Address, ps: string, last: boolean): boolean => {
    switch (a.kind) {
      case 'line':
        return lineNo === a.n;
      case 'last':
        return last;
      case 're': {
        const re = a.re ?? lastRe;
        if (!re) return false;
        lastRe = re;
        re.lastIndex = 0;
        return re.test(ps);
      }
      case 'plus':
        return false;
    }
  };
  const selected = (c: SedCommand, ps: string, last: boolean): boolean => {
    let hit: boolean;
    if (!c.a1) hit = true;
    else if (!c.a2) hit = matchAddr(c.a1, ps, last);
    else if (c.active) {
      hit = true;
      if (c.a2.kind === 'plus') {
        if (lineNo >= c.endLine!) c.active = false;
      } else if (c.a2.kind === 'line') {
        if (lineNo >= c.a2.n) c.active = false;
      } else if (matchAddr(c.a2, ps, last)) c.active = false;
    } else if (matchAddr(c.a1, ps, last)) {
      hit = true;
      if (c.a2.kind === 'plus') {
        c.endLine = lineNo + c.a2.n;
        c.active = c.a2.n > 0;
      } else if (c.a2.kind === 'line') c.active = c.a2.n > lineNo;
      else if (c.a2.kind === 'last') c.active = !last;
      else c.active = true;
    } else hit = false;
    return hit !== c.negate;
  };
  while (!cur.done && quit === null) {
    let line = cur.value;
    lineNo++;
    let ps = line.text;
    let append = '';
    let deleted = false;
    let substituted = false;
    let autoprint = !quiet;
    let restart = false;
    for (let pc = 0; pc < cmds.length; pc++) {
      const c = cmds[pc]!;
      if (c.name === '}' || c.name === ':') continue;
      if (!selected(c, ps, line.last)) {
        if (c.name === '{') pc = c.jump ?? cmds.length;
        continue;
      }
      switch (c.name) {
        case '{':
          break;
        case 's': {
          const re0: RegExp | null = c.re ?? lastRe;
          if (!re0) break;
          lastRe = re0;
          const re = new RegExp(re0.source, `${re0.flags.replace('g', '')}g`);
          let out = '';
          let pos = 0;
          let n = 0;
          let did = false;
          let prevEnd = -1;
          for (;;) {
            re.lastIndex = pos;
            const m = re.exec(ps);
            if (!m) break;
            if (m[0] === '' && m.index === prevEnd) {
              // No empty match right after the previous match (POSIX): step over one character.
              if (m.index >= ps.length) break;
              out += ps[m.index];
              pos = m.index + 1;
              continue;
            }
            prevEnd = m.index + m[0].length;
            n++;
            const want = c.occurrence ? (c.global ? n >= c.occurrence : n === c.occurrence) : c.global || n === 1;
            if (want) {
              out += ps.slice(pos, m.index) + substitute(c.replacement!, m);
              did = true;
            } else out += ps.slice(pos, m.index + m[0].length);
            pos = m.index + m[0].length;
            if (m[0] === '') {
              if (m.index < ps.length) out += ps[m.index];
              pos = m.index + 1;
            }
            if (pos > ps.length || (!c.global && !c.occurrence && did) || (c.occurrence && !c.global && did)) break;
          }
          if (did) {
            ps = out + ps.slice(Math.min(pos, ps.length));
            substituted = true;
            if (c.print) await emit(`${ps}\n`);
            if (c.wfile) io.proc.vfs.writeFile(io.path(c.wfile), io.encode(`${ps}\n`), { cred: io.proc.cred });
          }
          break;
        }
        case 'y':
          ps = [...ps].map((ch) => c.map!.get(ch) ?? ch).join('');
          break;
        case 'p':
          await emit(`${ps}\n`);
          break;
        case 'P':
          await emit(`${ps.split('\n')[0]}\n`);
          break;
        case 'd':
          deleted = true;
          pc = cmds.length;
          break;
        case 'D': {
          const nl = ps.indexOf('\n');
          if (nl < 0) {
            deleted = true;
            pc = cmds.length;
          } else {
            ps = ps.slice(nl + 1);
            restart = true;
            pc = cmds.length;
          }
          break;
        }
        case '=':
          await emit(`${lineNo}\n`);
          break;
        case 'a':
          append += `${c.text}\n`;
          break;
        case 'i':
          await emit(`${c.text}\n`);
          break;
        case 'c':
          if (!c.a2 || !c.active) await emit(`${c.text}\n`);
          deleted = true;
          pc = cmds.length;
          break;
        case 'r':
          try {
            append += await io.readText(c.text!);
          } catch {
            // a missing file is silently ignored, as in every sed
          }
          break;
        case 'w':
          io.proc.vfs.writeFile(io.path(c.text!), io.encode(`${ps}\n`), { cred: io.proc.cred });
          break;
        case 'h':
          hold = ps;
          break;
        case 'H':
          hold += `\n${ps}`;
          break;
        case 'g':
          ps = hold;
          break;
        case 'G':
          ps += `\n${hold}`;
          break;
        case 'x':
          [ps, hold] = [hold, ps];
          break;
        case 'z':
          ps = '';
          break;
        case 'l':
          await emit(`${escapeL(ps)}$\n`);
          break;
        case 'n':
          if (autoprint) await emit(`${ps}\n`);
          cur = await lines.next();
          if (cur.done) {
            autoprint = false;
            pc = cmds.length;
            break;
          }
          line = cur.value;
          lineNo++;
          ps = line.text;
          break;
        case 'N':
          cur = await lines.next();
          if (cur.done) {
            pc = cmds.length;
            break;
          }
          line = cur.value;
          lineNo++;
          ps += `\n${line.text}`;
          break;
        case 'q':
          quit = Number(c.text ?? 0);
          pc = cmds.length;
          break;
        case 'Q':
          quit = Number(c.text ?? 0);
          autoprint = false;
          deleted = true;
          pc = cmds.length;
          break;
        case 'b':
          pc = c.jump! - 1;
          break;
        case 't':
          if (substituted) {
            substituted = false;
            pc = c.jump! - 1;
          }
          break;
        case 'T':
          if (!substituted) pc = c.jump! - 1;
          else substituted = false;
          break;
      }
    }
    if (!deleted && autoprint) await emit(line.newline || !line.last ? `${ps}\n` : ps);
    if (append) await emit(append);
    if (restart && ps !== '') {
      // D with text left: run the script again on what remains, without reading a line.
      cur = { done: false, value: { ...line, text: ps } };
      lineNo--;
      continue;
    }
    if (quit !== null) break;
    cur = await lines.next();
  }
  if (quit !== null) return quit;
  return failed.any ? 1 : 0;
}

function escapeL(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (code < 32 || code === 127) out += `\\${code.toString(8).padStart(3, '0')}`;
    else out += ch;
  }
  return out;
}
