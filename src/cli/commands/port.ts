/**
 * `docker port`: a container's published ports. TODO(#7): publishing (-p/-P)
 * arrives with simulated networking; until then no container has any, and a
 * named port is reported as docker reports an unpublished one.
 */
import type { CommandSpec } from '../command.ts';

export const portCommand: CommandSpec = {
  name: 'port',
  use: 'CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  aliases: ['docker container port', 'docker port'],
  flags: [],
  args: { kind: 'range', min: 1, max: 2 },
  async run(ctx, parsed) {
    const [ref, port] = parsed.args as [string, string | undefined];
    await ctx.api.containerInspect(ref);
    if (port === undefined) return 0;
    const [num, proto = 'tcp'] = port.split('/');
    ctx.stderr.write(`Error: No public port '${num}/${proto}' published for ${ref}\n`);
    return 1;
  },
};
