/** `docker container prune`: removes every stopped container. */
import type { CommandSpec } from '../command.ts';
import { humanSize } from '../format/units.ts';
import { filtersFromFlags } from './image/flags.ts';
import { pruneRefused } from './prune-prompt.ts';

const WARNING = 'WARNING! This will remove all stopped containers.';

export const containerPruneCommand: CommandSpec = {
  name: 'container prune',
  use: '[OPTIONS]',
  short: 'Remove all stopped containers',
  args: { kind: 'none' },
  flags: [
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx, parsed) {
    if (pruneRefused(ctx, parsed, WARNING)) return 1;
    const filters = filtersFromFlags(ctx, parsed);
    if (!filters) return 1;
    const report = await ctx.api.containerPrune({ filters });
    let out = '';
    if (report.ContainersDeleted && report.ContainersDeleted.length > 0) {
      out += `Deleted Containers:\n${report.ContainersDeleted.map((id) => `${id}\n`).join('')}\n`;
    }
    ctx.stdout.write(`${out}Total reclaimed space: ${humanSize(report.ContainersDeleted ? report.SpaceReclaimed : 0)}\n`);
    return 0;
  },
};
