/**
 * `docker ps` / `docker container ls`: running containers (all with -a),
 * newest first; STATUS is the daemon's (`Up 2 seconds`, `Exited (0) 3
 * seconds ago`), CREATED is computed against the engine's clock.
 */
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { renderFormat } from '../format/table.ts';
import { DEFAULT_PS_FORMAT, PS_HEADERS, QUIET_PS_FORMAT, SIZE_PS_FORMAT, containerContext } from './container/context.ts';
import { TABLE_FORMAT_FLAG, filtersFromFlags } from './image/flags.ts';

function psCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS]',
    short: 'List containers',
    aliases: ['docker container ls', 'docker container list', 'docker container ps', 'docker ps'],
    args: { kind: 'none' },
    flags: [
      { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
      { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
      TABLE_FORMAT_FLAG,
      { name: 'last', shorthand: 'n', kind: 'int', usage: 'Show n last created containers (includes all states)', defaultValue: '-1' },
      { name: 'latest', shorthand: 'l', kind: 'bool', usage: 'Show the latest created container (includes all states)' },
      { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only display container IDs' },
      { name: 'size', shorthand: 's', kind: 'bool', usage: 'Display total file sizes' },
    ],
    async run(ctx, parsed) {
      const filters = filtersFromFlags(ctx, parsed);
      if (!filters) return 1;
      const quiet = flagBool(parsed, 'quiet');
      let format = flagString(parsed, 'format') ?? '';
      let size = flagBool(parsed, 'size');
      if (quiet) format = QUIET_PS_FORMAT;
      else if (format === '' || format === 'table') format = size ? SIZE_PS_FORMAT : DEFAULT_PS_FORMAT;
      // docker/cli asks for sizes when the template shows them.
      if (format.includes('.Size')) size = true;
      let limit = Number(flagString(parsed, 'last') ?? '-1');
      if (flagBool(parsed, 'latest')) limit = 1;
      const [list, nowMs] = await Promise.all([
        ctx.api.containerList({ all: flagBool(parsed, 'all'), ...(limit > 0 ? { limit } : {}), size, filters }),
        ctx.api.now(),
      ]);
      const trunc = !flagBool(parsed, 'no-trunc');
      ctx.stdout.write(renderFormat(format, list.map((c) => containerContext(c, { trunc, nowMs })), { headers: PS_HEADERS }));
      return 0;
    },
  };
}

export const psTopCommand = psCommand('ps');
export const containerLsCommand = psCommand('container ls');
