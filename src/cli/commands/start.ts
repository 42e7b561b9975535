/**
 * `docker start`: starts each container and prints its name; with `-a`, one
 * container in the foreground (its output, its exit status), as `docker run`.
 */
import { isEngineError } from '../../api/errors.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';
import { statusCodeOf } from './container/run-support.ts';

export const startCommand: CommandSpec = {
  name: 'start',
  use: '[OPTIONS] CONTAINER [CONTAINER...]',
  short: 'Start one or more stopped containers',
  aliases: ['docker container start', 'docker start'],
  flags: [
    { name: 'attach', shorthand: 'a', kind: 'bool', usage: 'Attach STDOUT/STDERR and forward signals' },
    { name: 'checkpoint', kind: 'string', usage: 'Restore from this checkpoint' },
    { name: 'checkpoint-dir', kind: 'string', usage: 'Use a custom checkpoint storage directory' },
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'interactive', shorthand: 'i', kind: 'bool', usage: "Attach container's STDIN" },
  ],
  args: { kind: 'min', n: 1 },
  async run(ctx, parsed) {
    const attach = flagBool(parsed, 'attach') || flagBool(parsed, 'interactive');
    if (attach) {
      if (parsed.args.length > 1) {
        ctx.stderr.write('you cannot start and attach multiple containers at once\n');
        return 1;
      }
      const ref = parsed.args[0]!;
      const stream = await ctx.api.containerAttach(ref, { stdout: true, stderr: true }, (chunks) => {
        for (const c of chunks) (c.fd === 1 ? ctx.stdout : ctx.stderr).write(c.data);
      });
      const exited = ctx.api.containerWait(ref, 'next-exit');
      try {
        await ctx.api.containerStart(ref);
      } catch (e) {
        void exited.catch(() => {});
        await ctx.api.streamClose(stream.streamId);
        if (!isEngineError(e)) throw e;
        ctx.stderr.write(`Error response from daemon: ${e.message}\n`);
        return statusCodeOf(e.message) === 125 ? 1 : statusCodeOf(e.message);
      }
      const { StatusCode } = await exited;
      await ctx.api.streamClose(stream.streamId);
      return StatusCode;
    }
    const failed: string[] = [];
    for (const ref of parsed.args) {
      try {
        await ctx.api.containerStart(ref);
        ctx.stdout.write(`${ref}\n`);
      } catch (e) {
        if (!isEngineError(e)) throw e;
        ctx.stderr.write(`Error response from daemon: ${e.message}\n`);
        failed.push(ref);
      }
    }
    if (failed.length === 0) return 0;
    ctx.stderr.write(`Error: failed to start containers: ${failed.join(', ')}\n`);
    return 1;
  },
};
