/**
 * What `docker run` and `docker create` share: creating the container
 * (pulling a missing image first), and docker/cli's
 * error reporting with exit codes (cli/command/container/run.go toStatusError).
 */
import type { ContainerCreateOptions } from '../../../api/containers.ts';
import { isEngineError } from '../../../api/errors.ts';
import type { ProgressMessage } from '../../../api/images.ts';
import { formatProgress } from '../../../engine/registry/cli-text.ts';
import { registryAuthFor } from '../../client-config.ts';
import type { CliContext } from '../../io.ts';

/**
 * The pull a missing image triggers: `Unable to find image 'x:latest'
 * locally`, then dockerd's pull progress, all on stderr (docker/cli
 * container/create.go pullImage writes to the error stream), without the
 * `docker pull` command's own first and last lines.
 */
async function pullMissing(ref: string, ctx: CliContext): Promise<void> {
  ctx.stderr.write(`Unable to find image '${familiar(ref)}' locally\n`);
  const messages: ProgressMessage[] = [];
  const auth = registryAuthFor(ctx, ref);
  try {
    await ctx.api.imagePull(ref, (batch) => void messages.push(...batch), auth ? { registryAuth: auth } : {});
  } finally {
    for (const line of formatProgress(messages, { tty: ctx.isTTY === true })) ctx.stderr.write(`${line}\n`);
  }
}

/** `busybox` → `busybox:latest`, as the CLI names the reference it could not find. */
function familiar(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  return ref.includes('@') || ref.slice(lastSlash + 1).includes(':') ? ref : `${ref}:latest`;
}

/** Creates the container; a missing image is pulled first. */
export async function createContainer(ctx: CliContext, create: ContainerCreateOptions): Promise<string> {
  try {
    return created(ctx, await ctx.api.containerCreate(create));
  } catch (e) {
    if (!isEngineError(e) || e.code !== 'NotFound' || !e.message.startsWith('No such image')) throw e;
    await pullMissing(create.Image, ctx);
    return created(ctx, await ctx.api.containerCreate(create));
  }
}

/** The daemon's warnings about a new container, as docker/cli prints them (`WARNING: …` on stderr). */
function created(ctx: CliContext, r: { Id: string; Warnings?: readonly string[] | null }): string {
  for (const w of r.Warnings ?? []) ctx.stderr.write(`WARNING: ${w}\n`);
  return r.Id;
}

/** docker/cli toStatusError: 127 not found, 126 cannot invoke, 125 anything else the daemon refused. */
export function statusCodeOf(message: string): number {
  if (message.includes('executable file not found') || message.includes('no such file or directory')) return 127;
  if (message.includes('permission denied') || message.includes('is a directory')) return 126;
  return 125;
}

/** `docker: Error response from daemon: …` plus the help hint, as run prints daemon errors. */
export function reportRunError(ctx: CliContext, command: 'run' | 'create', err: unknown): number {
  if (!isEngineError(err)) throw err;
  ctx.stderr.write(`docker: Error response from daemon: ${err.message}\n\nRun 'docker ${command} --help' for more information\n`);
  return statusCodeOf(err.message);
}
