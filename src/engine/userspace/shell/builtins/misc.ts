import type { Builtin } from '../interpreter.ts';

const limits = new WeakMap<object, Map<string, string>>();

/**
 * ulimit [-SHa…] [-X [N]]: limits are recorded per shell and reported back;
 * Simplification: nothing enforces them. Defaults: unlimited, open files 1048576.
 */
export const ulimit: Builtin = async (sh, argv) => {
  let table = limits.get(sh.state);
  if (!table) {
    table = new Map([['n', '1048576']]);
    limits.set(sh.state, table);
  }
  let which = 'f';
  let value: string | undefined;
  for (const a of argv.slice(1)) {
    if (/^-[SH]+$/.test(a)) continue;
    if (/^-[a-zA-Z]$/.test(a)) which = a[1]!;
    else value = a;
  }
  if (value === undefined) {
    await sh.out(`${table.get(which) ?? 'unlimited'}\n`);
    return 0;
  }
  table.set(which, value);
  return 0;
};

/** times: the shell's and its children's CPU time (always zero here). */
export const times: Builtin = async (sh) => {
  await sh.out('0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n');
  return 0;
};

/** hash: ash's command hash table; nothing is cached here, so it has nothing to say. */
export const hash: Builtin = async () => 0;
