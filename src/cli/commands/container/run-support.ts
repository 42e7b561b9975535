/**
 * What `docker run` and `docker create` share: creating the container
 * (pulling a missing image first, once the engine can pull), and docker/cli's
 * error reporting with exit codes (cli/command/container/run.go toStatusError).
 */
import type { ContainerCreateOptions } from '../../../api/containers.ts';
import type { EngineApi } from '../../../api/engine-api.ts';
import { isEngineError } from '../../../api/errors.ts';
import type { CliContext } from '../../io.ts';

/**
 * The pull a missing image triggers (`Unable to find image 'x:latest'
 * locally`, then the pull progress). A seam: it is used as soon as the
 * registry work adds `imagePull` to EngineApi; until then base images are
 * made present by the engine itself and other names fail with "No such image".
 */
export type PullMissing = (ref: string, ctx: CliContext) => Promise<void>;

function pullerOf(api: EngineApi): PullMissing | undefined {
  const pull = (api as { imagePull?: (ref: string) => Promise<unknown> }).imagePull;
  if (typeof pull !== 'function') return undefined;
  return async (ref, ctx) => {
    ctx.stderr.write(`Unable to find image '${familiar(ref)}' locally\n`);
    await pull.call(api, ref);
  };
}

/** `busybox` → `busybox:latest`, as the CLI names the reference it could not find. */
function familiar(ref: string): string {
  const lastSlash = ref.lastIndexOf('/');
  return ref.includes('@') || ref.slice(lastSlash + 1).includes(':') ? ref : `${ref}:latest`;
}

/** Creates the container; a missing image is pulled first when the engine can pull. */
export async function createContainer(ctx: CliContext, create: ContainerCreateOptions): Promise<string> {
  try {
    return (await ctx.api.containerCreate(create)).Id;
  } catch (e) {
    const pull = pullerOf(ctx.api);
    if (!pull || !isEngineError(e) || e.code !== 'NotFound' || !e.message.startsWith('No such image')) throw e;
    await pull(create.Image, ctx);
    return (await ctx.api.containerCreate(create)).Id;
  }
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
