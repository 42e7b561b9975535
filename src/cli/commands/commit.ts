/**
 * `docker commit`: the container's writable layer and config become a new
 * image (on top of the container's image); prints the new image id.
 */
import type { CommandSpec } from '../command.ts';
import { flagList, flagString } from '../flags.ts';

export const commitCommand: CommandSpec = {
  name: 'commit',
  use: '[OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
  short: "Create a new image from a container's changes",
  aliases: ['docker container commit', 'docker commit'],
  flags: [
    { name: 'author', shorthand: 'a', kind: 'string', usage: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', shorthand: 'c', kind: 'list', usage: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', shorthand: 'm', kind: 'string', usage: 'Commit message' },
    { name: 'pause', shorthand: 'p', kind: 'bool', usage: 'Pause container during commit', defaultValue: 'true' },
  ],
  args: { kind: 'range', min: 1, max: 2 },
  async run(ctx, parsed) {
    const [ref, reference] = parsed.args as [string, string | undefined];
    const author = flagString(parsed, 'author');
    const comment = flagString(parsed, 'message');
    const { Id } = await ctx.api.containerCommit(ref, {
      ...(reference !== undefined ? { reference } : {}),
      ...(author !== undefined ? { author } : {}),
      ...(comment !== undefined ? { comment } : {}),
      changes: flagList(parsed, 'change'),
      pause: flagString(parsed, 'pause') !== 'false',
    });
    ctx.stdout.write(`${Id}\n`);
    return 0;
  },
};
