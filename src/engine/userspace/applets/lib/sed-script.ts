import { compilePosix } from './regex.ts';

/** One sed address: a line number, `$`, a regex, or a step `first~step`. */
export type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 're'; re: RegExp | null } | { kind: 'plus'; n: number };

export interface SedCommand {
  a1?: Address;
  a2?: Address;
  negate: boolean;
  name: string;
  /** s: pattern (null = last regex), replacement, flags. */
  re?: RegExp | null;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  text?: string;
  label?: string;
  /** y: translation map. */
  map?: Map<string, string>;
  /** Index of the matching `}` for `{`, or of the target for branches. */
  jump?: number;
  /** Range state: inside a2 range since line n. */
  active?: boolean;
  endLine?: number;
  wfile?: string;
}

export class SedError extends Error {}

/**
 * Parses sed script text into a flat command list ({ and } become jumps).
 * Messages follow BusyBox (`unmatched '/'`, `unsupported command k`).
 */
export function parseSed(script: string, extended: boolean): SedCommand[] {
  const cmds: SedCommand[] = [];
  const blocks: number[] = [];
  let i = 0;
  const s = script;
  const skipWs = (): void => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const readDelimited = (delim: string): string => {
    let out = '';
    for (;;) {
      if (i >= s.length) throw new SedError(`unmatched '${delim}'`);
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length) {
        const n = s[i + 1]!;
        if (n === delim) out += delim === '&' ? '\\&' : n;
        else if (n === 'n') out += '\n';
        else out += c + n;
        i += 2;
        continue;
      }
      if (c === '\n' && delim !== '\n') throw new SedError(`unmatched '${delim}'`);
      i++;
      if (c === delim) return out;
      out += c;
    }
  };
  const regex = (src: string, flags = ''): RegExp | null => (src === '' ? null : compilePosix(src, extended, flags));
  const address = (): Address | undefined => {
    const c = s[i];
    if (c === undefined) return undefined;
    if (/\d/.test(c)) {
      const m = /^\d+/.exec(s.slice(i))!;
      i += m[0].length;
      if (s[i] === '~') throw new SedError('unsupported command ~');
      return { kind: 'line', n: Number(m[0]) };
    }
    if (c === '$') {
      i++;
      return { kind: 'last' };
    }
    if (c === '/' || c === '\\') {
      let delim = '/';
      if (c === '\\') {
        delim = s[i + 1] ?? '/';
        i++;
      }
      i++;
      const src = readDelimited(delim);
      let flags = '';
      if (s[i] === 'I') {
        flags = 'i';
        i++;
      }
      return { kind: 're', re: regex(src, flags) };
    }
    return undefined;
  };
  const restOfLine = (): string => {
    const end = s.indexOf('\n', i);
    const t = s.slice(i, end < 0 ? s.length : end);
    i = end < 0 ? s.length : end;
    return t;
  };
  const textArg = (): string => {
    skipWs();
    if (s[i] === '\\') {
      i++;
      if (s[i] === '\n') i++;
    }
    let out = '';
    for (;;) {
      if (i >= s.length) break;
      const c = s[i]!;
      if (c === '\\' && i + 1 < s.length) {
        out += s[i + 1] === '\n' ? '\n' : s[i + 1];
        i += 2;
        continue;
      }
      if (c === '\n') break;
      out += c;
      i++;
    }
    return out;
  };
  while (i < s.length) {
    while (i < s.length && /[\s;]/.test(s[i]!)) i++;
    if (i >= s.length) break;
    if (s[i] === '#') {
      restOfLine();
      continue;
    }
    const cmd: SedCommand = { negate: false, name: '' };
    cmd.a1 = address();
    if (cmd.a1 && s[i] === ',') {
      i++;
      if (s[i] === '+') {
        i++;
        const m = /^\d+/.exec(s.slice(i));
        if (!m) throw new SedError('unexpected ,');
        i += m[0].length;
        cmd.a2 = { kind: 'plus', n: Number(m[0]) };
      } else {
        cmd.a2 = address();
        if (!cmd.a2) throw new SedError('unexpected ,');
      }
    }
    skipWs();
    while (s[i] === '!') {
      cmd.negate = true;
      i++;
      skipWs();
    }
    const name = s[i++];
    if (name === undefined) throw new SedError('missing command');
    cmd.name = name;
    switch (name) {
      case '{':
        blocks.push(cmds.length);
        break;
      case '}':
        if (blocks.length) cmds[blocks.pop()!]!.jump = cmds.length;
        break;
      case 's': {
        const delim = s[i++] ?? '';
        const src = readDelimited(delim);
        const rep = readDelimited(delim);
        let flags = '';
        cmd.global = false;
        for (;;) {
          const c = s[i];
          if (c === 'g') cmd.global = true;
          else if (c === 'p') cmd.print = true;
          else if (c === 'i' || c === 'I') flags += 'i';
          else if (c !== undefined && /\d/.test(c)) {
            const m = /^\d+/.exec(s.slice(i))!;
            cmd.occurrence = Number(m[0]);
            i += m[0].length - 1;
          } else if (c === 'w') {
            i++;
            cmd.wfile = restOfLine().trim();
            break;
          } else if (c === undefined || c === ';' || c === '\n' || c === '}' || c === ' ' || c === '\t' || c === '#') break;
          else throw new SedError('bad option in substitution expression');
          i++;
        }
        cmd.re = src === '' ? null : compilePosix(src, extended, flags);
        cmd.replacement = rep;
        break;
      }
      case 'y': {
        const delim = s[i++] ?? '';
        const a = [...readDelimited(delim).replace(/\\\\/g, '\\')];
        const b = [...readDelimited(delim).replace(/\\\\/g, '\\')];
        cmd.map = new Map(a.map((c, k) => [c, b[k] ?? b[b.length - 1] ?? c]));
        break;
      }
      case 'a':
      case 'i':
      case 'c':
        cmd.text = textArg();
        break;
      case 'b':
      case 't':
      case 'T':
        skipWs();
        cmd.label = restOfLine().split(';')[0]!.trim();
        break;
      case ':':
        skipWs();
        cmd.label = restOfLine().trim();
        break;
      case 'r':
      case 'w':
        skipWs();
        cmd.text = restOfLine().trim();
        break;
      case 'q':
      case 'Q':
      case 'l':
        skipWs();
        if (/\d/.test(s[i] ?? '')) {
          const m = /^\d+/.exec(s.slice(i))!;
          cmd.text = m[0];
          i += m[0].length;
        }
        break;
      case 'd': case 'D': case 'p': case 'P': case 'n': case 'N': case '=': case 'h': case 'H': case 'g': case 'G': case 'x': case 'z':
        break;
      default:
        throw new SedError(`unsupported command ${name}`);
    }
    cmds.push(cmd);
  }
  for (const c of cmds) {
    if (c.name === 'b' || c.name === 't' || c.name === 'T') {
      if (!c.label) c.jump = cmds.length;
      else {
        const target = cmds.findIndex((x) => x.name === ':' && x.label === c.label);
        if (target < 0) throw new SedError(`can't find label for jump to '${c.label}'`);
        c.jump = target;
      }
    }
  }
  return cmds;
}

/** Expands `&`, `\1`…`\9` and escapes in an s/// replacement. */
export function substitute(rep: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      if (/\d/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else if (c === '&') out += m[0];
    else out += c;
  }
  return out;
}
