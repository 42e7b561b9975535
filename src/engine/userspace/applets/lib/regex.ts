/**
 * POSIX basic/extended regular expressions (as glibc's regcomp reads them,
 * with the GNU `\+ \? \|` extensions BusyBox gets from it) translated to
 * JavaScript RegExp source.
 */
const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: '0-9A-Za-z', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

export class RegexSyntaxError extends Error {}

function escapeJs(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** Reads a bracket expression at `i` (pointing at `[`); returns JS class source and the index after `]`. */
function bracket(re: string, i: number): [string, number] {
  let j = i + 1;
  let out = '[';
  if (re[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (; j < re.length; j++) {
    const c = re[j]!;
    if (c === ']' && !first) return [`${out}]`, j + 1];
    first = false;
    if (c === '[' && (re[j + 1] === ':' || re[j + 1] === '.' || re[j + 1] === '=')) {
      const kind = re[j + 1]!;
      const end = re.indexOf(`${kind}]`, j + 2);
      if (end < 0) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
      const name = re.slice(j + 2, end);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexSyntaxError('Invalid character class name');
        out += cls;
      } else out += escapeJs(name);
      j = end + 1;
      continue;
    }
    if (c === '\\' || c === ']' || c === '[' || c === '^') out += `\\${c}`;
    else out += c;
  }
  throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
}

export function posixToJs(re: string, extended: boolean): string {
  let out = '';
  let atStart = true;
  let depth = 0;
  for (let i = 0; i < re.length; ) {
    const c = re[i]!;
    const start: boolean = atStart;
    atStart = false;
    if (c === '\\') {
      const n = re[i + 1];
      i += 2;
      if (n === undefined) throw new RegexSyntaxError('Trailing backslash');
      if (!extended && '(){}|+?'.includes(n)) {
        if (n === '(') {
          depth++;
          atStart = true;
        }
        if (n === ')') depth--;
        if (n === '|') atStart = true;
        if (n === '{') {
          const end = re.indexOf('\\}', i);
          if (end < 0) throw new RegexSyntaxError('Unmatched \\{');
          out += `{${re.slice(i, end)}}`;
          i = end + 2;
          continue;
        }
        out += n;
        continue;
      }
      if (/[1-9]/.test(n)) out += `\\${n}`;
      else if (n === '<' || n === '>') out += '\\b';
      else if ('wWsSbB'.includes(n)) out += `\\${n}`;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += escapeJs(n);
      continue;
    }
    if (c === '[') {
      const [src, next] = bracket(re, i);
      out += src;
      i = next;
      continue;
    }
    if (c === '*' && start) {
      out += '\\*';
      i++;
      continue;
    }
    if (c === '^') {
      out += extended || start ? '^' : '\\^';
      if (!extended) atStart = start;
      else atStart = true;
      i++;
      continue;
    }
    if (c === '$') {
      const atEnd = i + 1 === re.length || (!extended && re.startsWith('\\)', i + 1)) || (!extended && re.startsWith('\\|', i + 1));
      out += extended || atEnd ? '$' : '\\$';
      i++;
      continue;
    }
    if (extended) {
      if (c === '(') {
        depth++;
        atStart = true;
      }
      if (c === ')') depth--;
      if (c === '|') atStart = true;
      if (c === '{' && !/^\{\d*(,\d*)?\}/.test(re.slice(i))) {
        out += '\\{';
        i++;
        continue;
      }
      out += c;
      i++;
      continue;
    }
    out += '(){}|+?/'.includes(c) ? `\\${c}` : c;
    i++;
  }
  if (depth !== 0) throw new RegexSyntaxError(extended ? 'Unmatched ( or \\(' : 'Unmatched ( or \\(');
  return out;
}

/** Compiles a POSIX pattern; `flags` are JS flags (i, g). */
export function compilePosix(re: string, extended: boolean, flags = ''): RegExp {
  const src = posixToJs(re, extended);
  try {
    return new RegExp(src, flags);
  } catch {
    throw new RegexSyntaxError('Invalid regular expression');
  }
}
