/** ENTRYPOINT: the executable the container runs; CMD becomes its default arguments (exec form). */
import { base, type InstructionBase, type ParseRequest } from './request.ts';
import { shellCommandLine, type ShellCommandLine } from './shell-command.ts';

export interface EntrypointInstruction extends InstructionBase, Omit<ShellCommandLine, 'cmdLine'> {
  readonly kind: 'ENTRYPOINT';
  /** null for `ENTRYPOINT []` (BuildKit: empty means reset to nil). */
  readonly cmdLine: readonly string[] | null;
}

export function parseEntrypoint(req: ParseRequest): EntrypointInstruction {
  req.flags.parse();
  const line = shellCommandLine(req);
  return { kind: 'ENTRYPOINT', ...base(req), ...line, cmdLine: line.cmdLine.length === 0 ? null : line.cmdLine };
}
