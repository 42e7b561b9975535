/** The key/value triples ENV and LABEL share (BuildKit `parseKvps`). */
import { InstructionError } from '../errors.ts';
import { errAtLeastOne } from './request.ts';

export interface KeyValuePair {
  /** Raw, as written: quotes and `$VAR` are resolved at build time. */
  readonly key: string;
  readonly value: string;
  /** Legacy `KEY value` form (no `=`). */
  readonly noDelim: boolean;
}

export function parseKvps(args: readonly string[], cmd: string): KeyValuePair[] {
  if (args.length === 0) throw errAtLeastOne(cmd);
  if (args.length % 3 !== 0) throw new InstructionError(`Bad input to ${cmd}, too many arguments`);
  const out: KeyValuePair[] = [];
  for (let i = 0; i < args.length; i += 3) {
    if (args[i]!.length === 0) throw new InstructionError(`${cmd} names can not be blank`);
    out.push({ key: args[i]!, value: args[i + 1]!, noDelim: args[i + 2] === '' });
  }
  return out;
}
