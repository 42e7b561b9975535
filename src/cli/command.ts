import { flagUsages, type FlagSpec, type ParsedFlags } from './flags.ts';
import type { CliContext } from './io.ts';

/** How many positional arguments a command takes, with cobra/docker's error texts. */
export type ArgsRule =
  | { readonly kind: 'none' }
  | { readonly kind: 'exact'; readonly n: number }
  | { readonly kind: 'min'; readonly n: number }
  | { readonly kind: 'max'; readonly n: number }
  | { readonly kind: 'range'; readonly min: number; readonly max: number }
  | { readonly kind: 'any' };

/** One `docker` subcommand: its help metadata, flags and implementation. */
export interface CommandSpec {
  /** e.g. `version`; for management subcommands the path below `docker`, e.g. `image ls`. */
  readonly name: string;
  /** Cobra `Use` after the name, e.g. `[OPTIONS]`, `[OPTIONS] IMAGE [COMMAND] [ARG...]`. */
  readonly use: string;
  readonly short: string;
  readonly aliases?: readonly string[];
  readonly flags: readonly FlagSpec[];
  readonly args: ArgsRule;
  /** Flags stop at the first positional argument (`run`, `exec`, `create`). */
  readonly interspersed?: boolean;
  run(ctx: CliContext, parsed: ParsedFlags): Promise<number>;
}

/** The help text `docker <cmd> --help` prints (docker/cli's usage template). */
export function commandHelp(cmd: CommandSpec, columns: number): string {
  let out = `Usage:  docker ${cmd.name} ${cmd.use}\n\n${cmd.short}\n`;
  if (cmd.aliases && cmd.aliases.length > 0) out += `\nAliases:\n  ${cmd.aliases.join(', ')}\n`;
  const flags = cmd.flags.filter((f) => !f.hidden);
  if (flags.length > 0) out += `\nOptions:\n${flagUsages(flags, columns - 1).trimEnd()}\n`;
  return out;
}

/**
 * docker's short usage block printed after a usage error. docker/cli's
 * RequiresMinArgs says "See", the other checks "Run" (RequiresRangeArgs too, as recorded).
 */
export function usageHint(cmd: CommandSpec, verb: 'Run' | 'See' | 'SRun' = 'Run'): string {
  return `\nUsage:  docker ${cmd.name} ${cmd.use}\n\n${verb} 'docker ${cmd.name} --help' for more information\n`;
}

/** The usage block after a positional-argument error. */
export function argsUsageHint(cmd: CommandSpec): string {
  // RequiresMaxArgs really prints "SRun" (a typo in docker/cli's required.go).
  const verb = cmd.args.kind === 'min' ? 'See' : cmd.args.kind === 'max' ? 'SRun' : 'Run';
  return usageHint(cmd, verb);
}

/** Check positional args; returns docker's error line or null. */
export function checkArgs(cmd: CommandSpec, args: readonly string[]): string | null {
  const path = `docker ${cmd.name}`;
  const r = cmd.args;
  const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');
  switch (r.kind) {
    case 'none':
      return args.length > 0 ? `docker: '${path}' accepts no arguments` : null;
    case 'exact':
      return args.length !== r.n ? `docker: '${path}' requires ${r.n} ${plural(r.n)}` : null;
    case 'min':
      return args.length < r.n ? `docker: '${path}' requires at least ${r.n} ${plural(r.n)}` : null;
    case 'max':
      return args.length > r.n ? `docker: '${path}' requires at most ${r.n} ${plural(r.n)}` : null;
    case 'range':
      return args.length < r.min || args.length > r.max
        ? `docker: '${path}' requires at least ${r.min} and at most ${r.max} ${plural(r.max)}`
        : null;
    case 'any':
      return null;
  }
}
