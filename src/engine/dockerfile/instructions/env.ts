/** ENV k=v …: environment variables for the rest of the stage and the image config. */
import { parseKvps, type KeyValuePair } from './key-value.ts';
import { base, type InstructionBase, type ParseRequest } from './request.ts';

export interface EnvInstruction extends InstructionBase {
  readonly kind: 'ENV';
  readonly env: readonly KeyValuePair[];
}

export function parseEnv(req: ParseRequest): EnvInstruction {
  req.flags.parse();
  return { kind: 'ENV', ...base(req), env: parseKvps(req.args, 'ENV') };
}
