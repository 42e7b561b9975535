/**
 * `docker network create|ls|inspect|rm|connect|disconnect|prune` and the
 * `docker network` group, as docker/cli 28 prints them (ls sorted by name
 * with 12-character ids, inspect as 4-space indented JSON, rm and
 * disconnect carrying on past a failure and exiting 1).
 */
import type { NetworkResource } from '../../../api/networks.ts';
import { isEngineError } from '../../../api/errors.ts';
import type { CommandSpec } from '../../command.ts';
import { flagBool, flagList, flagString } from '../../flags.ts';
import { renderFormat } from '../../format/table.ts';
import { GO_TYPE } from '../../format/go-template.ts';
import { forEachRef, inspectEach, labelMap } from './shared.ts';
import { TABLE_FORMAT_FLAG, filtersFromFlags } from '../image/flags.ts';
import { FORMAT_FLAG } from '../shared-flags.ts';
import { pruneRefused } from '../prune-prompt.ts';
import type { ManagementGroup } from '../image/management.ts';

export const NETWORK_GROUP: ManagementGroup = {
  name: 'network',
  short: 'Manage networks',
  commands: [
    { name: 'connect', short: 'Connect a container to a network' },
    { name: 'create', short: 'Create a network' },
    { name: 'disconnect', short: 'Disconnect a container from a network' },
    { name: 'inspect', short: 'Display detailed information on one or more networks' },
    { name: 'ls', short: 'List networks' },
    { name: 'prune', short: 'Remove all unused networks' },
    { name: 'rm', short: 'Remove one or more networks' },
  ],
};

export const networkCreateCommand: CommandSpec = {
  name: 'network create',
  use: '[OPTIONS] NETWORK',
  short: 'Create a network',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'attachable', kind: 'bool', usage: 'Enable manual container attachment' },
    { name: 'aux-address', kind: 'map', usage: 'Auxiliary IPv4 or IPv6 addresses used by Network driver', defaultValue: 'map[]' },
    { name: 'config-from', kind: 'string', usage: 'The network from which to copy the configuration' },
    { name: 'config-only', kind: 'bool', usage: 'Create a configuration only network' },
    { name: 'driver', shorthand: 'd', kind: 'string', usage: 'Driver to manage the Network', defaultValue: 'bridge' },
    { name: 'gateway', kind: 'stringArray', valueName: 'strings', usage: 'IPv4 or IPv6 Gateway for the master subnet' },
    { name: 'ingress', kind: 'bool', usage: 'Create swarm routing-mesh network' },
    { name: 'internal', kind: 'bool', usage: 'Restrict external access to the network' },
    { name: 'ip-range', kind: 'stringArray', valueName: 'strings', usage: 'Allocate container ip from a sub-range' },
    { name: 'ipam-driver', kind: 'string', usage: 'IP Address Management Driver', defaultValue: 'default' },
    { name: 'ipam-opt', kind: 'map', usage: 'Set IPAM driver specific options', defaultValue: 'map[]' },
    { name: 'ipv4', kind: 'bool', usage: 'Enable or disable IPv4 address assignment', defaultValue: 'true' },
    { name: 'ipv6', kind: 'bool', usage: 'Enable or disable IPv6 address assignment' },
    { name: 'label', kind: 'list', usage: 'Set metadata on a network' },
    { name: 'opt', shorthand: 'o', kind: 'map', usage: 'Set driver specific options', defaultValue: 'map[]' },
    { name: 'scope', kind: 'string', usage: "Control the network's scope" },
    { name: 'subnet', kind: 'stringArray', valueName: 'strings', usage: 'Subnet in CIDR format that represents a network segment' },
  ],
  async run(ctx, parsed) {
    const labels = labelMap(flagList(parsed, 'label'));
    const subnet = flagList(parsed, 'subnet')[0];
    const gateway = flagList(parsed, 'gateway')[0];
    if (gateway !== undefined && subnet === undefined) {
      ctx.stderr.write('Error response from daemon: every ip-range or gateway must have a corresponding subnet\n');
      return 1;
    }
    const { Id } = await ctx.api.networkCreate({
      Name: parsed.args[0]!,
      Driver: flagString(parsed, 'driver') ?? 'bridge',
      ...(flagBool(parsed, 'internal') ? { Internal: true } : {}),
      ...(flagBool(parsed, 'attachable') ? { Attachable: true } : {}),
      ...(Object.keys(labels).length > 0 ? { Labels: labels } : {}),
      ...(subnet ? { IPAM: { Config: [{ Subnet: subnet, ...(gateway ? { Gateway: gateway } : {}) }] } } : {}),
    });
    ctx.stdout.write(`${Id}\n`);
    return 0;
  },
};

const NETWORK_HEADERS = { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv4: 'IPV4', IPv6: 'IPV6', Internal: 'INTERNAL', CreatedAt: 'CREATED AT', Labels: 'LABELS' };

function networkContext(n: NetworkResource, trunc: boolean): Record<string | symbol, unknown> {
  return {
    [GO_TYPE]: '*formatter.networkContext',
    CreatedAt: `${n.Created.replace('T', ' ').replace(/(\.\d+)?Z$/, '$1')} +0000 UTC`,
    Driver: n.Driver,
    ID: trunc ? n.Id.slice(0, 12) : n.Id,
    IPv4: String(n.EnableIPv4),
    IPv6: String(n.EnableIPv6),
    Internal: String(n.Internal),
    Label: (name: string) => n.Labels[name] ?? '',
    Labels: Object.entries(n.Labels).map(([k, v]) => `${k}=${v}`).join(','),
    Name: n.Name,
    Scope: n.Scope,
  };
}

