/** `docker image inspect`. */
import type { ImageInspect } from '../../api/index.ts';
import { isEngineError } from '../../api/index.ts';
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { renderFormat } from '../format/table.ts';
import { goIndentedJson } from './image/inspect-output.ts';
import { PLATFORM_FLAG } from './image/flags.ts';
import { FORMAT_FLAG } from './shared-flags.ts';

/**
 * Inspects each reference in turn; found objects are printed (indented JSON,
 * or the --format template once per object), then the errors, one per line,
 * as docker/cli's inspect.Inspect does. `notFound` rewrites a NotFound error
 * (the generic `docker inspect` says "No such object").
 */
export async function inspectImages(
  ctx: Parameters<CommandSpec['run']>[0],
  refs: readonly string[],
  format: string | undefined,
  notFound: (ref: string, message: string) => string,
): Promise<number> {
  const found: ImageInspect[] = [];
  const errors: string[] = [];
  for (const ref of refs) {
    try {
      found.push(await ctx.api.imageInspect(ref));
    } catch (e) {
      if (!isEngineError(e)) throw e;
      errors.push(e.code === 'NotFound' ? notFound(ref, e.message) : `Error response from daemon: ${e.message}`);
    }
  }
  if (format) ctx.stdout.write(renderFormat(format, found));
  else ctx.stdout.write(`${goIndentedJson(found)}\n`);
  if (errors.length === 0) return 0;
  ctx.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}

export const imageInspectCommand: CommandSpec = {
  name: 'image inspect',
  use: '[OPTIONS] IMAGE [IMAGE...]',
  short: 'Display detailed information on one or more images',
  args: { kind: 'min', n: 1 },
  flags: [
    FORMAT_FLAG,
    PLATFORM_FLAG(
      "Inspect a specific platform of the multi-platform image.\nIf the image or the server is not multi-platform capable, the command will error out if the platform does not match.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
    ),
  ],
  async run(ctx, parsed) {
    return inspectImages(ctx, parsed.args, flagString(parsed, 'format'), (_ref, message) => `Error response from daemon: ${message}`);
  },
};
