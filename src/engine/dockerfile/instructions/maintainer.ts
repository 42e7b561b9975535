/** MAINTAINER: the deprecated author field (use LABEL org.opencontainers.image.authors). */
import { base, errExactlyOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface MaintainerInstruction extends InstructionBase {
  readonly kind: 'MAINTAINER';
  /** Raw, as written (variables are expanded at build time). */
  readonly maintainer: string;
}

export function parseMaintainer(req: ParseRequest): MaintainerInstruction {
  if (req.args.length !== 1) throw errExactlyOne('MAINTAINER');
  req.flags.parse();
  return { kind: 'MAINTAINER', ...base(req), maintainer: req.args[0]! };
}
