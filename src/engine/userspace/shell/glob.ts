/**
 * Shell pattern matching (fnmatch without flags): `*`, `?`, bracket
 * expressions with ranges, `!`/`^` negation and POSIX classes. A backslash
 * quotes the next character; the expander escapes quoted text that way.
 */
const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

const cache = new Map<string, RegExp>();

export function hasGlobChars(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/** The pattern as a JS regular-expression source (no anchors). */
export function patternSource(p: string): string {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      i++;
      re += escapeRe(p[i] ?? '\\');
    } else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = bracketEnd(p, i);
      if (end < 0) re += '\\[';
      else {
        re += bracket(p.slice(i + 1, end));
        i = end;
      }
    } else re += escapeRe(c);
  }
  return re;
}

function bracketEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '[' && p[j + 1] === ':') {
      const e = p.indexOf(':]', j + 2);
      if (e > 0) j = e + 1;
    } else if (p[j] === ']') return j;
  }
  return -1;
}

function bracket(body: string): string {
  let neg = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    neg = true;
    i = 1;
  }
  let out = '';
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (c === '[' && body[i + 1] === ':') {
      const e = body.indexOf(':]', i + 2);
      const cls = CLASSES[body.slice(i + 2, e)];
      if (e > 0 && cls !== undefined) {
        out += cls;
        i = e + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < body.length) {
      i++;
      out += escapeRe(body[i]!);
      continue;
    }
    if (c === '-' && out !== '' && i + 1 < body.length) out += '-';
    else out += escapeRe(c);
  }
  return `[${neg ? '^' : ''}${out}]`;
}

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Whether `s` matches the whole pattern. */
export function matchPattern(pattern: string, s: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = new RegExp(`^${patternSource(pattern)}$`);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(s);
}

/** Removes glob backslash-quoting: the literal text of a pattern. */
export function unescapePattern(p: string): string {
  return p.replace(/\\([\s\S])/g, '$1');
}
