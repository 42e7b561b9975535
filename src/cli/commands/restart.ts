/** `docker restart`: stop (as `docker stop`) then start again; the PID namespace starts afresh. */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { forEachContainer } from './container/each.ts';

export const restartCommand: CommandSpec = {
  name: 'restart',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Restart one or more containers',
  aliases: ['docker container restart', 'docker restart'],
  flags: [
    { name: 'signal', shorthand: 's', kind: 'string', usage: 'Signal to send to the container' },
    { name: 'timeout', shorthand: 't', kind: 'int', usage: 'Seconds to wait before killing the container' },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const timeout = flagString(parsed, 'timeout');
    const signal = flagString(parsed, 'signal');
    const opts = { ...(timeout !== undefined ? { timeout: Number(timeout) } : {}), ...(signal !== undefined ? { signal } : {}) };
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerRestart(ref, opts), { parallel: false });
  },
};
