/**
 * docker/cli's pattern for commands over several containers (stop, kill, rm,
 * restart, pause, …): each success prints the name as the user typed it;
 * the failures are printed together at the end (errors.Join) and the exit
 * status is 1.
 */
import { isEngineError } from '../../../api/errors.ts';
import type { CliContext } from '../../io.ts';

export async function forEachContainer(ctx: CliContext, refs: readonly string[], op: (ref: string) => Promise<void>): Promise<number> {
  const errors: string[] = [];
  for (const ref of refs) {
    try {
      await op(ref);
      ctx.stdout.write(`${ref}\n`);
    } catch (e) {
      if (!isEngineError(e)) throw e;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  if (errors.length === 0) return 0;
  ctx.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}
