/** COPY [--from] [--chown] [--chmod] [--link] [--parents] [--exclude] <src>... <dest>. */
import { base, errAtLeastTwo, type InstructionBase, type ParseRequest } from './request.ts';
import { parseSourcesAndDest, type SourcesAndDest } from './sources-and-dest.ts';

export interface CopyInstruction extends InstructionBase, SourcesAndDest {
  readonly kind: 'COPY';
  /** Stage name, stage index or image to copy from; '' = the build context. */
  readonly from: string;
  readonly chown: string;
  readonly chmod: string;
  readonly link: boolean;
  readonly parents: boolean;
  readonly exclude: readonly string[];
}

export function parseCopy(req: ParseRequest): CopyInstruction {
  if (req.args.length < 2) throw errAtLeastTwo('COPY');
  const f = req.flags;
  f.addStrings('exclude');
  f.addString('chown');
  f.addString('from');
  f.addString('chmod');
  f.addBool('link');
  f.addBool('parents');
  f.parse();
  return {
    kind: 'COPY',
    ...base(req),
    ...parseSourcesAndDest(req, 'COPY'),
    from: f.string('from'),
    chown: f.string('chown'),
    chmod: f.string('chmod'),
    link: f.bool('link'),
    parents: f.bool('parents'),
    exclude: f.strings('exclude'),
  };
}
