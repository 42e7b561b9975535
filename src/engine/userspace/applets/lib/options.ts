/**
 * getopt-style option parsing as BusyBox applets do it: bundled short flags
 * (`-la`), option arguments attached or separate (`-n3`, `-n 3`), `--` ends
 * options, and options stop at the first operand unless `permute` (GNU
 * getopt's default, which BusyBox's getopt32 inherits from glibc).
 */
export interface ParsedOptions {
  /** Count of each flag seen (so `-vv` is 2). */
  readonly flags: Map<string, number>;
  /** Values of options that take an argument, in order. */
  readonly values: Map<string, string[]>;
  readonly args: string[];
}

export class OptionError extends Error {
  override readonly name = 'OptionError';
}

/** `spec`: letters, each followed by `:` if it takes an argument (getopt syntax). */
export function parseOptions(argv: readonly string[], spec: string, permute = true): ParsedOptions {
  const takesArg = new Set<string>();
  const known = new Set<string>();
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === ':') continue;
    known.add(c);
    if (spec[i + 1] === ':') takesArg.add(c);
  }
  const flags = new Map<string, number>();
  const values = new Map<string, string[]>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.length < 2 || a[0] !== '-') {
      if (!permute) {
        args.push(...argv.slice(i));
        break;
      }
      args.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (!known.has(c)) throw new OptionError(`invalid option -- '${c}'`);
      flags.set(c, (flags.get(c) ?? 0) + 1);
      if (takesArg.has(c)) {
        let v = a.slice(j + 1);
        if (v === '') {
          if (i + 1 >= argv.length) throw new OptionError(`option requires an argument -- '${c}'`);
          v = argv[++i]!;
        }
        const list = values.get(c) ?? [];
        list.push(v);
        values.set(c, list);
        break;
      }
    }
  }
  return { flags, values, args };
}

/** The last value given for an option, or undefined. */
export function optValue(o: ParsedOptions, c: string): string | undefined {
  const v = o.values.get(c);
  return v ? v[v.length - 1] : undefined;
}
