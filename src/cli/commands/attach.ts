/**
 * `docker attach`: the terminal joins a running container's streams; it
 * returns when the container stops, with its exit status. The keyboard
 * reaches the container's stdin when it was started with -i (and the host
 * gives the CLI a CliInput). TODO(#7): Ctrl-P Ctrl-Q detaching arrives with
 * the terminal integration (EngineApi streamClose is ready for it).
 */
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';

export const attachCommand: CommandSpec = {
  name: 'attach',
  use: '[OPTIONS] CONTAINER',
  short: 'Attach local standard input, output, and error streams to a running container',
  aliases: ['docker container attach', 'docker attach'],
  flags: [
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'no-stdin', kind: 'bool', usage: 'Do not attach STDIN' },
    { name: 'sig-proxy', kind: 'bool', usage: 'Proxy all received signals to the process', defaultValue: 'true' },
  ],
  args: { kind: 'exact', n: 1 },
  async run(ctx, parsed) {
    const ref = parsed.args[0]!;
    const c = await ctx.api.containerInspect(ref);
    if (!c.State.Running) {
      ctx.stderr.write('You cannot attach to a stopped container, start it first\n');
      return 1;
    }
    const withStdin = c.Config.OpenStdin && !flagBool(parsed, 'no-stdin') && ctx.stdin !== undefined;
    const stream = await ctx.api.containerAttach(ref, { stdin: withStdin, stdout: true, stderr: true }, (chunks) => {
      for (const ch of chunks) (ch.fd === 1 ? ctx.stdout : ctx.stderr).write(ch.data);
    });
    const stopInput = withStdin ? ctx.stdin!.subscribe((text) => void ctx.api.streamInput(stream.streamId, text).catch(() => {})) : () => {};
    const { StatusCode } = await ctx.api.containerWait(ref, 'next-exit');
    stopInput();
    await ctx.api.streamClose(stream.streamId);
    return StatusCode;
  },
};
