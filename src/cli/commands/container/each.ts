/**
 * docker/cli's pattern for commands over several containers (stop, kill, rm,
 * pause, unpause run in parallel, as parallelOperation does; restart one
 * after another): results are reported in argument order, each success as
 * the name the user typed; the failures are printed together at the end
 * (errors.Join) and the exit status is 1.
 */
import { isEngineError } from '../../../api/errors.ts';
import type { CliContext } from '../../io.ts';

export async function forEachContainer(
  ctx: CliContext,
  refs: readonly string[],
  op: (ref: string) => Promise<void>,
  opts: { parallel?: boolean } = {},
): Promise<number> {
  const run = (ref: string) => op(ref).then(
    () => null,
    (e: unknown) => {
      if (!isEngineError(e)) throw e;
      return `Error response from daemon: ${e.message}`;
    },
  );
  const started = (opts.parallel ?? true) ? refs.map(run) : null;
  const errors: string[] = [];
  for (const [i, ref] of refs.entries()) {
    const error = started ? await started[i]! : await run(ref);
    if (error === null) ctx.stdout.write(`${ref}\n`);
    else errors.push(error);
  }
  if (errors.length === 0) return 0;
  ctx.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}
