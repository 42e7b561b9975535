/**
 * `docker volume create|ls|inspect|rm|prune` and the `docker volume` group,
 * as docker/cli 28 prints them (ls sorted by name, prune only anonymous
 * volumes unless `-a`).
 */
import type { Volume } from '../../../api/networks.ts';
import { isEngineError } from '../../../api/errors.ts';
import type { CommandSpec } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../flags.ts';
import { renderFormat } from '../../format/table.ts';
import { GO_TYPE } from '../../format/go-template.ts';
import { humanSize } from '../../format/units.ts';
import { forEachRef, inspectEach, labelMap } from './shared.ts';
import { TABLE_FORMAT_FLAG, filtersFromFlags } from '../image/flags.ts';
import { FORMAT_FLAG } from '../shared-flags.ts';
import { pruneRefused } from '../prune-prompt.ts';
import type { ManagementGroup } from '../image/management.ts';

export const VOLUME_GROUP: ManagementGroup = {
  name: 'volume',
  short: 'Manage volumes',
  commands: [
    { name: 'create', short: 'Create a volume' },
    { name: 'inspect', short: 'Display detailed information on one or more volumes' },
    { name: 'ls', short: 'List volumes' },
    { name: 'prune', short: 'Remove unused local volumes' },
    { name: 'rm', short: 'Remove one or more volumes' },
    { name: 'update', short: 'Update a volume (cluster volumes only)' },
  ],
};

export const volumeCreateCommand: CommandSpec = {
  name: 'volume create',
  use: '[OPTIONS] [VOLUME]',
  short: 'Create a volume',
  args: { kind: 'max', n: 1 },
  flags: [
    { name: 'availability', kind: 'string', usage: 'Cluster Volume availability ("active", "pause", "drain")', defaultValue: 'active' },
    { name: 'driver', shorthand: 'd', kind: 'string', usage: 'Specify volume driver name', defaultValue: 'local' },
    { name: 'group', kind: 'string', usage: 'Cluster Volume group (cluster volumes)' },
    { name: 'label', kind: 'list', usage: 'Set metadata for a volume' },
    { name: 'limit-bytes', kind: 'bytes', usage: 'Minimum size of the Cluster Volume in bytes' },
    { name: 'name', kind: 'string', usage: 'Specify volume name', hidden: true },
    { name: 'opt', shorthand: 'o', kind: 'map', usage: 'Set driver specific options', defaultValue: 'map[]' },
    { name: 'required-bytes', kind: 'bytes', usage: 'Maximum size of the Cluster Volume in bytes' },
    { name: 'scope', kind: 'string', usage: 'Cluster Volume access scope ("single", "multi")', defaultValue: 'single' },
    { name: 'secret', kind: 'map', usage: 'Cluster Volume secrets', defaultValue: 'map[]' },
    { name: 'sharing', kind: 'string', usage: 'Cluster Volume access sharing ("none", "readonly", "onewriter", "all")', defaultValue: 'none' },
    { name: 'topology-preferred', kind: 'list', usage: 'A topology that the Cluster Volume would be preferred in' },
    { name: 'topology-required', kind: 'list', usage: 'A topology that the Cluster Volume must be accessible from' },
    { name: 'type', kind: 'string', usage: 'Cluster Volume access type ("mount", "block")', defaultValue: 'block' },
  ],
  async run(ctx, parsed) {
    const flagName = flagString(parsed, 'name');
    const arg = parsed.args[0];
    if (flagName !== undefined && arg !== undefined && flagName !== arg) {
      ctx.stderr.write('conflicting options: cannot specify a volume-name through both --name and as a positional arg\n');
      return 1;
    }
    const labels = labelMap(flagList(parsed, 'label'));
    const v = await ctx.api.volumeCreate({
      Name: arg ?? flagName ?? '',
      Driver: flagString(parsed, 'driver') ?? 'local',
      ...(Object.keys(labels).length > 0 ? { Labels: labels } : {}),
    });
    ctx.stdout.write(`${v.Name}\n`);
    return 0;
  },
};

const VOLUME_HEADERS = { Name: 'VOLUME NAME', Driver: 'DRIVER', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Size: 'SIZE', Links: 'LINKS', Availability: 'AVAILABILITY', Group: 'GROUP' };

