/** `docker load` / `docker image load`: the archive comes from a host file (-i). */
import type { CommandSpec } from '../command.ts';
import { flagString } from '../flags.ts';
import { PLATFORM_FLAG, PLATFORM_USAGE } from './image/flags.ts';

function loadCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS]',
    short: 'Load an image from a tar archive or STDIN',
    aliases: ['docker image load', 'docker load'],
    args: { kind: 'none' },
    flags: [
      { name: 'input', shorthand: 'i', kind: 'string', usage: 'Read from tar archive file, instead of STDIN' },
      PLATFORM_FLAG(`Load only the given platform variant. ${PLATFORM_USAGE}`),
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Suppress the load output' },
    ],
    async run(ctx, parsed) {
      const input = flagString(parsed, 'input') ?? '';
      if (input === '') {
        // Simplification: no stdin stream reaches commands yet, which docker reports like a terminal stdin.
        ctx.stderr.write('requested load from stdin, but stdin is empty\n');
        return 1;
      }
      if (!ctx.files) {
        ctx.stderr.write('Layerlab: this terminal has no host files yet; docker load -i works in `layerlab docker`\n');
        return 1;
      }
      let tar: Uint8Array;
      try {
        tar = ctx.files.readFile(input);
      } catch (e) {
        ctx.stderr.write(`${(e as Error).message}\n`);
        return 1;
      }
      const result = await ctx.api.imageLoad(tar);
      for (const line of result.messages) ctx.stdout.write(`${line}\n`);
      return 0;
    },
  };
}

export const loadTopCommand = loadCommand('load');
export const imageLoadCommand = loadCommand('image load');
