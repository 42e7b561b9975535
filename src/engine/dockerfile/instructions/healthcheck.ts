/**
 * HEALTHCHECK [--interval …] CMD <command> | NONE: how the engine probes a
 * running container. Durations are nanoseconds, 0 meaning "inherit / default".
 */
import { InstructionError } from '../errors.ts';
import { parseGoDuration } from '../go-duration.ts';
import { goQuote } from '../go-text.ts';
import { base, errAtLeastOne, handleJsonArgs, type InstructionBase, type ParseRequest } from './request.ts';

/** Docker's `HealthConfig` (durations in ns). */
export interface HealthConfig {
  /** `["NONE"]`, `["CMD", …]` (exec form) or `["CMD-SHELL", "cmd"]` (shell form). */
  readonly Test: readonly string[];
  readonly Interval: number;
  readonly Timeout: number;
  readonly StartPeriod: number;
  readonly StartInterval: number;
  readonly Retries: number;
}

export interface HealthcheckInstruction extends InstructionBase {
  readonly kind: 'HEALTHCHECK';
  readonly health: HealthConfig;
}

/** container.MinimumDuration. */
const minimumDuration = 1e6;

function interval(name: string, value: string): number {
  if (value === '') return 0;
  const d = parseGoDuration(value);
  if (d === 0) return 0;
  if (d < minimumDuration) throw new InstructionError(`Interval ${goQuote(name)} cannot be less than 1ms`);
  return d;
}

export function parseHealthcheck(req: ParseRequest): HealthcheckInstruction {
  if (req.args.length === 0) throw errAtLeastOne('HEALTHCHECK');
  const typ = req.args[0]!.toUpperCase();
  const args = req.args.slice(1);
  const none = { Interval: 0, Timeout: 0, StartPeriod: 0, StartInterval: 0, Retries: 0 };
  if (typ === 'NONE') {
    if (args.length !== 0) throw new InstructionError('HEALTHCHECK NONE takes no arguments');
    return { kind: 'HEALTHCHECK', ...base(req), health: { Test: ['NONE'], ...none } };
  }
  const f = req.flags;
  for (const n of ['interval', 'timeout', 'start-period', 'start-interval', 'retries']) f.addString(n);
  f.parse();
  if (typ !== 'CMD') throw new InstructionError(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`);
  const cmd = handleJsonArgs(args, req.json);
  if (cmd.length === 0) throw new InstructionError('Missing command after HEALTHCHECK CMD');
  let retries = 0;
  const r = f.string('retries');
  if (r !== '') {
    if (!/^[+-]?\d+$/.test(r)) throw new InstructionError(`strconv.ParseInt: parsing ${goQuote(r)}: invalid syntax`);
    retries = Number(r);
    if (retries > 2147483647 || retries < -2147483648) throw new InstructionError(`strconv.ParseInt: parsing ${goQuote(r)}: value out of range`);
    if (retries < 0) throw new InstructionError(`--retries cannot be negative (${retries})`);
  }
  return {
    kind: 'HEALTHCHECK',
    ...base(req),
    health: {
      Test: [req.json ? 'CMD' : 'CMD-SHELL', ...cmd],
      Interval: interval('interval', f.string('interval')),
      Timeout: interval('timeout', f.string('timeout')),
      StartPeriod: interval('start-period', f.string('start-period')),
      StartInterval: interval('start-interval', f.string('start-interval')),
      Retries: retries,
    },
  };
}
