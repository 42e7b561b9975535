/**
 * `docker export` / `docker container export`: the container's merged file
 * system as one tar, written to a host file (`-o`). Simplification: command
 * output here is text, so the tar cannot be streamed to stdout.
 */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';

function exportCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] CONTAINER',
    short: "Export a container's filesystem as a tar archive",
    aliases: ['docker container export', 'docker export'],
    args: { kind: 'exact', n: 1 },
    flags: [{ name: 'output', shorthand: 'o', kind: 'string', usage: 'Write to a file, instead of STDOUT' }],
    async run(ctx, parsed) {
      const output = flagString(parsed, 'output') ?? '';
      if (output === '') {
        ctx.stderr.write(
          ctx.isTTY ? 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n' : 'Layerlab: docker export can only write to a file here; use -o FILE\n',
        );
        return 1;
      }
      if (!ctx.files) {
        ctx.stderr.write('Layerlab: this terminal has no host files yet; docker export -o works in `layerlab docker`\n');
        return 1;
      }
      const tar = await ctx.api.containerExport(parsed.args[0]!);
      try {
        ctx.files.writeFile(output, tar);
      } catch (e) {
        ctx.stderr.write(`failed to export container: ${(e as Error).message}\n`);
        return 1;
      }
      return 0;
    },
  };
}

export const exportTopCommand = exportCommand('export');
export const containerExportCommand = exportCommand('container export');
