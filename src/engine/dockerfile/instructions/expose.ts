/** EXPOSE port[/proto] …: documents listening ports (config `ExposedPorts`); publishes nothing. */
import { base, errAtLeastOne, type InstructionBase, type ParseRequest } from './request.ts';

export interface ExposeInstruction extends InstructionBase {
  readonly kind: 'EXPOSE';
  /** Raw port specs, sorted as BuildKit sorts them. */
  readonly ports: readonly string[];
}

export function parseExpose(req: ParseRequest): ExposeInstruction {
  if (req.args.length === 0) throw errAtLeastOne('EXPOSE');
  req.flags.parse();
  // Go sort.Strings: byte order, which for these strings equals UTF-16 code unit order outside surrogates.
  const ports = [...req.args].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'EXPOSE', ...base(req), ports };
}
