/** `docker top`: the container's processes as `ps -ef` shows them on the host. */
import type { CommandSpec } from '../command.ts';
import { formatTabbed } from '../format/tabwriter.ts';

export const topCommand: CommandSpec = {
  name: 'top',
  use: 'CONTAINER [ps OPTIONS]',
  short: 'Display the running processes of a container',
  aliases: ['docker container top', 'docker top'],
  flags: [],
  args: { kind: 'min', n: 1 },
  interspersed: false,
  async run(ctx, parsed) {
    const top = await ctx.api.containerTop(parsed.args[0]!);
    const rows = [top.Titles, ...top.Processes].map((r) => `${r.join('\t')}\n`).join('');
    ctx.stdout.write(formatTabbed(rows, { minwidth: 20, tabwidth: 1, padding: 3 }));
    return 0;
  },
};
