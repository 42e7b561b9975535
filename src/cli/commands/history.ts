/** `docker history` / `docker image history`. */
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { DEFAULT_HISTORY_TABLE_FORMAT, QUIET_HISTORY_FORMAT, historyContext, historyHeaders } from '../format/history-context.ts';
import { renderFormat } from '../format/table.ts';
import { withFormatterJson } from './image/context.ts';
import { PLATFORM_FLAG, PLATFORM_USAGE, TABLE_FORMAT_FLAG } from './image/flags.ts';


function historyCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] IMAGE',
    short: 'Show the history of an image',
    aliases: ['docker image history', 'docker history'],
    args: { kind: 'exact', n: 1 },
    flags: [
      TABLE_FORMAT_FLAG,
      { name: 'human', shorthand: 'H', kind: 'bool', usage: 'Print sizes and dates in human readable format', defaultValue: 'true' },
      { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
      PLATFORM_FLAG(`Show history for the given platform. ${PLATFORM_USAGE}`),
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only show image IDs' },
    ],
    async run(ctx, parsed) {
      const human = flagString(parsed, 'human') !== 'false';
      const trunc = !flagBool(parsed, 'no-trunc');
      let format = flagString(parsed, 'format') ?? '';
      if (flagBool(parsed, 'quiet')) format = QUIET_HISTORY_FORMAT;
      else if (format === '' || format === 'table') format = DEFAULT_HISTORY_TABLE_FORMAT;
      const [items, nowMs] = await Promise.all([ctx.api.imageHistory(parsed.args[0]!), ctx.api.now()]);
      const rows = items.map((h) => withFormatterJson(historyContext(h, { nowMs, trunc, human })));
      ctx.stdout.write(renderFormat(format, rows, { headers: historyHeaders(human) }));
      return 0;
    },
  };
}

export const historyTopCommand = historyCommand('history');
export const imageHistoryCommand = historyCommand('image history');
