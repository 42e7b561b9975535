/** `docker save` / `docker image save`: the archive goes to a host file (-o). */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { writeArchive } from './archive-output.ts';
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
    run(ctx, parsed) {
      return writeArchive(ctx, 'save', flagString(parsed, 'output') ?? '', 'failed to save image', () => ctx.api.imageSave(parsed.args));
    },
  };
}

export const saveTopCommand = saveCommand('save');
export const imageSaveCommand = saveCommand('image save');
