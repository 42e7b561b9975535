import { isFsError } from '../../fs/errors.ts';
import type { AppletIO } from './lib/applet-io.ts';
import { parseOptions } from './lib/options.ts';
import { joinPath } from './lib/paths.ts';
import { compilePosix, RegexSyntaxError } from './lib/regex.ts';
import { defineApplet } from './registry.ts';

/**
 * grep [-EFiwxvcnqlLhHsro] [-e PAT]… [-f FILE] PATTERN [FILE]…: exit 0 when
 * something matched, 1 when nothing did, 2 on an error (unless -q matched).
 */
export const grep = defineApplet(['grep', 'egrep', 'fgrep'], async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'EFGiywxvcnqlLhHsroabe:f:m:A:B:C:z');
  const f = o.flags;
  const name = io.name;
  const extended = f.has('E') || name === 'egrep';
  const fixed = f.has('F') || name === 'fgrep';
  let patterns = o.values.get('e') ?? [];
  let args = o.args;
  for (const file of o.values.get('f') ?? []) {
    try {
      patterns = patterns.concat((await io.readText(file)).split('\n').filter((l, i, a) => l !== '' || i < a.length - 1));
    } catch (e) {
      await io.fsErr(file, e);
      return 2;
    }
  }
  if (patterns.length === 0) {
    if (args.length === 0) {
      await io.err('usage: grep [OPTIONS] PATTERN [FILE]...');
      return 2;
    }
    patterns = args[0]!.split('\n');
    args = args.slice(1);
  }
  let res: RegExp[];
  try {
    res = patterns.map((p) => {
      let src = fixed ? p.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') : compilePosix(p, extended).source;
      if (f.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
      if (f.has('x')) src = `^(?:${src})$`;
      return new RegExp(src, f.has('i') || f.has('y') ? 'gi' : 'g');
    });
  } catch (e) {
    if (!(e instanceof RegexSyntaxError)) throw e;
    await io.err(e.message);
    return 2;
  }
  const recursive = f.has('r') || f.has('R');
  let files = args.length ? args : recursive ? ['.'] : ['-'];
  if (recursive) files = expand(io, files);
  const prefixName = (files.length > 1 || recursive || f.has('H')) && !f.has('h');
  let matchedAny = false;
  let error = false;
  const quiet = f.has('q');
  const max = o.values.get('m') ? Number(o.values.get('m')![0]) : Infinity;
  for (const file of files) {
    let count = 0;
    let lineNo = 0;
    let out = '';
    const label = file === '-' ? '(standard input)' : file;
    try {
      for await (const line of io.lines(file)) {
        lineNo++;
        let hit = false;
        for (const re of res) {
          re.lastIndex = 0;
          if (re.test(line)) {
            hit = true;
            break;
          }
        }
        if (hit === f.has('v')) continue;
        count++;
        matchedAny = true;
        if (quiet) return 0;
        if (f.has('l') || f.has('L')) break;
        if (f.has('c')) {
          if (count >= max) break;
          continue;
        }
        const pre = `${prefixName ? `${label}:` : ''}${f.has('n') ? `${lineNo}:` : ''}`;
        if (f.has('o') && !f.has('v')) {
          for (const re of res) {
            re.lastIndex = 0;
            for (const m of line.matchAll(re)) if (m[0] !== '') out += `${pre}${m[0]}\n`;
          }
        } else out += `${pre}${line}\n`;
        if (out.length > 4096) {
          await io.out(out);
          out = '';
        }
        if (count >= max) break;
      }
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (!f.has('s')) await io.err(`${file}: ${e.text}`);
      error = true;
      continue;
    }
    if (f.has('c')) out += `${prefixName ? `${label}:` : ''}${count}\n`;
    if (f.has('l') && count > 0) out += `${label}\n`;
    if (f.has('L') && count === 0) out += `${label}\n`;
    await io.out(out);
  }
  if (error && !(quiet && matchedAny)) return 2;
  return matchedAny ? 0 : 1;
});

/** -r: directories become the regular files below them, in readdir order. */
function expand(io: AppletIO, files: string[]): string[] {
  const out: string[] = [];
  const vfs = io.proc.vfs;
  const walk = (p: string): void => {
    let st;
    try {
      st = vfs.stat(io.path(p));
    } catch {
      out.push(p);
      return;
    }
    if (st.type !== 'dir') {
      out.push(p);
      return;
    }
    for (const e of vfs.readdir(io.path(p))) walk(joinPath(p, e.name));
  };
  for (const f of files) walk(f);
  return out;
}
