/** STOPSIGNAL: the signal `docker stop` sends to PID 1. */
import { base, errExactlyOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface StopSignalInstruction extends InstructionBase {
  readonly kind: 'STOPSIGNAL';
  /** Raw, as written (variables are expanded at build time). */
  readonly signal: string;
}

export function parseStopSignal(req: ParseRequest): StopSignalInstruction {
  if (req.args.length !== 1) throw errExactlyOne('STOPSIGNAL');
  req.flags.parse();
  return { kind: 'STOPSIGNAL', ...base(req), signal: req.args[0]! };
}
