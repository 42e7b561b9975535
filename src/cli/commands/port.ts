/**
 * `docker port`: a container's published ports (docker/cli
 * container/port.go): every binding as `80/tcp -> 0.0.0.0:8080`, or for one
 * private port just the host addresses; docker's error for a port that is
 * not published.
 */
import type { CommandSpec } from '../command.ts';
import { joinHostPort } from './container/ports.ts';

export const portCommand: CommandSpec = {
  name: 'port',
  use: 'CONTAINER [PRIVATE_PORT[/PROTO]]',
  short: 'List port mappings or a specific mapping for the container',
  aliases: ['docker container port', 'docker port'],
  flags: [],
  args: { kind: 'range', min: 1, max: 2 },
  async run(ctx, parsed) {
    const [ref, port] = parsed.args as [string, string | undefined];
    const c = await ctx.api.containerInspect(ref);
    const ports = (c.NetworkSettings.Ports ?? {}) as Record<string, { HostIp: string; HostPort: string }[] | null>;
    if (port !== undefined) {
      const [num = '', proto = 'tcp'] = port.split('/');
      const bindings = ports[`${num}/${proto}`];
      if (!bindings) {
        ctx.stderr.write(`Error: No public port '${port}' published for ${ref}\n`);
        return 1;
      }
      for (const b of bindings) ctx.stdout.write(`${joinHostPort(b.HostIp, b.HostPort)}\n`);
      return 0;
    }
    const keys = Object.keys(ports).sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0]) || (a < b ? -1 : 1));
    for (const key of keys) for (const b of ports[key] ?? []) ctx.stdout.write(`${key} -> ${joinHostPort(b.HostIp, b.HostPort)}\n`);
    return 0;
  },
};