function networkLs(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS]',
    short: 'List networks',
    aliases: ['docker network ls', 'docker network list'],
    args: { kind: 'none' },
    flags: [
      { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Provide filter values (e.g. "driver=bridge")' },
      TABLE_FORMAT_FLAG,
      { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate the output' },
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display network IDs' },
    ],
    async run(ctx, parsed) {
      const filters = filtersFromFlags(ctx, parsed);
      if (!filters) return 1;
      const list = (await ctx.api.networkList({ filters })).sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
      let format = flagString(parsed, 'format') ?? '';
      if (flagBool(parsed, 'quiet')) format = '{{.ID}}';
      else if (format === '' || format === 'table') format = 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}';
      const trunc = !flagBool(parsed, 'no-trunc');
      ctx.stdout.write(renderFormat(format, list.map((n) => networkContext(n, trunc)), { headers: NETWORK_HEADERS }));
      return 0;
    },
  };
}

export const networkLsCommand = networkLs('network ls');

export const networkInspectCommand: CommandSpec = {
  name: 'network inspect',
  use: '[OPTIONS] NETWORK [NETWORK...]',
  short: 'Display detailed information on one or more networks',
  args: { kind: 'min', n: 1 },
  flags: [FORMAT_FLAG, { name: 'verbose', shorthand: 'v', kind: 'bool', usage: 'Verbose output for diagnostics' }],
  async run(ctx, parsed) {
    return inspectEach(ctx, parsed.args, (ref) => ctx.api.networkInspect(ref), flagString(parsed, 'format'));
  },
};

export const networkRmCommand: CommandSpec = {
  name: 'network rm',
  use: 'NETWORK [NETWORK...]',
  short: 'Remove one or more networks',
  aliases: ['docker network rm', 'docker network remove'],
  args: { kind: 'min', n: 1 },
  flags: [{ name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not error if the network does not exist' }],
  async run(ctx, parsed) {
    const force = flagBool(parsed, 'force');
    const status = await forEachRef(ctx, parsed.args, async (ref) => {
      try {
        await ctx.api.networkRemove(ref);
      } catch (e) {
        if (force && isEngineError(e) && e.code === 'NotFound') return;
        throw e;
      }
      ctx.stdout.write(`${ref}\n`);
    });
    // docker/cli returns a StatusError without text, which prints as Go's "exit status 1".
    if (status !== 0) ctx.stderr.write('exit status 1\n');
    return status;
  },
};

export const networkConnectCommand: CommandSpec = {
  name: 'network connect',
  use: '[OPTIONS] NETWORK CONTAINER',
  short: 'Connect a container to a network',
  args: { kind: 'exact', n: 2 },
  flags: [
    { name: 'alias', kind: 'stringArray', valueName: 'strings', usage: 'Add network-scoped alias for the container' },
    { name: 'driver-opt', kind: 'stringArray', valueName: 'strings', usage: 'driver options for the network' },
    { name: 'gw-priority', kind: 'int', usage: 'Highest gw-priority provides the default gateway. Accepts positive and negative values.' },
    { name: 'ip', kind: 'string', usage: 'IPv4 address (e.g., "172.30.100.104")' },
    { name: 'ip6', kind: 'string', usage: 'IPv6 address (e.g., "2001:db8::33")' },
    { name: 'link', kind: 'list', usage: 'Add link to another container' },
    { name: 'link-local-ip', kind: 'stringArray', valueName: 'strings', usage: 'Add a link-local address for the container' },
  ],
  async run(ctx, parsed) {
    const [network, container] = parsed.args as [string, string];
    const aliases = flagList(parsed, 'alias');
    await ctx.api.networkConnect(network, { Container: container, ...(aliases.length > 0 ? { EndpointConfig: { Aliases: aliases } } : {}) });
    return 0;
  },
};

export const networkDisconnectCommand: CommandSpec = {
  name: 'network disconnect',
  use: '[OPTIONS] NETWORK CONTAINER',
  short: 'Disconnect a container from a network',
  args: { kind: 'exact', n: 2 },
  flags: [{ name: 'force', shorthand: 'f', kind: 'bool', usage: 'Force the container to disconnect from a network' }],
  async run(ctx, parsed) {
    const [network, container] = parsed.args as [string, string];
    await ctx.api.networkDisconnect(network, { Container: container, Force: flagBool(parsed, 'force') });
    return 0;
  },
};

export const networkPruneCommand: CommandSpec = {
  name: 'network prune',
  use: '[OPTIONS]',
  short: 'Remove all unused networks',
  args: { kind: 'none' },
  flags: [
    { name: 'filter', kind: 'filter', usage: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Do not prompt for confirmation' },
  ],
  async run(ctx, parsed) {
    if (pruneRefused(ctx, parsed, 'WARNING! This will remove all custom networks not used by at least one container.')) return 1;
    const filters = filtersFromFlags(ctx, parsed);
    if (!filters) return 1;
    const { NetworksDeleted } = await ctx.api.networkPrune({ filters });
    // docker/cli Fprintln's the whole text, hence the blank line after the list.
    if (NetworksDeleted && NetworksDeleted.length > 0) ctx.stdout.write(`Deleted Networks:\n${NetworksDeleted.map((n) => `${n}\n`).join('')}\n`);
    return 0;
  },
};
