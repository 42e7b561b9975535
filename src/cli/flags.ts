/**
 * Flag parsing with spf13/pflag's rules, as the docker CLI uses them:
 * `--name value`, `--name=value`, `-n value`, `-nvalue`, bundled booleans
 * `-it`, `--` ends flags, and (for commands that set `interspersed: false`,
 * like `run`) flags stop at the first positional argument.
 */
export type FlagKind = 'bool' | 'string' | 'int' | 'list' | 'stringArray' | 'duration' | 'bytes' | 'filter' | 'map';

export interface FlagSpec {
  readonly name: string;
  readonly shorthand?: string;
  readonly kind: FlagKind;
  /** pflag's usage text; a `backquoted` word becomes the value name, as pflag's UnquoteUsage. */
  readonly usage: string;
  /** Default as pflag prints it in help; omitted = zero value (not printed). */
  readonly defaultValue?: string;
  /** Value name shown in help when the usage has no backquoted word (e.g. `string`, `list`). */
  readonly valueName?: string;
  readonly hidden?: boolean;
}

export interface ParsedFlags {
  /** Last value for scalars; all values for list kinds; 'true'/'false' for bools. */
  readonly values: ReadonlyMap<string, string[]>;
  readonly args: string[];
}

export class FlagError extends Error {
  override readonly name = 'FlagError';
}

export function flagString(p: ParsedFlags, name: string): string | undefined {
  const v = p.values.get(name);
  return v ? v[v.length - 1] : undefined;
}

export function flagBool(p: ParsedFlags, name: string): boolean {
  return flagString(p, name) === 'true';
}

export function flagList(p: ParsedFlags, name: string): string[] {
  return p.values.get(name) ?? [];
}

const BOOL_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const BOOL_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function parseBool(flag: string, raw: string): string {
  if (BOOL_TRUE.has(raw)) return 'true';
  if (BOOL_FALSE.has(raw)) return 'false';
  throw new FlagError(`invalid argument "${raw}" for "${flag}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
}

/** Parse argv against specs. Throws FlagError with pflag's message on bad input. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[], interspersed = true): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.shorthand).map((s) => [s.shorthand!, s]));
  const values = new Map<string, string[]>();
  const args: string[] = [];
  const set = (spec: FlagSpec, _typed: string, raw: string) => {
    // pflag names the flag with its shorthand in value errors: `"-H, --human" flag`.
    const flagText = spec.shorthand ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
    const value = spec.kind === 'bool' ? parseBool(flagText, raw) : raw;
    if (spec.kind === 'int' && !/^[+-]?\d+$/.test(raw)) {
      throw new FlagError(`invalid argument "${raw}" for "${flagText}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
    }
    const list = isList(spec.kind) ? (values.get(spec.name) ?? []) : [];
    list.push(value);
    values.set(spec.name, list);
  };
  let i = 0;
  while (i < argv.length) {
    const a = argv[i++]!;
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) set(spec, `--${name}`, a.slice(eq + 1));
      else if (spec.kind === 'bool') set(spec, `--${name}`, 'true');
      else if (i < argv.length) set(spec, `--${name}`, argv[i++]!);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // Shorthand cluster: booleans may be bundled; a value-taking flag eats the rest or the next arg.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const rest = a.slice(j + 1);
        if (spec.kind === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, `-${c}`, rest.slice(1));
            break;
          }
          set(spec, `-${c}`, 'true');
          continue;
        }
        if (rest.length > 0) set(spec, `-${c}`, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i < argv.length) set(spec, `-${c}`, argv[i++]!);
        else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    args.push(a);
    if (!interspersed) {
      args.push(...argv.slice(i));
      break;
    }
  }
  return { values, args };
}

function isList(kind: FlagKind): boolean {
  return kind === 'list' || kind === 'stringArray' || kind === 'filter' || kind === 'map';
}

/** pflag's value name for help: a `backquoted` word in usage, else by kind. */
function unquoteUsage(spec: FlagSpec): { name: string; usage: string } {
  const m = /`([^`]*)`/.exec(spec.usage);
  if (m) return { name: m[1]!, usage: spec.usage.replace(/`/g, '') };
  if (spec.valueName !== undefined) return { name: spec.valueName, usage: spec.usage };
  const byKind: Record<FlagKind, string> = {
    bool: '',
    string: 'string',
    int: 'int',
    list: 'list',
    stringArray: 'stringArray',
    duration: 'duration',
    bytes: 'bytes',
    filter: 'filter',
    map: 'map',
  };
  return { name: byKind[spec.kind], usage: spec.usage };
}

/** pflag's FlagUsagesWrapped(cols): the Options block of help output. */
export function flagUsages(specs: readonly FlagSpec[], cols: number): string {
  const lines: string[] = [];
  let maxlen = 0;
  const visible = [...specs].filter((s) => !s.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const spec of visible) {
    let line = spec.shorthand ? `  -${spec.shorthand}, --${spec.name}` : `      --${spec.name}`;
    const { name, usage } = unquoteUsage(spec);
    if (name) line += ` ${name}`;
    line += '\x00';
    if (line.length > maxlen) maxlen = line.length;
    line += usage;
    if (spec.defaultValue !== undefined) {
      line += spec.kind === 'string' ? ` (default ${JSON.stringify(spec.defaultValue)})` : ` (default ${spec.defaultValue})`;
    }
    lines.push(line);
  }
  let out = '';
  for (const line of lines) {
    const sidx = line.indexOf('\x00');
    out += `${line.slice(0, sidx)} ${' '.repeat(maxlen - sidx)} ${wrap(maxlen + 2, cols, line.slice(sidx + 1))}\n`;
  }
  return out;
}

function wrap(indent: number, width: number, s: string): string {
  if (width === 0) return s.replaceAll('\n', `\n${' '.repeat(indent)}`);
  let room = width - indent;
  let r = '';
  if (room < 24) {
    indent = 16;
    room = width - indent;
    r += `\n${' '.repeat(indent)}`;
  }
  if (room < 24) return s.replaceAll('\n', r);
  const slop = 5;
  room -= slop;
  const pad = ' '.repeat(indent);
  let [l, rest] = wrapN(room, slop, s);
  r += l.replaceAll('\n', `\n${pad}`);
  while (rest !== '') {
    let t: string;
    [t, rest] = wrapN(room, slop, rest);
    r += `\n${pad}${t.replaceAll('\n', `\n${pad}`)}`;
  }
  return r;
}

function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ''];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\t'), head.lastIndexOf('\n'));
  if (w <= 0) return [s, ''];
  const nl = head.lastIndexOf('\n');
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}
