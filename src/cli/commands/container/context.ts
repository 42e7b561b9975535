/**
 * The row context of `docker ps` (docker/cli cli/command/formatter/container.go):
 * the fields `{{.ID}}`, `{{.Image}}`, `{{.Command}}`, `{{.RunningFor}}`, …
 * as ContainerContext's Go methods print them, truncated unless --no-trunc.
 */
import type { ContainerSummary } from '../../../api/containers.ts';
import { ellipsis, truncateId } from '../../format/display.ts';
import { GO_TYPE } from '../../format/go-template.ts';
import { rfc3339Utc } from '../../format/time.ts';
import { humanDurationBetween, humanSizeWithPrecision } from '../../format/units.ts';
import { goQuote } from '../../../lib/go-quote.ts';
import { displayablePorts } from './ports.ts';

export const DEFAULT_PS_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
export const SIZE_PS_FORMAT = `${DEFAULT_PS_FORMAT}\t{{.Size}}`;
export const QUIET_PS_FORMAT = '{{.ID}}';

export const PS_HEADERS: Readonly<Record<string, string>> = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Label: 'LABEL',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
  LocalVolumes: 'LOCAL VOLUMES',
  Platform: 'PLATFORM',
};

/** Go's time.Time.String() in UTC for CreatedAt. */
function goTime(unixSeconds: number): string {
  return `${rfc3339Utc(unixSeconds).replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

/** Names without the leading `/`; truncated output shows only the first, as docker does. */
function names(c: ContainerSummary, trunc: boolean): string {
  const plain = c.Names.map((n) => n.replace(/^\//, '')).filter((n) => !trunc || !n.includes('/'));
  return trunc ? (plain[0] ?? '') : plain.join(',');
}

export function containerContext(c: ContainerSummary, opts: { trunc: boolean; nowMs: number }): Record<string | symbol, unknown> {
  const labels = Object.entries(c.Labels).map(([k, v]) => `${k}=${v}`);
  // Keys in Go's order for `{{json .}}`: docker marshals the context as a map, whose keys encoding/json sorts.
  return {
    [GO_TYPE]: '*formatter.ContainerContext',
    Command: goQuote(opts.trunc ? ellipsis(c.Command, 20) : c.Command),
    CreatedAt: goTime(c.Created),
    ID: opts.trunc ? truncateId(c.Id) : c.Id,
    Image: opts.trunc && /^sha256:[a-f0-9]{64}$/.test(c.Image) ? truncateId(c.Image) : c.Image || '<no image>',
    Label: (name: string) => c.Labels[name] ?? '',
    Labels: labels.join(','),
    LocalVolumes: String(c.Mounts.filter((m) => m.Type === 'volume').length),
    Mounts: c.Mounts.map((m) => (m.Name ? (opts.trunc ? ellipsis(m.Name, 15) : m.Name) : m.Source)).join(','),
    Names: names(c, opts.trunc),
    Networks: Object.keys(c.NetworkSettings.Networks).sort().join(','),
    // No image manifest descriptor is known for a container: docker prints null.
    Platform: null,
    Ports: displayablePorts(c.Ports),
    RunningFor: `${humanDurationBetween(c.Created * 1000, opts.nowMs)} ago`,
    Size: (c.SizeRootFs ?? 0) > 0
      ? `${humanSizeWithPrecision(c.SizeRw ?? 0, 3)} (virtual ${humanSizeWithPrecision(c.SizeRootFs!, 3)})`
      : humanSizeWithPrecision(c.SizeRw ?? 0, 3),
    State: c.State,
    Status: c.Status,
  };
}
