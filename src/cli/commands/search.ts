/**
 * `docker search TERM`: `GET /images/search` (the simulated Hub's index),
 * printed from the registry's searchCells (descriptions cut to 45
 * characters, `[OK]` for official images) through docker's table format.
 */
import { searchCells } from '../../engine/registry/cli-text.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { renderFormat } from '../format/table.ts';
import { filtersFromFlags } from './image/flags.ts';

const DEFAULT_SEARCH_FORMAT = 'table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}';
const SEARCH_HEADERS = { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL', IsAutomated: 'AUTOMATED' };

export const searchCommand: CommandSpec = {
  name: 'search',
  use: '[OPTIONS] TERM',
  short: 'Search Docker Hub for images',
  args: { kind: 'exact', n: 1 },
  flags: [
    { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
    { name: 'format', kind: 'string', usage: 'Pretty-print search using a Go template' },
    { name: 'limit', kind: 'int', usage: 'Max number of search results' },
    { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
  ],
  async run(ctx, parsed) {
    const filters = filtersFromFlags(ctx, parsed);
    if (!filters) return 1;
    const limit = flagString(parsed, 'limit');
    const results = await ctx.api.imageSearch(parsed.args[0]!, { filters, ...(limit !== undefined && limit !== '0' ? { limit: Number(limit) } : {}) });
    const cells = searchCells(
      results.map((r) => ({ name: r.name, description: r.description, stars: r.star_count, official: r.is_official })),
      { noTrunc: flagBool(parsed, 'no-trunc') },
    );
    const rows = cells.map(([Name, Description, StarCount, IsOfficial], i) => ({
      Name,
      Description,
      StarCount,
      IsOfficial,
      IsAutomated: results[i]!.is_automated ? '[OK]' : '',
    }));
    const format = flagString(parsed, 'format') || DEFAULT_SEARCH_FORMAT;
    ctx.stdout.write(renderFormat(format === 'table' ? DEFAULT_SEARCH_FORMAT : format, rows, { headers: SEARCH_HEADERS }));
    return 0;
  },
};
