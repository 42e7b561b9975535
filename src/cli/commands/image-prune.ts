/** `docker image prune`. */
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';
import { humanSize } from '../format/units.ts';
import { filtersFromFlags } from './image/flags.ts';
import { pruneRefused } from './prune-prompt.ts';

const WARNING_DANGLING = 'WARNING! This will remove all dangling images.';
const WARNING_ALL = 'WARNING! This will remove all images without at least one container associated to them.';

export const imagePruneCommand: CommandSpec = {
  name: 'image prune',
  use: '[OPTIONS]',
  short: 'Remove unused images',
  args: { kind: 'none' },
  flags: [
    { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Remove all unused images, not just dangling ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx, parsed) {
    const all = flagBool(parsed, 'all');
    if (pruneRefused(ctx, parsed, all ? WARNING_ALL : WARNING_DANGLING)) return 1;
    const filters = filtersFromFlags(ctx, parsed);
    if (!filters) return 1;
    const report = await ctx.api.imagePrune({ all, filters });
    let out = '';
    if (report.ImagesDeleted && report.ImagesDeleted.length > 0) {
      out += 'Deleted Images:\n';
      for (const r of report.ImagesDeleted) out += 'Deleted' in r ? `deleted: ${r.Deleted}\n` : `untagged: ${r.Untagged}\n`;
      out += '\n';
    }
    ctx.stdout.write(`${out}Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    return 0;
  },
};
