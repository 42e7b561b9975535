import type { Builtin, Shell } from '../interpreter.ts';

/**
 * Where getopts stopped inside a bundled option word (`-abc`), per shell:
 * OPTIND already names the next word (as in ash), `word` and `pos` the
 * character to continue with; valid while OPTIND still equals `optind`.
 */
const charPos = new WeakMap<Shell, { optind: number; word: number; pos: number }>();

/**
 * getopts OPTSTRING NAME [ARG…]: one option per call, OPTIND/OPTARG as ash
 * keeps them; a leading `:` in OPTSTRING selects silent error reporting.
 * Messages (`Illegal option -z`, `No arg for -b option`) have no prefix, as in ash.
 */
export const getopts: Builtin = async (sh, argv) => {
  const spec = argv[1];
  const name = argv[2];
  if (spec === undefined || name === undefined) {
    await sh.err('usage: getopts optstring var [arg...]');
    return 2;
  }
  const args = argv.length > 3 ? argv.slice(3) : sh.state.positional;
  const silent = spec.startsWith(':');
  const letters = silent ? spec.slice(1) : spec;
  let optind = Number(sh.state.get('OPTIND') ?? '1');
  if (!Number.isInteger(optind) || optind < 1) optind = 1;
  let st = charPos.get(sh);
  if (!st || st.optind !== optind || st.pos === 0) st = { optind, word: optind - 1, pos: 1 };
  const w = st.word;
  /** Records the state after this call: `pos` 0 means the next call starts a new word. */
  const finish = (status: number, nextInd: number, pos: number): number => {
    sh.state.set('OPTIND', String(nextInd));
    charPos.set(sh, { optind: nextInd, word: w, pos });
    return status;
  };
  const word = args[w];
  if (word === undefined || word === '-' || !word.startsWith('-') || (st.pos === 1 && word === '--')) {
    sh.state.set(name, '?');
    sh.state.unset('OPTARG');
    return finish(1, word === '--' && st.pos === 1 ? w + 2 : w + 1, 0);
  }
  const c = word[st.pos]!;
  const atEnd = st.pos + 1 >= word.length;
  const more = atEnd ? 0 : st.pos + 1;
  const idx = letters.indexOf(c);
  if (idx < 0 || c === ':') {
    if (silent) {
      sh.state.set(name, '?');
      sh.state.set('OPTARG', c);
    } else {
      await sh.proc.write(2, `Illegal option -${c}\n`);
      sh.state.set(name, '?');
      sh.state.unset('OPTARG');
    }
    return finish(0, w + 2, more);
  }
  if (letters[idx + 1] === ':') {
    let arg: string | undefined;
    let next = w + 2;
    if (!atEnd) arg = word.slice(st.pos + 1);
    else {
      arg = args[w + 1];
      next = w + 3;
    }
    if (arg === undefined) {
      if (silent) {
        sh.state.set(name, ':');
        sh.state.set('OPTARG', c);
      } else {
        await sh.proc.write(2, `No arg for -${c} option\n`);
        sh.state.set(name, '?');
        sh.state.unset('OPTARG');
      }
      return finish(0, w + 2, 0);
    }
    sh.state.set(name, c);
    sh.state.set('OPTARG', arg);
    return finish(0, next, 0);
  }
  sh.state.set(name, c);
  sh.state.set('OPTARG', '');
  return finish(0, w + 2, more);
};
