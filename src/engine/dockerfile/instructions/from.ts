/** FROM [--platform=<p>] <image> [AS <name>]: starts a build stage. */
import { InstructionError } from '../errors.ts';
import { goQuote } from '../go-text.ts';
import { base, docComment, type InstructionBase, type ParseRequest } from './request.ts';

export interface FromInstruction extends InstructionBase {
  readonly kind: 'FROM';
  /** The image reference as written (variables not yet expanded). */
  readonly baseName: string;
  /** Stage name, lower-cased (`AS Build` names the stage `build`); '' when unnamed. */
  readonly stageName: string;
  /** The stage name as written, and the `AS` keyword as written (for the casing checks). */
  readonly stageNameAsWritten: string;
  readonly asKeyword: string;
  readonly platform: string;
  /** Doc comment `# <name> <description>` above the FROM. */
  readonly docComment: string;
}

const validStageName = /^[a-z][a-z0-9-_.]*$/;

export function parseFrom(req: ParseRequest): FromInstruction {
  const a = req.args;
  let stageName = '';
  if (a.length === 3 && a[1]!.toLowerCase() === 'as') {
    stageName = a[2]!.toLowerCase();
    if (!validStageName.test(stageName)) {
      throw new InstructionError(`invalid name for build stage: ${goQuote(a[2]!)}, name can't start with a number or contain symbols`);
    }
  } else if (a.length !== 1) {
    throw new InstructionError('FROM requires either one or three arguments');
  }
  req.flags.addString('platform');
  req.flags.parse();
  return {
    kind: 'FROM',
    ...base(req),
    baseName: a[0]!,
    stageName,
    stageNameAsWritten: a.length === 3 ? a[2]! : '',
    asKeyword: a.length === 3 ? a[1]! : '',
    platform: req.flags.string('platform'),
    docComment: docComment(req.comments, stageName),
  };
}
