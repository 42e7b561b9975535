/** `docker pause` / `docker unpause`: freeze and thaw every process of each container (the cgroup freezer). */
import type { CommandSpec } from '../command.ts';
import { forEachContainer } from './container/each.ts';

export const pauseCommand: CommandSpec = {
  name: 'pause',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Pause all processes within one or more containers',
  aliases: ['docker container pause', 'docker pause'],
  flags: [],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerPause(ref));
  },
};

export const unpauseCommand: CommandSpec = {
  name: 'unpause',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Unpause all processes within one or more containers',
  aliases: ['docker container unpause', 'docker unpause'],
  flags: [],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    return forEachContainer(ctx, parsed.args, (ref) => ctx.api.containerUnpause(ref));
  },
};
