import type { SystemVersion } from '../../api/index.ts';
import { CLIENT } from '../client-info.ts';
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { GO_MARSHAL_JSON, GO_TYPE } from '../format/go-template.ts';
import { renderFormat } from '../format/table.ts';
import { formatTabbed } from '../format/tabwriter.ts';
import { FORMAT_FLAG } from './shared-flags.ts';

/** RFC 3339 → Go's time.ANSIC in the time's own zone, as docker/cli's reformatDate. */
export function reformatDate(rfc3339: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(rfc3339);
  if (!m) return rfc3339;
  const [, y, mo, d, h, mi, s] = m;
  // Day of week from the calendar date alone (the zone does not change the wall date shown).
  const dow = new Date(Date.UTC(+y!, +mo! - 1, +d!)).getUTCDay();
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${days[dow]} ${months[+mo! - 1]} ${String(+d!).padStart(2, ' ')} ${h}:${mi}:${s} ${y}`;
}

/** docker/cli's default `docker version` layout, rendered through tabwriter(minwidth 20, padding 1). */
export function renderVersion(server: SystemVersion | null): string {
  let t = `Client:\n`;
  t += ` Version:\t${CLIENT.version}\n API version:\t${CLIENT.apiVersion}\n Go version:\t${CLIENT.goVersion}\n`;
  t += ` Git commit:\t${CLIENT.gitCommit}\n Built:\t${CLIENT.built}\n OS/Arch:\t${CLIENT.os}/${CLIENT.arch}\n Context:\t${CLIENT.context}\n`;
  if (server) {
    t += `\nServer:${server.Platform.Name ? ` ${server.Platform.Name}` : ''}\n`;
    for (const c of server.Components) {
      const d = c.Details ?? {};
      t += ` ${c.Name}:\n`;
      if (c.Name === 'Engine') {
        t += `  Version:\t${c.Version}\n  API version:\t${d.ApiVersion} (minimum version ${d.MinAPIVersion})\n`;
        t += `  Go version:\t${d.GoVersion}\n  Git commit:\t${d.GitCommit}\n  Built:\t${reformatDate(d.BuildTime ?? '')}\n`;
        t += `  OS/Arch:\t${d.Os}/${d.Arch}\n  Experimental:\t${d.Experimental}\n`;
      } else {
        t += `  Version:\t${c.Version}\n`;
        for (const key of Object.keys(d).sort()) t += `  ${key}:\t${d[key]}\n`;
      }
    }
  }
  return formatTabbed(t, { minwidth: 20, tabwidth: 1, padding: 1 });
}

export const versionCommand: CommandSpec = {
  name: 'version',
  use: '[OPTIONS]',
  short: 'Show the Docker version information',
  flags: [FORMAT_FLAG],
  args: { kind: 'none' },
  async run(ctx, parsed) {
    const format = flagString(parsed, 'format');
    const server = await ctx.api.version();
    if (format) {
      const client = clientJson();
      const root = { Client: goStruct('main.clientVersion', client), Server: goStruct('types.Version', server) };
      ctx.stdout.write(renderFormat(format, [goStruct('main.versionInfo', root, { Client: client, Server: server })]));
      return 0;
    }
    ctx.stdout.write(renderVersion(server));
    return 0;
  },
};

/**
 * A version object as docker/cli's Go structs: templates name the Go fields
 * (`.Client.APIVersion`), `json` prints the JSON names (`ApiVersion`).
 */
function goStruct(type: string, json: object, marshal: object = json): object {
  const fields: Record<string | symbol, unknown> = { ...json, [GO_TYPE]: type, [GO_MARSHAL_JSON]: () => JSON.stringify(marshal) };
  if ('ApiVersion' in json) fields.APIVersion = json.ApiVersion;
  if ('MinAPIVersion' in json) fields.MinAPIVersion = json.MinAPIVersion;
  return fields;
}

function clientJson() {
  return {
    Version: CLIENT.version,
    ApiVersion: CLIENT.apiVersion,
    DefaultAPIVersion: CLIENT.defaultApiVersion,
    GitCommit: CLIENT.gitCommit,
    GoVersion: CLIENT.goVersion,
    Os: CLIENT.os,
    Arch: CLIENT.arch,
    BuildTime: CLIENT.built,
    Context: CLIENT.context,
  };
}
