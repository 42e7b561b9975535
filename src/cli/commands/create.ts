/** `docker create`: the container is made (and its image found or pulled), not started; prints the id. */
import type { CommandSpec } from '../command.ts';
import { CREATE_FLAGS } from './container/run-flags.ts';
import { RunOptionsError, runRequest } from './container/create-options.ts';
import { createContainer } from './container/run-support.ts';

export const createCommand: CommandSpec = {
  name: 'create',
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create a new container',
  aliases: ['docker container create', 'docker create'],
  flags: CREATE_FLAGS,
  args: { kind: 'min', n: 1 },
  interspersed: false,
  async run(ctx, parsed) {
    const [image, ...cmd] = parsed.args;
    let req;
    try {
      req = runRequest(ctx, parsed, image!, cmd);
    } catch (e) {
      if (!(e instanceof RunOptionsError)) throw e;
      ctx.stderr.write(`${e.message}\n`);
      return 125;
    }
    const id = await createContainer(ctx, req.create);
    ctx.stdout.write(`${id}\n`);
    return 0;
  },
};
