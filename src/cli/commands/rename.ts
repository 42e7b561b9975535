/** `docker rename`: a new name for a container (the id never changes). */
import type { CommandSpec } from '../command.ts';

export const renameCommand: CommandSpec = {
  name: 'rename',
  use: 'CONTAINER NEW_NAME',
  short: 'Rename a container',
  aliases: ['docker container rename', 'docker rename'],
  flags: [],
  args: { kind: 'exact', n: 2 },
  async run(ctx, parsed) {
    const [ref, name] = parsed.args as [string, string];
    if (name.trim() === '') {
      ctx.stderr.write('Error: neither old nor new names may be empty\n');
      return 1;
    }
    await ctx.api.containerRename(ref, name);
    return 0;
  },
};
