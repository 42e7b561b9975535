/** `docker builder prune`: forgets the build cache (`POST /build/prune`). */
import type { CommandSpec } from '../../command.ts';
import { flagBool } from '../../flags.ts';
import { humanSize } from '../../format/units.ts';
import { pruneRefused } from '../prune-prompt.ts';

export const builderPruneCommand: CommandSpec = {
  name: 'builder prune',
  use: '[OPTIONS]',
  short: 'Remove build cache',
  args: { kind: 'none' },
  flags: [
    { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Remove all unused build cache, not just dangling ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=24h")' },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx, parsed) {
    const all = flagBool(parsed, 'all');
    if (pruneRefused(ctx, parsed, all ? 'WARNING! This will remove all build cache.' : 'WARNING! This will remove all dangling build cache.')) return 1;
    const report = await ctx.api.builderPrune({ all });
    let out = '';
    if (report.CachesDeleted.length > 0) out += `Deleted build cache objects:\n${report.CachesDeleted.map((k) => `${k.replace(/^sha256:/, '').slice(0, 25)}\n`).join('')}\n`;
    ctx.stdout.write(`${out}Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    return 0;
  },
};
