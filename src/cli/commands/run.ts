/**
 * `docker run`: create, attach, wait, start (docker/cli runContainer). In the
 * foreground the container's output streams to the terminal and the exit
 * status is the container's; `-d` prints the id; daemon errors print as
 * `docker: Error response from daemon: …` with 125/126/127.
 */
import { usageHint, type CommandSpec } from '../command.ts';
import { RUN_FLAGS } from './container/run-flags.ts';
import { RunOptionsError, runRequest } from './container/create-options.ts';
import { createContainer, reportRunError } from './container/run-support.ts';
import { forwardStdin } from './container/stdin.ts';

export const runCommand: CommandSpec = {
  name: 'run',
  use: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
  short: 'Create and run a new container from an image',
  aliases: ['docker container run', 'docker run'],
  flags: RUN_FLAGS,
  args: { kind: 'min', n: 1 },
  interspersed: false,
  async run(ctx, parsed) {
    const [image, ...cmd] = parsed.args;
    let req;
    try {
      req = runRequest(ctx, parsed, image!, cmd);
    } catch (e) {
      if (!(e instanceof RunOptionsError)) throw e;
      if (e.message.startsWith('Layerlab:')) ctx.stderr.write(`${e.message}\n`);
      // A bad flag value is pflag's error, printed with the usage block.
      else if (e.message.startsWith('invalid argument "')) ctx.stderr.write(`${e.message}\n${usageHint(runCommand)}`);
      else ctx.stderr.write(`docker: ${e.message}\n\nRun 'docker run --help' for more information\n`);
      return 125;
    }
    if (req.tty && req.interactive && !req.detach && !ctx.isTTY) {
      ctx.stderr.write('the input device is not a TTY\n');
      return 1;
    }
    let id: string;
    try {
      id = await createContainer(ctx, req.create);
    } catch (e) {
      return reportRunError(ctx, 'run', e);
    }
    if (req.detach) {
      // docker/cli prints the id as soon as the container exists, so a failed start still shows it.
      ctx.stdout.write(`${id}\n`);
      try {
        await ctx.api.containerStart(id);
      } catch (e) {
        return reportRunError(ctx, 'run', e);
      }
      return 0;
    }
    const stream = await ctx.api.containerAttach(id, { stdin: req.interactive, stdout: true, stderr: true }, (chunks) => {
      for (const c of chunks) (c.fd === 1 ? ctx.stdout : ctx.stderr).write(c.data);
    });
    // Wait before start: with --rm the container may be gone by the time start returns.
    const exited = ctx.api.containerWait(id, req.autoRemove ? 'removed' : 'next-exit');
    try {
      await ctx.api.containerStart(id);
    } catch (e) {
      void exited.catch(() => {});
      await ctx.api.streamClose(stream.streamId).catch(() => {});
      return reportRunError(ctx, 'run', e);
    }
    const stopInput = req.interactive ? await forwardStdin(ctx, stream.streamId) : () => {};
    const { StatusCode } = await exited;
    stopInput();
    await ctx.api.streamClose(stream.streamId).catch(() => {});
    return StatusCode;
  },
};
