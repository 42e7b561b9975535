/** ONBUILD <instruction>: a trigger stored in the image, run by builds that use it as their base. */
import { InstructionError } from '../errors.ts';
import { trimSpace } from '../go-text.ts';
import { base, errAtLeastOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface OnbuildInstruction extends InstructionBase {
  readonly kind: 'ONBUILD';
  /** The trigger's source text (with heredoc bodies appended), as stored in the image config `OnBuild`. */
  readonly expression: string;
}

export function parseOnbuild(req: ParseRequest): OnbuildInstruction {
  if (req.args.length === 0) throw errAtLeastOne('ONBUILD');
  req.flags.parse();
  const trigger = trimSpace(req.args[0]!).toUpperCase();
  if (trigger === 'ONBUILD') throw new InstructionError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new InstructionError(`${trigger} isn't allowed as an ONBUILD trigger`);
  let expression = req.original.replace(/^\s*ONBUILD\s*/i, '');
  for (const h of req.heredocs) expression += '\n' + h.content + h.name;
  return { kind: 'ONBUILD', ...base(req), expression };
}
