/** WORKDIR: the working directory for following RUN, CMD, ENTRYPOINT, COPY and ADD (created if missing). */
import { base, errExactlyOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface WorkdirInstruction extends InstructionBase {
  readonly kind: 'WORKDIR';
  /** Raw, as written (variables are expanded at build time). */
  readonly path: string;
}

export function parseWorkdir(req: ParseRequest): WorkdirInstruction {
  if (req.args.length !== 1) throw errExactlyOne('WORKDIR');
  req.flags.parse();
  return { kind: 'WORKDIR', ...base(req), path: req.args[0]! };
}
