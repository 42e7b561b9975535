/**
 * `docker stats` / `docker container stats`: one sample per container
 * (docker/cli formatter/stats.go columns: CPU % from the cpu/precpu
 * deltas, memory without the page cache, net and block I/O, PIDs). Running
 * containers by default, `-a` for all, or the ones named. Simplification:
 * only `--no-stream` is live-free; without it Layerlab prints one sample too.
 */
import type { ContainerStatsResponse } from '../../api/index.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { formatFloat } from '../../lib/go-float.ts';
import { renderFormat } from '../format/table.ts';
import { bytesSize, humanSizeWithPrecision } from '../format/units.ts';
import { TABLE_FORMAT_FLAG } from './image/flags.ts';

const DEFAULT_FORMAT = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';
const HEADERS = {
  Container: 'CONTAINER',
  ID: 'CONTAINER ID',
  Name: 'NAME',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

const percent = (v: number) => `${formatFloat(v, 'f', 2)}%`;
const io = (a: number, b: number) => `${humanSizeWithPrecision(a, 3)} / ${humanSizeWithPrecision(b, 3)}`;

/** One row's fields, computed as docker/cli's stats collector does. */
function row(s: ContainerStatsResponse, container: string, noTrunc: boolean) {
  const cpuDelta = s.cpu_stats.cpu_usage.total_usage - s.precpu_stats.cpu_usage.total_usage;
  const sysDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
  const cpu = sysDelta > 0 && cpuDelta > 0 ? (cpuDelta / sysDelta) * (s.cpu_stats.online_cpus ?? 1) * 100 : 0;
  const usage = s.memory_stats.usage ?? 0;
  const inactive = s.memory_stats.stats?.inactive_file ?? 0;
  const mem = inactive < usage ? usage - inactive : usage;
  const limit = s.memory_stats.limit ?? 0;
  const nets = Object.values(s.networks ?? {});
  const rx = nets.reduce((n, x) => n + x.rx_bytes, 0);
  const tx = nets.reduce((n, x) => n + x.tx_bytes, 0);
  let read = 0;
  let write = 0;
  for (const b of s.blkio_stats.io_service_bytes_recursive ?? []) {
    if (b.op.toLowerCase() === 'read') read += b.value;
    if (b.op.toLowerCase() === 'write') write += b.value;
  }
  const name = s.name.replace(/^\//, '');
  return {
    Container: container,
    ID: noTrunc ? s.id : s.id.slice(0, 12),
    Name: name === '' ? '--' : name,
    CPUPerc: percent(cpu),
    MemUsage: `${bytesSize(mem)} / ${bytesSize(limit)}`,
    MemPerc: percent(limit > 0 ? (mem / limit) * 100 : 0),
    NetIO: io(rx, tx),
    BlockIO: io(read, write),
    PIDs: String(s.pids_stats.current ?? 0),
  };
}

function statsCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] [CONTAINER...]',
    short: "Display a live stream of container(s) resource usage statistics",
    aliases: ['docker container stats', 'docker stats'],
    args: { kind: 'any' },
    flags: [
      { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
      TABLE_FORMAT_FLAG,
      { name: 'no-stream', kind: 'bool', usage: 'Disable streaming stats and only pull the first result' },
      { name: 'no-trunc', kind: 'bool', usage: 'Do not truncate output' },
    ],
    async run(ctx, parsed) {
      const refs = parsed.args.length > 0 ? parsed.args : (await ctx.api.containerList({ all: flagBool(parsed, 'all') })).map((c) => c.Id);
      const rows = [];
      const errors: string[] = [];
      for (const ref of refs) {
        try {
          rows.push(row(await ctx.api.containerStats(ref), ref, flagBool(parsed, 'no-trunc')));
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
      if (errors.length > 0) {
        ctx.stderr.write(`Error response from daemon: ${errors.join('\n')}\n`);
        return 1;
      }
      const format = flagString(parsed, 'format') || DEFAULT_FORMAT;
      ctx.stdout.write(renderFormat(format === 'table' ? DEFAULT_FORMAT : format, rows, { headers: HEADERS }));
      return 0;
    },
  };
}

export const statsTopCommand = statsCommand('stats');
export const containerStatsCommand = statsCommand('container stats');
