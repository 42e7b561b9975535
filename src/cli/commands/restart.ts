/** `docker restart`: stop (as `docker stop`) then start again; the PID namespace starts afresh. */
import type { CommandSpec } from '../command.ts';
import { forEachContainer } from './container/each.ts';
import { STOP_FLAGS, stopOptions } from './container/stop-options.ts';

export const restartCommand: CommandSpec = {
  name: 'restart',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  aliases: ['docker container restart', 'docker restart'],
  flags: STOP_FLAGS,
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const opts = stopOptions(parsed);
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerRestart(ref, opts), { parallel: false });
  },
};
