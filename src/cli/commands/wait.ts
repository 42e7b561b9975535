/** `docker wait`: blocks until each container stops, printing its exit code. */
import { isEngineError } from '../../api/errors.ts';
import type { CommandSpec } from '../command.ts';

export const waitCommand: CommandSpec = {
  name: 'wait',
  use: 'CONTAINER [CONTAINER...]',
  short: 'Block until one or more containers stop, then print their exit codes',
  aliases: ['docker container wait', 'docker wait'],
  flags: [],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const errors: string[] = [];
    for (const ref of parsed.args) {
      try {
        const r = await ctx.api.containerWait(ref, 'not-running');
        ctx.stdout.write(`${r.StatusCode}\n`);
      } catch (e) {
        if (!isEngineError(e)) throw e;
        errors.push(`Error response from daemon: ${e.message}`);
      }
    }
    if (errors.length === 0) return 0;
    ctx.stderr.write(`${errors.join('\n')}\n`);
    return 1;
  },
};
