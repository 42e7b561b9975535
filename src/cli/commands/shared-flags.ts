import type { FlagSpec } from '../flags.ts';

/** `-f, --format` as `docker version`/`info` declare it (docker/cli flagsHelper.FormatHelp). */
export const FORMAT_FLAG: FlagSpec = {
  name: 'format',
  shorthand: 'f',
  kind: 'string',
  usage:
    "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates",
};
