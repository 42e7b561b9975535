/** `docker save` / `docker image save`: the archive goes to a host file (-o). */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { PLATFORM_FLAG, PLATFORM_USAGE } from './image/flags.ts';

function saveCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] IMAGE [IMAGE...]',
    short: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
    aliases: ['docker image save', 'docker save'],
    args: { kind: 'min', n: 1 },
    flags: [
      { name: 'output', shorthand: 'o', kind: 'string', usage: 'Write to a file, instead of STDOUT' },
      PLATFORM_FLAG(`Save only the given platform variant. ${PLATFORM_USAGE}`),
    ],
    async run(ctx, parsed) {
      const output = flagString(parsed, 'output') ?? '';
      if (output === '') {
        if (ctx.isTTY) {
          ctx.stderr.write('cowardly refusing to save to a terminal. Use the -o flag or redirect\n');
          return 1;
        }
        // Simplification: command output here is text; a tar needs a file.
        ctx.stderr.write('Layerlab: docker save can only write to a file here; use -o FILE\n');
        return 1;
      }
      if (!ctx.files) {
        ctx.stderr.write('Layerlab: this terminal has no host files yet; docker save -o works in `layerlab docker`\n');
        return 1;
      }
      const tar = await ctx.api.imageSave(parsed.args);
      try {
        ctx.files.writeFile(output, tar);
      } catch (e) {
        ctx.stderr.write(`failed to save image: ${(e as Error).message}\n`);
        return 1;
      }
      return 0;
    },
  };
}

export const saveTopCommand = saveCommand('save');
export const imageSaveCommand = saveCommand('image save');