function volumeContext(v: Volume): Record<string | symbol, unknown> {
  return {
    [GO_TYPE]: '*formatter.volumeContext',
    Availability: 'N/A',
    Driver: v.Driver,
    Group: 'N/A',
    Label: (name: string) => v.Labels?.[name] ?? '',
    Labels: Object.entries(v.Labels ?? {}).map(([k, val]) => `${k}=${val}`).join(','),
    Links: 'N/A',
    Mountpoint: v.Mountpoint,
    Name: v.Name,
    Scope: v.Scope,
    Size: 'N/A',
    Status: 'N/A',
  };
}

export const volumeLsCommand: CommandSpec = {
  name: 'volume ls',
  use: '[OPTIONS]',
  short: 'List volumes',
  aliases: ['docker volume ls', 'docker volume list'],
  args: { kind: 'none' },
  flags: [
    { name: 'cluster', kind: 'bool', usage: 'Display only cluster volumes, and use cluster volume list formatting' },
    { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Provide filter values (e.g. "dangling=true")' },
    TABLE_FORMAT_FLAG,
    { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display volume names' },
  ],
  async run(ctx, parsed) {
    const filters = filtersFromFlags(ctx, parsed);
    if (!filters) return 1;
    const { Volumes } = await ctx.api.volumeList({ filters });
    const list = [...Volumes].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
    let format = flagString(parsed, 'format') ?? '';
    if (flagBool(parsed, 'quiet')) format = '{{.Name}}';
    else if (format === '' || format === 'table') format = 'table {{.Driver}}\t{{.Name}}';
    ctx.stdout.write(renderFormat(format, list.map(volumeContext), { headers: VOLUME_HEADERS }));
    return 0;
  },
};

export const volumeInspectCommand: CommandSpec = {
  name: 'volume inspect',
  use: '[OPTIONS] VOLUME [VOLUME...]',
  short: 'Display detailed information on one or more volumes',
  args: { kind: 'min', n: 1 },
  flags: [FORMAT_FLAG],
  async run(ctx, parsed) {
    return inspectEach(ctx, parsed.args, (ref) => ctx.api.volumeInspect(ref), flagString(parsed, 'format'));
  },
};

export const volumeRmCommand: CommandSpec = {
  name: 'volume rm',
  use: '[OPTIONS] VOLUME [VOLUME...]',
  short: 'Remove one or more volumes. You cannot remove a volume that is in use by a container.',
  aliases: ['docker volume rm', 'docker volume remove'],
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'force', shorthand: 'f', kind: 'bool', usage: 'Force the removal of one or more volumes' }],
  async run(ctx, parsed) {
    const force = flagBool(parsed, 'force');
    return forEachRef(ctx, parsed.args, async (name) => {
      try {
        await ctx.api.volumeRemove(name, { force });
      } catch (e) {
        if (force && isEngineError(e) && e.code === 'NotFound') return;
        throw e;
      }
      ctx.stdout.write(`${name}\n`);
    });
  },
};

export const volumePruneCommand: CommandSpec = {
  name: 'volume prune',
  use: '[OPTIONS]',
  short: 'Remove unused local volumes',
  args: { kind: 'none' },
  flags: [
    { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Remove all unused volumes, not just anonymous ones' },
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "label=<label>")' },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx, parsed) {
    const all = flagBool(parsed, 'all');
    const warning = all ? 'WARNING! This will remove all local volumes not used by at least one container.' : 'WARNING! This will remove anonymous local volumes not used by at least one container.';
    if (pruneRefused(ctx, parsed, warning)) return 1;
    const filters = filtersFromFlags(ctx, parsed);
    if (!filters) return 1;
    if (all) filters.all = ['true'];
    const report = await ctx.api.volumePrune({ filters });
    let out = '';
    if (report.VolumesDeleted && report.VolumesDeleted.length > 0) out += `Deleted Volumes:\n${report.VolumesDeleted.map((n) => `${n}\n`).join('')}\n`;
    ctx.stdout.write(`${out}Total reclaimed space: ${humanSize(report.SpaceReclaimed)}\n`);
    return 0;
  },
};
