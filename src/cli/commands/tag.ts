/** `docker tag` / `docker image tag`. */
import { isEngineError } from '../../api/index.ts';
import type { CommandSpec } from '../command.ts';

function tagCommand(name: string): CommandSpec {
  return {
    name,
    use: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
    short: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
    aliases: ['docker image tag', 'docker tag'],
    args: { kind: 'exact', n: 2 },
    flags: [],
    async run(ctx, parsed) {
      const [source, target] = parsed.args as [string, string];
      try {
        await ctx.api.imageTag(source, target);
      } catch (e) {
        // The docker client parses the target itself before calling the daemon (client.ImageTag).
        if (isEngineError(e) && e.code === 'InvalidParameter' && e.data.argument !== undefined) {
          const text = e.data.argument === 'source' ? source : target;
          ctx.stderr.write(`Error parsing reference: "${text}" is not a valid repository/tag: ${e.message}\n`);
          return 1;
        }
        if (isEngineError(e) && e.message === 'refusing to create a tag with a digest reference') {
          ctx.stderr.write(`${e.message}\n`);
          return 1;
        }
        throw e;
      }
      return 0;
    },
  };
}

export const tagTopCommand = tagCommand('tag');
export const imageTagCommand = tagCommand('image tag');
