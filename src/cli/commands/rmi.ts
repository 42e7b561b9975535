/** `docker rmi` / `docker image rm` / `docker image remove`. */
import { isEngineError } from '../../api/index.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';

function rmiCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] IMAGE [IMAGE...]',
    short: 'Remove one or more images',
    aliases: ['docker image rm', 'docker image remove', 'docker rmi'],
    args: { kind: 'min', n: 1 },
    flags: [
      { name: 'force', shorthand: 'f', kind: 'bool', usage: 'Force removal of the image' },
      { name: 'no-prune', kind: 'bool', usage: 'Do not delete untagged parents' },
      {
        name: 'platform',
        kind: 'list',
        valueName: 'strings',
        usage: 'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")',
      },
    ],
    async run(ctx, parsed) {
      const force = flagBool(parsed, 'force');
      const errors: string[] = [];
      for (const ref of parsed.args) {
        try {
          const records = await ctx.api.imageRemove(ref, { force, noPrune: flagBool(parsed, 'no-prune') });
          for (const r of records) ctx.stdout.write('Deleted' in r ? `Deleted: ${r.Deleted}\n` : `Untagged: ${r.Untagged}\n`);
        } catch (e) {
          if (!isEngineError(e)) throw e;
          // With --force, images that are already gone are not an error (docker/cli image/remove.go).
          if (e.code !== 'NotFound' || !force) errors.push(`Error response from daemon: ${e.message}`);
        }
      }
      if (errors.length === 0) return 0;
      ctx.stderr.write(`${errors.join('\n')}\n`);
      return 1;
    },
  };
}

export const rmiTopCommand = rmiCommand('rmi');
export const imageRmCommand = rmiCommand('image rm');
