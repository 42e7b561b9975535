/** USER: the user (and group) for following RUN and for the container. */
import { base, errExactlyOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface UserInstruction extends InstructionBase {
  readonly kind: 'USER';
  /** Raw, as written (variables are expanded at build time). */
  readonly user: string;
}

export function parseUser(req: ParseRequest): UserInstruction {
  if (req.args.length !== 1) throw errExactlyOne('USER');
  req.flags.parse();
  return { kind: 'USER', ...base(req), user: req.args[0]! };
}
