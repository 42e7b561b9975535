/**
 * `docker system prune` (docker/cli system/prune.go): stopped containers,
 * unused networks, dangling (or with `-a` all unused) images and the build
 * cache, plus anonymous volumes with `--volumes`; each pruner's report in
 * that order, then the total reclaimed.
 */
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';
import { humanSize } from '../format/units.ts';
import { filtersFromFlags } from './image/flags.ts';
import { pruneRefused } from './prune-prompt.ts';

function warning(all: boolean, volumes: boolean, filters: readonly string[]): string {
  const items = [
    'all stopped containers',
    ...(volumes ? ['all anonymous volumes not used by at least one container'] : []),
    'all networks not used by at least one container',
    all ? 'all images without at least one container associated to them' : 'all dangling images',
    all ? 'all build cache' : 'unused build cache',
  ];
  const filtered = filters.length > 0 ? `\n  Items to be pruned will be filtered with:\n${filters.map((f) => `  - ${f}\n`).join('')}` : '';
  return `WARNING! This will remove:\n${items.map((i) => `  - ${i}\n`).join('')}${filtered}`;
}

export const systemPruneCommand: CommandSpec = {
  name: 'system prune',
  use: '[OPTIONS]',
  short: 'Remove unused data',
  args: { kind: 'none' },
  flags: [
    { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Remove all unused images not just dangling ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "label=<key>=<value>")' },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
    { name: 'volumes', kind: 'bool', usage: 'Prune anonymous volumes' },
  ],
  async run(ctx, parsed) {
    const all = flagBool(parsed, 'all');
    const volumes = flagBool(parsed, 'volumes');
    const filters = filtersFromFlags(ctx, parsed);
    if (!filters) return 1;
    const shown = Object.entries(filters).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`));
    if (pruneRefused(ctx, parsed, warning(all, volumes, shown).trimEnd())) return 1;
    let out = '';
    let reclaimed = 0;
    const section = (title: string, lines: readonly string[]) => {
      if (lines.length > 0) out += `${title}:\n${lines.map((l) => `${l}\n`).join('')}\n`;
    };
    const containers = await ctx.api.containerPrune({ filters });
    section('Deleted Containers', containers.ContainersDeleted ?? []);
    reclaimed += containers.SpaceReclaimed;
    if (volumes) {
      const report = await ctx.api.volumePrune({ filters });
      section('Deleted Volumes', report.VolumesDeleted ?? []);
      reclaimed += report.SpaceReclaimed;
    }
    const networks = await ctx.api.networkPrune({ filters });
    section('Deleted Networks', networks.NetworksDeleted ?? []);
    const images = await ctx.api.imagePrune({ all, filters });
    section('Deleted Images', (images.ImagesDeleted ?? []).map((r) => ('Deleted' in r ? `deleted: ${r.Deleted}` : `untagged: ${r.Untagged}`)));
    reclaimed += images.SpaceReclaimed;
    const cache = await ctx.api.builderPrune({ all });
    section('Deleted build cache objects', cache.CachesDeleted);
    reclaimed += cache.SpaceReclaimed;
    ctx.stdout.write(`${out}Total reclaimed space: ${humanSize(reclaimed)}\n`);
    return 0;
  },
};
