/**
 * `docker system df`: disk usage by type (docker/cli formatter/disk_usage.go):
 * images (shared layers once), containers' writable layers, volumes, build
 * cache, with what pruning would reclaim; `-v` lists each item.
 */
import type { SystemDfResponse } from '../../api/index.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { GO_TYPE } from '../format/go-template.ts';
import { renderFormat } from '../format/table.ts';
import { humanSize, humanSizeWithPrecision } from '../format/units.ts';
import { containerContext, PS_HEADERS } from './container/context.ts';
import { IMAGE_HEADERS, imageContext, imageRows, withFormatterJson } from './image/context.ts';
import { TABLE_FORMAT_FLAG } from './image/flags.ts';

const SUMMARY_FORMAT = 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}';
const SUMMARY_HEADERS = { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' };
const IMAGE_FORMAT = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}';
const CONTAINER_FORMAT = 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}';
const VOLUME_FORMAT = 'table {{.Name}}\t{{.Links}}\t{{.Size}}';
const CACHE_FORMAT = 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}';
const CACHE_HEADERS = { ID: 'CACHE ID', CacheType: 'CACHE TYPE', Size: 'SIZE', CreatedSince: 'CREATED', LastUsedSince: 'LAST USED', UsageCount: 'USAGE', Shared: 'SHARED' };

/** `SIZE (P%)` with Go's integer percentage, or the bare size when the total is 0. */
function reclaimable(reclaim: number, total: number): string {
  return total > 0 ? `${humanSize(reclaim)} (${Math.trunc((reclaim * 100) / total)}%)` : humanSize(reclaim);
}

const activeContainer = (state: string) => state === 'running' || state === 'paused' || state === 'restarting';

function summary(df: SystemDfResponse) {
  const usedByImages = df.Images.filter((i) => i.Containers !== 0 && i.Size !== -1 && i.SharedSize !== -1).reduce((n, i) => n + i.Size - i.SharedSize, 0);
  const containerSize = df.Containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const containerReclaim = df.Containers.filter((c) => !activeContainer(c.State)).reduce((n, c) => n + (c.SizeRw ?? 0), 0);
  const volumeSize = df.Volumes.reduce((n, v) => n + (v.UsageData.Size > 0 ? v.UsageData.Size : 0), 0);
  const volumeReclaim = df.Volumes.filter((v) => v.UsageData.RefCount === 0).reduce((n, v) => n + (v.UsageData.Size > 0 ? v.UsageData.Size : 0), 0);
  const cacheSize = df.BuildCache.filter((b) => !b.Shared).reduce((n, b) => n + b.Size, 0);
  const cacheReclaim = df.BuildCache.filter((b) => !b.InUse && !b.Shared).reduce((n, b) => n + b.Size, 0);
  return [
    { Type: 'Images', TotalCount: String(df.Images.length), Active: String(df.Images.filter((i) => i.Containers > 0).length), Size: humanSize(df.LayersSize), Reclaimable: reclaimable(df.LayersSize - usedByImages, df.LayersSize) },
    { Type: 'Containers', TotalCount: String(df.Containers.length), Active: String(df.Containers.filter((c) => activeContainer(c.State)).length), Size: humanSize(containerSize), Reclaimable: reclaimable(containerReclaim, containerSize) },
    { Type: 'Local Volumes', TotalCount: String(df.Volumes.length), Active: String(df.Volumes.filter((v) => v.UsageData.RefCount > 0).length), Size: humanSize(volumeSize), Reclaimable: reclaimable(volumeReclaim, volumeSize) },
    { Type: 'Build Cache', TotalCount: String(df.BuildCache.length), Active: String(df.BuildCache.filter((b) => b.InUse).length), Size: humanSize(cacheSize), Reclaimable: humanSize(cacheReclaim) },
  ];
}

export const systemDfCommand: CommandSpec = {
  name: 'system df',
  use: '[OPTIONS]',
  short: 'Show docker disk usage',
  args: { kind: 'none' },
  flags: [TABLE_FORMAT_FLAG, { name: 'verbose', shorthand: 'v', kind: 'bool', usage: 'Show detailed information on space usage' }],
  async run(ctx, parsed) {
    const [df, nowMs] = await Promise.all([ctx.api.systemDf(), ctx.api.now()]);
    const format = flagString(parsed, 'format') ?? '';
    if (!flagBool(parsed, 'verbose')) {
      ctx.stdout.write(renderFormat(format === '' || format === 'table' ? SUMMARY_FORMAT : format, summary(df).map((row) => withFormatterJson({ [GO_TYPE]: '*formatter.diskUsageContext', ...row })), { headers: SUMMARY_HEADERS }));
      return 0;
    }
    const images = df.Images.flatMap((img) => imageRows(img, false).map((row) => imageContext(img, row, { trunc: true, nowMs })));
    // docker/cli drops the virtual size here: only the writable layer counts.
    const containers = df.Containers.map((c) => containerContext({ ...c, SizeRootFs: 0 }, { trunc: true, nowMs }));
    const volumes = df.Volumes.map((v) => ({ Name: v.Name, Links: String(v.UsageData.RefCount), Size: v.UsageData.Size < 0 ? 'N/A' : humanSizeWithPrecision(v.UsageData.Size, 3) }));
    const cacheTotal = df.BuildCache.filter((b) => !b.Shared).reduce((n, b) => n + b.Size, 0);
    ctx.stdout.write(
      [
        `Images space usage:\n\n${renderFormat(IMAGE_FORMAT, images, { headers: IMAGE_HEADERS })}`,
        `Containers space usage:\n\n${renderFormat(CONTAINER_FORMAT, containers, { headers: PS_HEADERS })}`,
        `Local Volumes space usage:\n\n${renderFormat(VOLUME_FORMAT, volumes, { headers: { Name: 'VOLUME NAME', Links: 'LINKS', Size: 'SIZE' } })}`,
        `Build cache usage: ${humanSize(cacheTotal)}\n\n${renderFormat(CACHE_FORMAT, [], { headers: CACHE_HEADERS })}`,
      ].join('\n'),
    );
    return 0;
  },
};
