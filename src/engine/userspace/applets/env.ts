import { spawnAndWait } from './exec-helper.ts';
import { defineApplet } from './registry.ts';

/** env [-i] [-u NAME]… [NAME=VALUE]… [PROG ARGS…]: prints or edits the environment, then execs. */
export const env = defineApplet('env', async (io, argv) => {
  let vars = [...io.proc.env];
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-i' || a === '-') vars = [];
    else if (a === '-u') {
      const n = argv[++i] ?? '';
      vars = vars.filter((v) => !v.startsWith(`${n}=`));
    } else if (a === '--') {
      i++;
      break;
    } else break;
  }
  for (; i < argv.length && argv[i]!.includes('=') && !argv[i]!.startsWith('='); i++) {
    const kv = argv[i]!;
    const name = kv.slice(0, kv.indexOf('='));
    vars = vars.filter((v) => !v.startsWith(`${name}=`));
    vars.push(kv);
  }
  const cmd = argv.slice(i);
  if (cmd.length === 0) {
    await io.out(vars.map((v) => `${v}\n`).join(''));
    return 0;
  }
  await io.flush();
  return spawnAndWait(io.proc, cmd, vars, (m) => io.err(m));
});

/** printenv [NAME…]: status 1 if any name is unset. */
export const printenv = defineApplet('printenv', async (io, argv) => {
  if (argv.length === 1) {
    await io.out(io.proc.env.map((v) => `${v}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const n of argv.slice(1)) {
    const v = io.proc.getenv(n);
    if (v === undefined) status = 1;
    else await io.out(`${v}\n`);
  }
  return status;
});
