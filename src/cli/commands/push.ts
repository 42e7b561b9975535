/**
 * `docker push` / `docker image push`: `POST /images/{name}/push` with the
 * credentials config.json holds for the image's registry, the progress
 * stream rendered by pushOutput (`The push refers to repository […]`,
 * `Pushed` / `Layer already exists` / `Mounted from …`, the digest line).
 */
import { isEngineError } from '../../api/errors.ts';
import type { ProgressMessage } from '../../api/images.ts';
import { pushOutput } from '../../engine/registry/cli-text.ts';
import { registryAuthFor } from '../client-config.ts';
import type { CommandSpec } from '../command.ts';
import { flagBool } from '../flags.ts';
import type { CliContext } from '../io.ts';
import { LiveScreen } from '../format/live-screen.ts';

/**
 * Pushes and prints; 1 when the push failed. dockerd reports push failures
 * inside the progress stream (after `The push refers to repository`), so the
 * CLI prints them as they are (`denied: requested access to the resource is
 * denied`), without `Error response from daemon:`.
 */
async function pushAndPrint(ctx: CliContext, ref: string, quiet: boolean): Promise<number> {
  const messages: ProgressMessage[] = [];
  const auth = registryAuthFor(ctx, ref);
  const tty = ctx.isTTY === true;
  // On a terminal the layers' bars move as bytes arrive; elsewhere the lines are printed at the end.
  const screen = tty && !quiet ? new LiveScreen((s) => ctx.stdout.write(s)) : undefined;
  const print = () => {
    if (screen) screen.draw(pushOutput(ref, messages, { quiet, tty }));
    else for (const line of pushOutput(ref, messages, { quiet, tty })) ctx.stdout.write(`${line}\n`);
  };
  const onBatch = (batch: readonly ProgressMessage[]) => {
    messages.push(...batch);
    screen?.draw(pushOutput(ref, messages, { quiet, tty }));
  };
  try {
    await ctx.api.imagePush(ref, onBatch, auth ? { registryAuth: auth } : {});
  } catch (e) {
    if (!isEngineError(e) || messages.length === 0) throw e;
    if (!quiet) print();
    ctx.stderr.write(`${e.message}\n`);
    return 1;
  }
  print();
  return 0;
}

/** The local tags of `repository` (`alice/tools` → `alice/tools:v1`, …), for `--all-tags`. */
async function localTags(ctx: CliContext, repository: string): Promise<string[]> {
  const images = await ctx.api.imageList({ filters: { reference: [repository] } });
  return images.flatMap((i) => i.RepoTags).filter((t) => t.slice(0, t.lastIndexOf(':')) === repository).sort();
}

function pushCommand(name: string): CommandSpec {
  return {
    name,
    use: '[OPTIONS] NAME[:TAG]',
    short: 'Upload an image to a registry',
    aliases: ['docker image push', 'docker push'],
    args: { kind: 'exact', n: 1 },
    flags: [
      { name: 'all-tags', shorthand: 'a', kind: 'bool', usage: 'Push all tags of an image to the repository' },
      { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image signing', defaultValue: 'true' },
      {
        name: 'platform',
        kind: 'string',
        valueName: 'string',
        usage:
          "Push a platform-specific manifest as a single-platform image to the registry.\nImage index won't be pushed, meaning that other manifests, including attestations won't be preserved.\n'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
      },
      { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Suppress verbose output' },
    ],
    async run(ctx, parsed) {
      const ref = parsed.args[0]!;
      const quiet = flagBool(parsed, 'quiet');
      if (!flagBool(parsed, 'all-tags')) {
        return pushAndPrint(ctx, ref, quiet);
      }
      const lastSlash = ref.lastIndexOf('/');
      if (ref.includes('@') || ref.slice(lastSlash + 1).includes(':')) {
        ctx.stderr.write('tag can\'t be used with --all-tags/-a\n');
        return 1;
      }
      const tags = await localTags(ctx, ref);
      if (tags.length === 0) {
        ctx.stderr.write(`An image does not exist locally with the tag: ${ref}\n`);
        return 1;
      }
      // Simplification: one push per tag, each with its own output, where docker streams them as one.
      for (const tag of tags) if ((await pushAndPrint(ctx, tag, quiet)) !== 0) return 1;
      return 0;
    },
  };
}

export const pushTopCommand = pushCommand('push');
export const imagePushCommand = pushCommand('image push');
