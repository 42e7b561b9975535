/** `docker container prune`: removes every stopped container. */
import type { CommandSpec } from '../command.ts';
import { flagBool, flagList } from '../flags.ts';
import { humanSize } from '../format/units.ts';
import { parseFilters } from './image/flags.ts';

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
    if (!flagBool(parsed, 'force')) {
      // Simplification: the terminal cannot answer prompts yet, so the answer is the default (No).
      ctx.stdout.write(`${WARNING}\nAre you sure you want to continue? [y/N] \n`);
      ctx.stderr.write('Layerlab: prompts cannot be answered here yet; run with -f to prune\n');
      return 1;
    }
    let filters;
    try {
      filters = parseFilters(flagList(parsed, 'filter'));
    } catch (e) {
      ctx.stderr.write(`${(e as Error).message}\n`);
      return 1;
    }
    const report = await ctx.api.containerPrune({ filters });
    let out = '';
    if (report.ContainersDeleted && report.ContainersDeleted.length > 0) {
      out += `Deleted Containers:\n${report.ContainersDeleted.map((id) => `${id}\n`).join('')}\n`;
    }
    ctx.stdout.write(`${out}Total reclaimed space: ${humanSize(report.ContainersDeleted ? report.SpaceReclaimed : 0)}\n`);
    return 0;
  },
};
