/**
 * `docker exec`: a new process in a running container's PID namespace
 * (not a child of PID 1), with the container's environment plus `-e`, its
 * working directory unless `-w`, its user unless `-u`. A program runc cannot
 * start reports `OCI runtime exec failed: …` with 126/127.
 */
import type { CommandSpec } from '../command.ts';
import { flagBool, flagList, flagString } from '../flags.ts';
import { getenv } from '../io.ts';
import { forwardStdin } from './container/stdin.ts';

export const execCommand: CommandSpec = {
  name: 'exec',
  use: '[OPTIONS] CONTAINER COMMAND [ARG...]',
  short: 'Execute a command in a running container',
  aliases: ['docker container exec', 'docker exec'],
  flags: [
    { name: 'detach', shorthand: 'd', kind: 'bool', usage: 'Detached mode: run command in the background' },
    { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
    { name: 'env', shorthand: 'e', kind: 'list', usage: 'Set environment variables' },
    { name: 'env-file', kind: 'list', usage: 'Read in a file of environment variables' },
    { name: 'interactive', shorthand: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
    { name: 'privileged', kind: 'bool', usage: 'Give extended privileges to the command' },
    { name: 'tty', shorthand: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
    { name: 'user', shorthand: 'u', kind: 'string', usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { name: 'workdir', shorthand: 'w', kind: 'string', usage: 'Working directory inside the container' },
  ],
  args: { kind: 'min', n: 2 },
  interspersed: false,
  async run(ctx, parsed) {
    const [ref, ...cmd] = parsed.args as [string, ...string[]];
    const detach = flagBool(parsed, 'detach');
    const interactive = flagBool(parsed, 'interactive');
    const tty = flagBool(parsed, 'tty');
    if (tty && interactive && !detach && !ctx.isTTY) {
      ctx.stderr.write('the input device is not a TTY\n');
      return 1;
    }
    const env: string[] = [];
    for (const e of flagList(parsed, 'env')) {
      if (e.includes('=')) env.push(e);
      else {
        const v = getenv(ctx, e);
        if (v !== undefined) env.push(`${e}=${v}`);
      }
    }
    const user = flagString(parsed, 'user');
    const workdir = flagString(parsed, 'workdir');
    const { Id } = await ctx.api.execCreate(ref, {
      Cmd: cmd,
      ...(env.length > 0 ? { Env: env } : {}),
      ...(user !== undefined ? { User: user } : {}),
      ...(workdir !== undefined ? { WorkingDir: workdir } : {}),
      Tty: tty,
      AttachStdin: interactive && !detach,
      AttachStdout: !detach,
      AttachStderr: !detach,
      Detach: detach,
    });
    if (detach) {
      await ctx.api.execStart(Id, { detach: true });
      return 0;
    }
    const started = ctx.api.execStart(Id, {}, (chunks) => {
      for (const c of chunks) (c.fd === 1 ? ctx.stdout : ctx.stderr).write(c.data);
    });
    const stopInput = interactive ? await forwardStdin(ctx, Id) : () => {};
    await started;
    stopInput();
    const inspect = await ctx.api.execInspect(Id);
    return inspect.ExitCode ?? 0;
  },
};
