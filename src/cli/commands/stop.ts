/** `docker stop`: the stop signal, then SIGKILL after `-t` seconds (default the container's, else 10). */
import type { CommandSpec } from '../command.ts';
import { forEachContainer } from './container/each.ts';
import { STOP_FLAGS, stopOptions } from './container/stop-options.ts';

export const stopCommand: CommandSpec = {
  name: 'stop',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  aliases: ['docker container stop', 'docker stop'],
  flags: STOP_FLAGS,
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const opts = stopOptions(parsed);
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerStop(ref, opts));
  },
};
