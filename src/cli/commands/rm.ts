/** `docker rm`: removes stopped containers (`-f` kills running ones first); their writable layers go with them. */
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';
import { forEachContainer } from './container/each.ts';

export const rmCommand: CommandSpec = {
  name: 'rm',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Remove one or more containers',
  aliases: ['docker container rm', 'docker container remove', 'docker rm'],
  flags: [
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Force the removal of a running container (uses SIGKILL)' },
    { name: 'link', shorthand: 'l', kind: 'bool', usage: 'Remove the specified link' },
    { name: 'volumes', shorthand: 'v', kind: 'bool', usage: 'Remove anonymous volumes associated with the container' },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const opts = { force: flagBool(parsed, 'force'), volumes: flagBool(parsed, 'volumes') };
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerRemove(ref, opts));
  },
};
