/**
 * `docker import` / `docker image import`: a file system tar (plain or
 * gzip) becomes a one-layer image; `-c` applies Dockerfile instructions
 * (CMD, ENV, …) to its empty config, `-m` sets the history comment. Prints
 * the new image id. Simplification: the tar comes from a host file; `-`
 * (stdin) and URLs are not read here.
 */
import type { CommandSpec } from '../command.ts';
import { flagList, flagString } from '../flags.ts';
import { PLATFORM_FLAG } from './image/flags.ts';

function importCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
    short: 'Import the contents from a tarball to create a filesystem image',
    aliases: ['docker image import', 'docker import'],
    args: { kind: 'min', n: 1 },
    flags: [
      { name: 'change', shorthand: 'c', kind: 'list', usage: 'Apply Dockerfile instruction to the created image' },
      { name: 'message', shorthand: 'm', kind: 'string', usage: 'Set commit message for imported image' },
      PLATFORM_FLAG('Set platform if server is multi-platform capable'),
    ],
    async run(ctx, parsed) {
      const [source, reference] = parsed.args as [string, string | undefined];
      if (source === '-' || /^https?:\/\//.test(source)) {
        ctx.stderr.write(`Layerlab: docker import reads a file here (${source === '-' ? 'stdin' : 'URLs'} cannot be read); give the tar's path\n`);
        return 1;
      }
      if (!ctx.files) {
        ctx.stderr.write('Layerlab: this terminal has no host files yet; docker import works in `layerlab docker`\n');
        return 1;
      }
      let tar: Uint8Array;
      try {
        tar = ctx.files.readFile(source);
      } catch (e) {
        ctx.stderr.write(`${(e as Error).message}\n`);
        return 1;
      }
      const message = flagString(parsed, 'message');
      const platform = flagString(parsed, 'platform');
      const { Id } = await ctx.api.imageImport(tar, {
        ...(reference ? { reference } : {}),
        ...(message ? { message } : {}),
        ...(platform ? { platform } : {}),
        changes: flagList(parsed, 'change'),
      });
      ctx.stdout.write(`${Id}\n`);
      return 0;
    },
  };
}

export const importTopCommand = importCommand('import');
export const imageImportCommand = importCommand('image import');
