/** ARG name[=default] …: build arguments (before the first FROM they are global, usable in FROM). */
import { InstructionError } from '../errors.ts';
import { base, docComment, errAtLeastOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface ArgDefinition {
  readonly key: string;
  /** Raw default value; null when none is given (`ARG foo`). */
  readonly value: string | null;
  /** `# <key> <description>` above the ARG. */
  readonly docComment: string;
}

export interface ArgInstruction extends InstructionBase {
  readonly kind: 'ARG';
  readonly args: readonly ArgDefinition[];
}

export function parseArg(req: ParseRequest): ArgInstruction {
  if (req.args.length < 1) throw errAtLeastOne('ARG');
  req.flags.parse();
  const args = req.args.map((a): ArgDefinition => {
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    if (eq === 0) throw new InstructionError('ARG names can not be blank');
    return { key, value: eq < 0 ? null : a.slice(eq + 1), docComment: docComment(req.comments, key) };
  });
  return { kind: 'ARG', ...base(req), args };
}
