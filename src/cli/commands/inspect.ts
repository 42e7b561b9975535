/**
 * `docker inspect`: low-level information on any object. Images only for
 * now; TODO(#7): containers (and the `--type`/`--size` behaviour for them).
 */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { inspectImages } from './image-inspect.ts';

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
    const type = flagString(parsed, 'type');
    if (type !== undefined && type !== 'image') {
      ctx.stderr.write(`Layerlab: docker inspect --type ${type} is not simulated yet\n`);
      return 1;
    }
    return inspectImages(ctx, parsed.args, flagString(parsed, 'format'), (ref) => `Error: No such object: ${ref}`);
  },
};
