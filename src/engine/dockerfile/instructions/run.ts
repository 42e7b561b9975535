/** RUN [--mount=…] [--network=…] [--security=…] <command>: executes a command in a new layer. */
import { InstructionError } from '../errors.ts';
import { goQuote } from '../go-text.ts';
import { base, type InstructionBase, type ParseRequest } from './request.ts';
import { parseRunMount, type RunMount } from './run-mount.ts';
import { shellCommandLine, type ShellCommandLine } from './shell-command.ts';

export interface RunInstruction extends InstructionBase, ShellCommandLine {
  readonly kind: 'RUN';
  readonly mounts: readonly RunMount[];
  readonly network: 'default' | 'none' | 'host';
  readonly security: 'sandbox' | 'insecure';
  /** Names of the flags given (BuildKit `FlagsUsed`): part of the cache key. */
  readonly flagsUsed: readonly string[];
}

export function parseRun(req: ParseRequest): RunInstruction {
  req.flags.addStrings('mount');
  req.flags.addString('network', 'default');
  req.flags.addString('security', 'sandbox');
  req.flags.parse();
  const network = req.flags.string('network');
  if (network !== 'default' && network !== 'none' && network !== 'host') {
    throw new InstructionError(`invalid network mode ${goQuote(network)}`);
  }
  const security = req.flags.string('security');
  if (security !== 'sandbox' && security !== 'insecure') throw new InstructionError(`security ${goQuote(security)} is not valid`);
  return {
    kind: 'RUN',
    ...base(req),
    ...shellCommandLine(req),
    mounts: req.flags.strings('mount').map(parseRunMount),
    network,
    security,
    flagsUsed: req.flags.used(),
  };
}
