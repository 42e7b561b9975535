import type { SystemInfo } from '../../api/index.ts';
import { CLIENT } from '../client-info.ts';
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { renderFormat } from '../format/table.ts';
import { bytesSize } from '../format/units.ts';
import { FORMAT_FLAG } from './shared-flags.ts';

/**
 * docker/cli's prettyPrintInfo: the Client section (no plugins in Layerlab)
 * then the Server section from `GET /info`.
 */
export function renderInfo(info: SystemInfo): string {
  const lines: string[] = [];
  const p = (...parts: (string | number | boolean)[]) => lines.push(parts.join(' '));
  const nonEmpty = (label: string, value: string) => {
    if (value !== '') p(label, value);
  };
  p('Client:');
  p(' Version:   ', CLIENT.version);
  p(' Context:   ', CLIENT.context);
  p(' Debug Mode:', false);
  p('');
  p('Server:');
  p(' Containers:', info.Containers);
  p('  Running:', info.ContainersRunning);
  p('  Paused:', info.ContainersPaused);
  p('  Stopped:', info.ContainersStopped);
  p(' Images:', info.Images);
  nonEmpty(' Server Version:', info.ServerVersion);
  nonEmpty(' Storage Driver:', info.Driver);
  for (const [k, v] of info.DriverStatus) lines.push(`  ${k}: ${v}`);
  nonEmpty(' Logging Driver:', info.LoggingDriver);
  nonEmpty(' Cgroup Driver:', info.CgroupDriver);
  nonEmpty(' Cgroup Version:', info.CgroupVersion);
  p(' Plugins:');
  p('  Volume:', info.Plugins.Volume.join(' '));
  p('  Network:', info.Plugins.Network.join(' '));
  if (info.Plugins.Authorization && info.Plugins.Authorization.length > 0) p('  Authorization:', info.Plugins.Authorization.join(' '));
  p('  Log:', info.Plugins.Log.join(' '));
  if (info.CDISpecDirs.length > 0) {
    p(' CDI spec directories:');
    for (const d of info.CDISpecDirs) lines.push(`  ${d}`);
  }
  p(' Swarm:', info.Swarm.LocalNodeState);
  const runtimes = Object.keys(info.Runtimes).sort();
  if (runtimes.length > 0) {
    p(' Runtimes:', runtimes.join(' '));
    p(' Default Runtime:', info.DefaultRuntime);
  }
  if (info.OSType === 'linux') {
    p(' Init Binary:', info.InitBinary);
    lines.push(` containerd version: ${info.ContainerdCommit.ID}`);
    lines.push(` runc version: ${info.RuncCommit.ID}`);
    lines.push(` init version: ${info.InitCommit.ID}`);
    if (info.SecurityOptions.length > 0) {
      p(' Security Options:');
      for (const opt of info.SecurityOptions) {
        const kv = new Map(opt.split(',').map((s) => s.split('=') as [string, string]));
        lines.push(`  ${kv.get('name') ?? opt}`);
        if (kv.has('profile')) p('   Profile:', kv.get('profile')!);
      }
    }
  }
  nonEmpty(' Kernel Version:', info.KernelVersion);
  nonEmpty(' Operating System:', info.OperatingSystem);
  nonEmpty(' OSType:', info.OSType);
  nonEmpty(' Architecture:', info.Architecture);
  p(' CPUs:', info.NCPU);
  p(' Total Memory:', bytesSize(info.MemTotal));
  nonEmpty(' Name:', info.Name);
  nonEmpty(' ID:', info.ID);
  p(' Docker Root Dir:', info.DockerRootDir);
  p(' Debug Mode:', info.Debug);
  nonEmpty(' HTTP Proxy:', info.HttpProxy);
  nonEmpty(' HTTPS Proxy:', info.HttpsProxy);
  nonEmpty(' No Proxy:', info.NoProxy);
  if (info.Labels.length > 0) {
    p(' Labels:');
    for (const l of info.Labels) lines.push(`  ${l}`);
  }
  p(' Experimental:', info.ExperimentalBuild);
  const insecureIndexes = Object.values(info.RegistryConfig.IndexConfigs).filter((c) => !c.Secure);
  if (info.RegistryConfig.InsecureRegistryCIDRs.length > 0 || Object.keys(info.RegistryConfig.IndexConfigs).length > 0) {
    p(' Insecure Registries:');
    for (const c of insecureIndexes) lines.push(`  ${c.Name}`);
    for (const cidr of info.RegistryConfig.InsecureRegistryCIDRs) lines.push(`  ${cidr}`);
  }
  if (info.RegistryConfig.Mirrors.length > 0) {
    p(' Registry Mirrors:');
    for (const m of info.RegistryConfig.Mirrors) lines.push(`  ${m}`);
  }
  p(' Live Restore Enabled:', info.LiveRestoreEnabled);
  p('');
  return `${lines.join('\n')}\n`;
}

export const infoCommand: CommandSpec = {
  name: 'info',
  use: '[OPTIONS]',
  short: 'Display system-wide information',
  aliases: ['docker system info', 'docker info'],
  flags: [FORMAT_FLAG],
  args: { kind: 'none' },
  async run(ctx, parsed) {
    const format = flagString(parsed, 'format');
    const info = await ctx.api.info();
    if (format) {
      const clientInfo = { Debug: false, Version: CLIENT.version, Context: CLIENT.context, Plugins: [], Warnings: null };
      ctx.stdout.write(renderFormat(format, [{ ...info, ClientInfo: clientInfo }]));
      return 0;
    }
    ctx.stdout.write(renderInfo(info));
    for (const w of info.Warnings ?? []) ctx.stderr.write(`${w}\n`);
    return 0;
  },
};
