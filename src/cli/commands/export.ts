/**
 * `docker export` / `docker container export`: the container's merged file
 * system as one tar, written to a host file (`-o`). Simplification: command
 * output here is text, so the tar cannot be streamed to stdout.
 */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { writeArchive } from './archive-output.ts';

function exportCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] CONTAINER',
    short: "Export a container's filesystem as a tar archive",
    aliases: ['docker container export', 'docker export'],
    args: { kind: 'exact', n: 1 },
    flags: [{ name: 'output', shorthand: 'o', kind: 'string', usage: 'Write to a file, instead of STDOUT' }],
    run(ctx, parsed) {
      return writeArchive(ctx, 'export', flagString(parsed, 'output') ?? '', 'failed to export container', () => ctx.api.containerExport(parsed.args[0]!));
    },
  };
}

export const exportTopCommand = exportCommand('export');
export const containerExportCommand = exportCommand('container export');
