/** `docker kill`: one signal (default SIGKILL) to each container's PID 1. */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { forEachContainer } from './container/each.ts';

export const killCommand: CommandSpec = {
  name: 'kill',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Kill one or more running containers',
  aliases: ['docker container kill', 'docker kill'],
  flags: [{ name: 'signal', shorthand: 's', kind: 'string', usage: 'Signal to send to the container' }],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const signal = flagString(parsed, 'signal');
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerKill(ref, signal));
  },
};
