/**
 * `docker logs`: what PID 1 wrote, from the json-file log: each stream to
 * its own output, `-t` timestamps, `--tail`, `--since`/`--until`, `-f` to
 * keep following until the container stops.
 */
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { sinceUntilFromFlags } from './container/timestamp.ts';

export const logsCommand: CommandSpec = {
  name: 'logs',
  use: '[OPTIONS] CONTAINER',
  short: 'Fetch the logs of a container',
  aliases: ['docker container logs', 'docker logs'],
  flags: [
    { name: 'details', kind: 'bool', usage: 'Show extra details provided to logs' },
    { name: 'follow', shorthand: 'f', kind: 'bool', usage: 'Follow log output' },
    { name: 'since', kind: 'string', usage: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', shorthand: 'n', kind: 'string', usage: 'Number of lines to show from the end of the logs', defaultValue: 'all' },
    { name: 'timestamps', shorthand: 't', kind: 'bool', usage: 'Show timestamps' },
    { name: 'until', kind: 'string', usage: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx, parsed) {
    const tail = flagString(parsed, 'tail') ?? 'all';
    const times = await sinceUntilFromFlags(ctx, parsed);
    if (!times) return 1;
    await ctx.api.containerLogs(
      parsed.args[0]!,
      {
        stdout: true,
        stderr: true,
        timestamps: flagBool(parsed, 'timestamps'),
        follow: flagBool(parsed, 'follow'),
        tail: tail === 'all' || !/^\d+$/.test(tail) ? 'all' : tail,
        ...times,
      },
      (chunks) => {
        for (const c of chunks) (c.fd === 1 ? ctx.stdout : ctx.stderr).write(c.data);
      },
    );
    return 0;
  },
};
