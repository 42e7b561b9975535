/** `docker stop`: the stop signal, then SIGKILL after `-t` seconds (default the container's, else 10). */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { forEachContainer } from './container/each.ts';

export const stopCommand: CommandSpec = {
  name: 'stop',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Stop one or more running containers',
  aliases: ['docker container stop', 'docker stop'],
  flags: [
    { name: 'signal', shorthand: 's', kind: 'string', usage: 'Signal to send to the container' },
    { name: 'timeout', shorthand: 't', kind: 'int', usage: 'Seconds to wait before killing the container' },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const timeout = flagString(parsed, 'timeout');
    const signal = flagString(parsed, 'signal');
    const opts = { ...(timeout !== undefined ? { timeout: Number(timeout) } : {}), ...(signal !== undefined ? { signal } : {}) };
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerStop(ref, opts));
  },
};
