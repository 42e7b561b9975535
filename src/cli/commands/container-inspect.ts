/**
 * `docker container inspect` and the container half of `docker inspect`:
 * the Engine API's ContainerInspectResponse as indented JSON (a 4-space
 * indented array, Go's encoding), or a `--format` template per container.
 */
import type { ContainerInspectResponse } from '../../api/containers.ts';
import { isEngineError } from '../../api/errors.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { renderFormat } from '../format/table.ts';
import type { CliContext } from '../io.ts';
import { goIndentedJson } from './image/inspect-output.ts';
import { FORMAT_FLAG } from './shared-flags.ts';

/** Inspects each container; found ones print first, then the errors, one per line (docker/cli inspect.Inspect). */
export async function inspectContainers(ctx: CliContext, refs: readonly string[], format: string | undefined, size: boolean): Promise<number> {
  const found: ContainerInspectResponse[] = [];
  const errors: string[] = [];
  for (const ref of refs) {
    try {
      found.push(await ctx.api.containerInspect(ref, { size }));
    } catch (e) {
      if (!isEngineError(e)) throw e;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  if (format) ctx.stdout.write(renderFormat(format, found));
  else ctx.stdout.write(`${goIndentedJson(found)}\n`);
  if (errors.length === 0) return 0;
  ctx.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}

export const containerInspectCommand: CommandSpec = {
  name: 'container inspect',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Display detailed information on one or more containers',
  flags: [FORMAT_FLAG, { name: 'size', shorthand: 's', kind: 'bool', usage: 'Display total file sizes' }],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    return inspectContainers(ctx, parsed.args, flagString(parsed, 'format'), flagBool(parsed, 'size'));
  },
};
