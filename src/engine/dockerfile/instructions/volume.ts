/** VOLUME: paths that become anonymous volumes in containers of the image. */
import { InstructionError } from '../errors.ts';
import { trimSpace } from '../go-text.ts';
import { base, errAtLeastOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface VolumeInstruction extends InstructionBase {
  readonly kind: 'VOLUME';
  readonly volumes: readonly string[];
}

export function parseVolume(req: ParseRequest): VolumeInstruction {
  if (req.args.length === 0) throw errAtLeastOne('VOLUME');
  req.flags.parse();
  const volumes = req.args.map((v) => {
    const t = trimSpace(v);
    if (t === '') throw new InstructionError('VOLUME specified can not be an empty string');
    return t;
  });
  return { kind: 'VOLUME', ...base(req), volumes };
}
