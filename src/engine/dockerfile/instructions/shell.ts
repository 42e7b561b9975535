/** SHELL ["exe", "args"…]: the shell that runs shell-form RUN, CMD and ENTRYPOINT. Exec form only. */
import { InstructionError } from '../errors.ts';
import { base, errAtLeastOne, handleJsonArgs, type InstructionBase, type ParseRequest } from './request.ts';

export interface ShellInstruction extends InstructionBase {
  readonly kind: 'SHELL';
  readonly shell: readonly string[];
}

export function parseShell(req: ParseRequest): ShellInstruction {
  req.flags.parse();
  const shell = handleJsonArgs(req.args, req.json);
  if (shell.length === 0) throw errAtLeastOne('SHELL');
  if (!req.json) throw new InstructionError('SHELL requires the arguments to be in JSON form');
  return { kind: 'SHELL', ...base(req), shell };
}
