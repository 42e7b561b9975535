/** Flags the image commands share, with docker/cli's help texts (flagsHelper, completion of --platform). */
import type { FlagSpec, ParsedFlags } from '../../flags.ts';
import { flagList } from '../../flags.ts';
import type { CliContext } from '../../io.ts';

/** `--format` for list commands (docker/cli flagsHelper.FormatHelp with the table variants). */
export const TABLE_FORMAT_FLAG: FlagSpec = {
  name: 'format',
  kind: 'string',
  usage:
    "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
};

export const PLATFORM_FLAG = (usage: string, valueName = 'string'): FlagSpec => ({ name: 'platform', kind: 'string', usage, valueName });

export const PLATFORM_USAGE = 'Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")';

/** `--filter key=value` values → the Engine API's filters map. */
export function parseFilters(values: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq < 0) throw new Error(`bad format of filter (expected name=value)`);
    (out[v.slice(0, eq).trim().toLowerCase()] ??= []).push(v.slice(eq + 1).trim());
  }
  return out;
}

/**
 * The command's `--filter` values as the Engine API's filters map; on a
 * malformed value the error is printed and null returned (the command exits 1).
 */
export function filtersFromFlags(ctx: CliContext, parsed: ParsedFlags): Record<string, string[]> | null {
  try {
    return parseFilters(flagList(parsed, 'filter'));
  } catch (e) {
    ctx.stderr.write(`${(e as Error).message}\n`);
    return null;
  }
}
