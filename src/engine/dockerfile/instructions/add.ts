/**
 * ADD: like COPY, plus remote URLs, Git repositories and automatic
 * extraction of local tar archives (--unpack), verified with --checksum.
 */
import { base, errAtLeastTwo, type InstructionBase, type ParseRequest } from './request.ts';
import { parseSourcesAndDest, type SourcesAndDest } from './sources-and-dest.ts';

export interface AddInstruction extends InstructionBase, SourcesAndDest {
  readonly kind: 'ADD';
  readonly chown: string;
  readonly chmod: string;
  readonly link: boolean;
  readonly keepGitDir: boolean;
  readonly checksum: string;
  /** null when --unpack is not given (archives from the context are extracted, URLs are not). */
  readonly unpack: boolean | null;
  readonly exclude: readonly string[];
}

export function parseAdd(req: ParseRequest): AddInstruction {
  if (req.args.length < 2) throw errAtLeastTwo('ADD');
  const f = req.flags;
  f.addStrings('exclude');
  f.addString('chown');
  f.addString('chmod');
  f.addBool('link');
  f.addBool('keep-git-dir');
  f.addString('checksum');
  f.addBool('unpack');
  f.parse();
  return {
    kind: 'ADD',
    ...base(req),
    ...parseSourcesAndDest(req, 'ADD'),
    chown: f.string('chown'),
    chmod: f.string('chmod'),
    link: f.bool('link'),
    keepGitDir: f.bool('keep-git-dir'),
    checksum: f.string('checksum'),
    unpack: f.isUsed('unpack') ? f.bool('unpack') : null,
    exclude: f.strings('exclude'),
  };
}
