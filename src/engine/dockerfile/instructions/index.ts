/**
 * AST node → typed instruction (BuildKit `instructions.ParseInstruction`),
 * and a whole AST → global ARGs plus build stages (`instructions.Parse`).
 * Every failure becomes a DockerfileParseError on the instruction's line.
 */
import type { DockerfileAst, Node } from '../ast.ts';
import { DockerfileParseError, InstructionError } from '../errors.ts';
import { withSuggestion } from '../suggest.ts';
import { parseAdd, type AddInstruction } from './add.ts';
import { parseArg, type ArgInstruction } from './arg.ts';
import { parseCmd, type CmdInstruction } from './cmd.ts';
import { parseCopy, type CopyInstruction } from './copy.ts';
import { parseEntrypoint, type EntrypointInstruction } from './entrypoint.ts';
import { parseEnv, type EnvInstruction } from './env.ts';
import { parseExpose, type ExposeInstruction } from './expose.ts';
import { parseFrom, type FromInstruction } from './from.ts';
import { parseHealthcheck, type HealthcheckInstruction } from './healthcheck.ts';
import { parseLabel, type LabelInstruction } from './label.ts';
import { parseMaintainer, type MaintainerInstruction } from './maintainer.ts';
import { parseOnbuild, type OnbuildInstruction } from './onbuild.ts';
import { requestFromNode, type ParseRequest } from './request.ts';
import { parseRun, type RunInstruction } from './run.ts';
import { parseShell, type ShellInstruction } from './shell.ts';
import { parseStopSignal, type StopSignalInstruction } from './stopsignal.ts';
import { parseUser, type UserInstruction } from './user.ts';
import { parseVolume, type VolumeInstruction } from './volume.ts';
import { parseWorkdir, type WorkdirInstruction } from './workdir.ts';

export type Instruction =
  | AddInstruction
  | ArgInstruction
  | CmdInstruction
  | CopyInstruction
  | EntrypointInstruction
  | EnvInstruction
  | ExposeInstruction
  | FromInstruction
  | HealthcheckInstruction
  | LabelInstruction
  | MaintainerInstruction
  | OnbuildInstruction
  | RunInstruction
  | ShellInstruction
  | StopSignalInstruction
  | UserInstruction
  | VolumeInstruction
  | WorkdirInstruction;

/** Instructions that may follow FROM inside a stage. */
export type StageInstruction = Exclude<Instruction, FromInstruction>;

const parsers: Readonly<Record<string, (req: ParseRequest) => Instruction>> = {
  add: parseAdd,
  arg: parseArg,
  cmd: parseCmd,
  copy: parseCopy,
  entrypoint: parseEntrypoint,
  env: parseEnv,
  expose: parseExpose,
  from: parseFrom,
  healthcheck: parseHealthcheck,
  label: parseLabel,
  maintainer: parseMaintainer,
  onbuild: parseOnbuild,
  run: parseRun,
  shell: parseShell,
  stopsignal: parseStopSignal,
  user: parseUser,
  volume: parseVolume,
  workdir: parseWorkdir,
};

/** Upper-case names of every instruction, for suggestions and tooling. */
export const instructionNames: readonly string[] = Object.keys(parsers).map((k) => k.toUpperCase());

/** `unknown instruction: CPY (did you mean COPY?)`, suggesting in the case the author used. */
export function unknownInstructionMessage(keyword: string): string {
  return withSuggestion(`unknown instruction: ${keyword}`, keyword, instructionNames);
}

/**
 * Converts one instruction node. Throws DockerfileParseError with BuildKit's
 * message (`COPY requires at least two arguments, …`, `unknown flag: --boo`).
 */
export function toInstruction(node: Node): Instruction {
  const fn = Object.hasOwn(parsers, node.value.toLowerCase()) ? parsers[node.value.toLowerCase()]! : null;
  try {
    if (!fn) throw new InstructionError(unknownInstructionMessage(node.value));
    return fn(requestFromNode(node));
  } catch (e) {
    if (e instanceof InstructionError) {
      throw new DockerfileParseError(e.message, node.range.start.line, node.range.start.column, node.range.end.line);
    }
    throw e;
  }
}

/** A build stage: its FROM and the instructions up to the next FROM. */
export interface Stage {
  readonly from: FromInstruction;
  readonly commands: readonly StageInstruction[];
}

export interface ParsedDockerfile {
  /** ARGs before the first FROM (usable in FROM lines). */
  readonly metaArgs: readonly ArgInstruction[];
  readonly stages: readonly Stage[];
}

/** Converts a whole AST; an instruction other than ARG before the first FROM is an error. */
export function parseInstructions(ast: DockerfileAst): ParsedDockerfile {
  const metaArgs: ArgInstruction[] = [];
  const stages: { from: FromInstruction; commands: StageInstruction[] }[] = [];
  for (const node of ast.children) {
    const ins = toInstruction(node);
    if (ins.kind === 'FROM') stages.push({ from: ins, commands: [] });
    else if (stages.length === 0) {
      if (ins.kind === 'ARG') metaArgs.push(ins);
      else throw new DockerfileParseError('no build stage in current context', node.range.start.line, node.range.start.column, node.range.end.line);
    } else stages[stages.length - 1]!.commands.push(ins);
  }
  return { metaArgs, stages };
}

export type {
  AddInstruction, ArgInstruction, CmdInstruction, CopyInstruction, EntrypointInstruction, EnvInstruction,
  ExposeInstruction, FromInstruction, HealthcheckInstruction, LabelInstruction, MaintainerInstruction,
  OnbuildInstruction, RunInstruction, ShellInstruction, StopSignalInstruction, UserInstruction,
  VolumeInstruction, WorkdirInstruction,
};
export type { ArgDefinition } from './arg.ts';
export type { HealthConfig } from './healthcheck.ts';
export type { KeyValuePair } from './key-value.ts';
export type { RunMount, MountType } from './run-mount.ts';
export type { ShellCommandLine, ShellInlineFile } from './shell-command.ts';
export type { SourceContent, SourcesAndDest } from './sources-and-dest.ts';
