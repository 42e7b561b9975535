/** CMD: the image's default command (or default arguments to ENTRYPOINT). Only the last CMD counts. */
import { base, type InstructionBase, type ParseRequest } from './request.ts';
import { shellCommandLine, type ShellCommandLine } from './shell-command.ts';

export interface CmdInstruction extends InstructionBase, ShellCommandLine {
  readonly kind: 'CMD';
}

export function parseCmd(req: ParseRequest): CmdInstruction {
  req.flags.parse();
  return { kind: 'CMD', ...base(req), ...shellCommandLine(req) };
}
