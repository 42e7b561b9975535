import { isFsError } from '../../fs/errors.ts';
import { AwkInputError, AwkRuntimeError, Runtime } from './awk/interp.ts';
import { AwkSyntaxError, parseAwk } from './awk/parse.ts';
import { StrNum } from './awk/values.ts';
import { RegexSyntaxError } from './lib/regex.ts';
import { defineApplet } from './registry.ts';

/** awk [-F SEP] [-v VAR=VAL]… [-f FILE | 'PROGRAM'] [FILE | VAR=VAL]…. */
export const awk = defineApplet('awk', async (io, argv) => {
  let i = 1;
  let fs: string | undefined;
  const assigns: [string, string][] = [];
  let progText: string | undefined;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('-F')) fs = a.length > 2 ? a.slice(2) : argv[++i];
    else if (a.startsWith('-v')) {
      const kv = a.length > 2 ? a.slice(2) : argv[++i] ?? '';
      const eq = kv.indexOf('=');
      if (eq > 0) assigns.push([kv.slice(0, eq), kv.slice(eq + 1)]);
    } else if (a.startsWith('-f')) {
      const f = a.length > 2 ? a.slice(2) : argv[++i] ?? '';
      try {
        progText = (progText ?? '') + (await io.readText(f));
      } catch (e) {
        if (!isFsError(e)) throw e;
        await io.err(`can't open '${f}': ${e.text}`);
        return 1;
      }
    } else if (a.startsWith('-') && a.length > 1) {
      await io.err(`invalid option -- '${a[1]}'`);
      return 1;
    } else break;
  }
  if (progText === undefined) {
    progText = argv[i++];
    if (progText === undefined) {
      await io.err('usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...');
      return 1;
    }
  }
  let prog;
  try {
    prog = parseAwk(progText);
  } catch (e) {
    if (e instanceof AwkSyntaxError || e instanceof RegexSyntaxError) {
      await io.err(`cmd. line:1: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const rt = new Runtime(io, prog, argv.slice(i));
  if (fs !== undefined) rt.setVar('FS', fs === 't' ? '\t' : rt.unescape(fs));
  for (const [k, v] of assigns) rt.setVar(k, new StrNum(rt.unescape(v)));
  try {
    return await rt.run();
  } catch (e) {
    if (e instanceof AwkRuntimeError || e instanceof RegexSyntaxError) {
      await io.err(e.message);
      return 2;
    }
    if (e instanceof AwkInputError) {
      await io.err(e.message);
      return 1;
    }
    throw e;
  }
});
