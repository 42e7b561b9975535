/** LABEL k=v …: image metadata (config `Labels`). */
import { parseKvps, type KeyValuePair } from './key-value.ts';
import { base, type InstructionBase, type ParseRequest } from './request.ts';

export interface LabelInstruction extends InstructionBase {
  readonly kind: 'LABEL';
  readonly labels: readonly KeyValuePair[];
}

export function parseLabel(req: ParseRequest): LabelInstruction {
  req.flags.parse();
  return { kind: 'LABEL', ...base(req), labels: parseKvps(req.args, 'LABEL') };
}
