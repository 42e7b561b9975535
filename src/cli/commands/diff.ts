/**
 * `docker diff`: what the container changed in its writable layer against
 * its image: `A` added, `C` changed, `D` deleted (a whiteout in the upper dir).
 */
import type { CommandSpec } from '../command.ts';

const KIND = ['C', 'A', 'D'] as const;

export const diffCommand: CommandSpec = {
  name: 'diff',
  use: 'CONTAINER',
  short: "Inspect changes to files or directories on a container's filesystem",
  aliases: ['docker container diff', 'docker diff'],
  flags: [],
  args: { kind: 'exact', n: 1 },
  async run(ctx, parsed) {
    const changes = await ctx.api.containerChanges(parsed.args[0]!);
    ctx.stdout.write(changes.map((c) => `${KIND[c.Kind]} ${c.Path}\n`).join(''));
    return 0;
  },
};
