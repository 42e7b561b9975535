/**
 * `docker inspect`: low-level information on any object: containers, then
 * images (networks and volumes when they exist), in the order named.
 */
import { isEngineError } from '../../api/index.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { renderFormat } from '../format/table.ts';
import type { CliContext } from '../io.ts';
import { goIndentedJson } from './image/inspect-output.ts';

export const inspectCommand: CommandSpec = {
  name: 'inspect',
  use: '[OPTIONS] NAME|ID [NAME|ID...]',
  short: 'Return low-level information on Docker objects',
  args: { kind: 'min', n: 1 },
  flags: [
    {
      name: 'format',
      shorthand: 'f',
      kind: 'string',
      usage:
        "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
    },
    { name: 'size', shorthand: 's', kind: 'bool', usage: 'Display total file sizes if the type is container' },
    { name: 'type', kind: 'string', usage: 'Only inspect objects of the given type' },
  ],
  async run(ctx, parsed) {
    const type = flagString(parsed, 'type') ?? '';
    if (type !== '' && type !== 'image' && type !== 'container' && type !== 'network' && type !== 'volume') {
      ctx.stderr.write(`Layerlab: docker inspect --type ${type} is not simulated yet\n`);
      return 1;
    }
    // docker/cli inspectAll: each name is tried as a container, then as an image.
    const found: unknown[] = [];
    const errors: string[] = [];
    const size = flagBool(parsed, 'size');
    for (const ref of parsed.args) {
      const object = await findObject(ctx, ref, type, size);
      if (object !== undefined) found.push(object);
      else errors.push(`Error: No such ${type === '' ? 'object' : type}: ${ref}`);
    }
    const format = flagString(parsed, 'format');
    if (format) ctx.stdout.write(renderFormat(format, found));
    else ctx.stdout.write(`${goIndentedJson(found)}\n`);
    if (errors.length === 0) return 0;
    ctx.stderr.write(`${errors.join('\n')}\n`);
    return 1;
  },
};

async function findObject(ctx: CliContext, ref: string, type: string, size: boolean): Promise<unknown> {
  const attempts: (() => Promise<unknown>)[] = [];
  if (type === '' || type === 'container') attempts.push(() => ctx.api.containerInspect(ref, { size }));
  if (type === '' || type === 'image') attempts.push(() => ctx.api.imageInspect(ref));
  if (type === '' || type === 'network') attempts.push(() => ctx.api.networkInspect(ref));
  if (type === '' || type === 'volume') attempts.push(() => ctx.api.volumeInspect(ref));
  for (const attempt of attempts) {
    try {
      return await attempt();
    } catch (e) {
      if (!isEngineError(e) || (e.code !== 'NotFound' && e.code !== 'InvalidParameter')) throw e;
    }
  }
  return undefined;
}
