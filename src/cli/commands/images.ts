/** `docker images` / `docker image ls` / `docker image list`. */
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import { renderFormat } from '../format/table.ts';
import { DEFAULT_IMAGE_TABLE_FORMAT, DIGEST_IMAGE_TABLE_FORMAT, IMAGE_HEADERS, QUIET_IMAGE_FORMAT, imageContext, imageRows } from './image/context.ts';
import { TABLE_FORMAT_FLAG, filtersFromFlags } from './image/flags.ts';

function imagesCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] [REPOSITORY[:TAG]]',
    short: 'List images',
    aliases: ['docker image ls', 'docker image list', 'docker images'],
    args: { kind: 'max', n: 1 },
    flags: [
      { name: 'all', shorthand: 'a', kind: 'bool', usage: 'Show all images (default hides intermediate images)' },
      { name: 'digests', kind: 'bool', usage: 'Show digests' },
      { name: 'filter', shorthand: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
      TABLE_FORMAT_FLAG,
      { name: 'no-trunc', kind: 'bool', usage: "Don't truncate output" },
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Only show image IDs' },
      { name: 'tree', kind: 'bool', usage: 'List multi-platform images as a tree (EXPERIMENTAL)' },
    ],
    async run(ctx, parsed) {
      if (flagBool(parsed, 'tree')) {
        ctx.stderr.write('Layerlab: --tree is not simulated (images here are single-platform)\n');
        return 1;
      }
      const filters = filtersFromFlags(ctx, parsed);
      if (!filters) return 1;
      // A positional REPOSITORY[:TAG] is a reference filter (docker/cli image/list.go).
      if (parsed.args[0] !== undefined) (filters.reference ??= []).push(parsed.args[0]);
      const showDigests = flagBool(parsed, 'digests');
      const quiet = flagBool(parsed, 'quiet');
      let format = flagString(parsed, 'format') ?? '';
      if (quiet) format = QUIET_IMAGE_FORMAT;
      else if (format === '' || format === 'table') format = showDigests ? DIGEST_IMAGE_TABLE_FORMAT : DEFAULT_IMAGE_TABLE_FORMAT;
      const [images, nowMs] = await Promise.all([ctx.api.imageList({ all: flagBool(parsed, 'all'), filters, digests: showDigests }), ctx.api.now()]);
      const trunc = !flagBool(parsed, 'no-trunc');
      const rows = images.flatMap((img) => imageRows(img, showDigests).map((row) => imageContext(img, row, { trunc, nowMs })));
      ctx.stdout.write(renderFormat(format, rows, { headers: IMAGE_HEADERS }));
      return 0;
    },
  };
}

export const imagesTopCommand = imagesCommand('images');
export const imageLsCommand = imagesCommand('image ls');
