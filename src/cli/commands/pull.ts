/**
 * `docker pull` / `docker image pull`: `POST /images/create`, its progress
 * stream rendered as the docker CLI renders it (pullOutput: `Using default
 * tag`, the layer statuses, `Digest`, `Status`, the full reference).
 */
import { isEngineError } from '../../api/errors.ts';
import type { ProgressMessage } from '../../api/images.ts';
import { pullOutput } from '../../engine/registry/cli-text.ts';
import { registryAuthFor } from '../client-config.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool, flagString } from '../flags.ts';
import type { CliContext } from '../io.ts';
import { PLATFORM_FLAG } from './image/flags.ts';
import { LiveScreen } from '../format/live-screen.ts';

/** Pulls `ref` and prints what `docker pull` prints; 1 for a failure inside the stream, a daemon error before it propagates. */
export async function pullAndPrint(ctx: CliContext, ref: string, options: { quiet?: boolean; platform?: string; allTags?: boolean } = {}): Promise<number> {
  const messages: ProgressMessage[] = [];
  const auth = registryAuthFor(ctx, ref);
  const opts = { quiet: options.quiet === true, tty: ctx.isTTY === true, allTags: options.allTags === true };
  // On a terminal the layers' bars move as bytes arrive; elsewhere the lines are printed at the end.
  const screen = opts.tty && !opts.quiet ? new LiveScreen((s) => ctx.stdout.write(s)) : undefined;
  const onBatch = (batch: readonly ProgressMessage[]) => {
    messages.push(...batch);
    screen?.draw(pullOutput(ref, messages, opts).slice(0, -1));
  };
  try {
    await ctx.api.imagePull(ref, onBatch, {
      ...(options.platform !== undefined ? { platform: options.platform } : {}),
      ...(auth ? { registryAuth: auth } : {}),
      ...(options.allTags ? { allTags: true } : {}),
    });
  } catch (e) {
    // What docker shows before the error: the CLI's own first line and the statuses that arrived; not the final reference.
    if (screen) screen.draw(pullOutput(ref, messages, opts).slice(0, -1));
    else if (!opts.quiet) for (const line of pullOutput(ref, messages, opts).slice(0, -1)) ctx.stdout.write(`${line}\n`);
    // A failure before the stream began is the HTTP answer (`Error response from daemon: …`); one inside it prints as it is.
    if (!isEngineError(e) || messages.length === 0) throw e;
    ctx.stderr.write(`${e.message}\n`);
    return 1;
  }
  if (screen) screen.draw(pullOutput(ref, messages, opts));
  else for (const line of pullOutput(ref, messages, opts)) ctx.stdout.write(`${line}\n`);
  return 0;
}

function pullCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] NAME[:TAG|@DIGEST]',
    short: 'Download an image from a registry',
    aliases: ['docker image pull', 'docker pull'],
    args: { kind: 'exact', n: 1 },
    flags: [
      { name: 'all-tags', shorthand: 'a', kind: 'bool', usage: 'Download all tagged images in the repository' },
      { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', defaultValue: 'true' },
      PLATFORM_FLAG('Set platform if server is multi-platform capable'),
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Suppress verbose output' },
    ],
    async run(ctx, parsed) {
      const ref = parsed.args[0]!;
      const allTags = flagBool(parsed, 'all-tags');
      const lastSlash = ref.lastIndexOf('/');
      if (allTags && (ref.includes('@') || ref.slice(lastSlash + 1).includes(':'))) {
        ctx.stderr.write("tag can't be used with --all-tags/-a\n");
        return 1;
      }
      const platform = flagString(parsed, 'platform');
      return pullAndPrint(ctx, ref, { quiet: flagBool(parsed, 'quiet'), ...(platform ? { platform } : {}), ...(allTags ? { allTags } : {}) });
    },
  };
}

export const pullTopCommand = pullCommand('pull');
export const imagePullCommand = pullCommand('image pull');
