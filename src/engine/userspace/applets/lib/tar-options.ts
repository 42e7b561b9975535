import { OptionError, parseOptions } from './options.ts';

/** What `tar` was asked to do, after BusyBox's argument rules. */
export interface TarOptions {
  readonly mode: 'c' | 'x' | 't' | null;
  /** Archive path; '-' (or absent) is stdin/stdout. */
  readonly file: string;
  readonly dir: string | undefined;
  readonly verbose: boolean;
  readonly toStdout: boolean;
  readonly gzip: boolean;
  /** -j, -J, -Z or --lzma: a codec Layerlab's BusyBox lacks. */
  readonly otherCodec: string | undefined;
  readonly dereference: boolean;
  readonly keepOld: boolean;
  readonly noMtime: boolean;
  readonly noOwner: boolean;
  readonly numericOwner: boolean;
  readonly noRecursion: boolean;
  readonly noSamePermissions: boolean;
  readonly stripComponents: number;
  readonly excludes: readonly string[];
  readonly names: readonly string[];
}

const LONG_FLAGS: Record<string, string> = {
  '--create': 'c',
  '--extract': 'x',
  '--get': 'x',
  '--list': 't',
  '--verbose': 'v',
  '--to-stdout': 'O',
  '--gzip': 'z',
  '--gunzip': 'z',
  '--bzip2': 'j',
  '--xz': 'J',
  '--dereference': 'h',
  '--keep-old-files': 'k',
  '--touch': 'm',
  '--no-same-owner': 'o',
};

/**
 * Parses tar's argv: a first argument without `-` is a bundle of letters
 * (`tar czf out.tgz dir`), long options as BusyBox knows them (plus
 * `--exclude`, which Alpine's BusyBox has), then getopt rules.
 */
export function parseTarArgs(argv: readonly string[]): TarOptions {
  const args = [...argv];
  if (args[0] !== undefined && !args[0].startsWith('-')) args[0] = `-${args[0]}`;
  const short: string[] = [];
  const excludes: string[] = [];
  const longs = new Set<string>();
  let strip = 0;
  let dir: string | undefined;
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      short.push(...args.slice(i));
      break;
    }
    if (!a.startsWith('--')) {
      short.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    const value = (): string => {
      if (eq >= 0) return a.slice(eq + 1);
      if (i + 1 >= args.length) throw new OptionError(`option '${name}' requires an argument`);
      return args[++i]!;
    };
    if (LONG_FLAGS[name]) short.push(`-${LONG_FLAGS[name]}`);
    else if (name === '--exclude') excludes.push(value());
    else if (name === '--strip-components') strip = Number(value());
    else if (name === '--directory') dir = value();
    else if (name === '--file') file = value();
    else if (['--overwrite', '--no-recursion', '--numeric-owner', '--no-same-permissions', '--lzma'].includes(name)) longs.add(name);
    else throw new OptionError(`unrecognized option '${a}'`);
  }
  const o = parseOptions(short, 'cxtf:C:vOmokzZjJahp');
  const modes = ['c', 'x', 't'].filter((m) => o.flags.has(m));
  const codec = o.flags.has('j') ? 'bzip2' : o.flags.has('J') || longs.has('--lzma') ? 'xz' : o.flags.has('Z') ? 'compress' : undefined;
  const fv = o.values.get('f');
  const cv = o.values.get('C');
  return {
    mode: modes.length === 1 ? (modes[0] as 'c' | 'x' | 't') : null,
    file: file ?? (fv ? fv[fv.length - 1]! : '-'),
    dir: dir ?? (cv ? cv[cv.length - 1] : undefined),
    verbose: o.flags.has('v'),
    toStdout: o.flags.has('O'),
    gzip: o.flags.has('z'),
    otherCodec: codec,
    dereference: o.flags.has('h'),
    keepOld: o.flags.has('k') && !longs.has('--overwrite'),
    noMtime: o.flags.has('m'),
    noOwner: o.flags.has('o'),
    numericOwner: longs.has('--numeric-owner'),
    noRecursion: longs.has('--no-recursion'),
    noSamePermissions: longs.has('--no-same-permissions'),
    stripComponents: Number.isFinite(strip) && strip > 0 ? Math.floor(strip) : 0,
    excludes,
    names: o.args,
  };
}
