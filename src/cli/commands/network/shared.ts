/** What the network and volume commands share with each other (and `docker run`'s labels). */
import { isEngineError } from '../../../api/errors.ts';
import { renderFormat } from '../../format/table.ts';
import type { CliContext } from '../../io.ts';
import { goIndentedJson } from '../image/inspect-output.ts';

/** `--label k=v` / `--label k` values as a map (a bare key has an empty value). */
export function labelMap(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of values) {
    const eq = l.indexOf('=');
    out[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
  }
  return out;
}

/**
 * docker/cli's inspect loop: every object found prints (as a 4-space indented
 * JSON array, or through `--format`), then each failure as a daemon error;
 * the status is 1 if any failed.
 */
export async function inspectEach<T>(ctx: CliContext, refs: readonly string[], fetch: (ref: string) => Promise<T>, format: string | undefined): Promise<number> {
  const found: T[] = [];
  const errors: string[] = [];
  for (const ref of refs) {
    try {
      found.push(await fetch(ref));
    } catch (e) {
      if (!isEngineError(e)) throw e;
      errors.push(`Error response from daemon: ${e.message}`);
    }
  }
  ctx.stdout.write(format ? renderFormat(format, found) : `${goIndentedJson(found)}\n`);
  if (errors.length === 0) return 0;
  ctx.stderr.write(`${errors.join('\n')}\n`);
  return 1;
}

/** Prints `Error response from daemon: …` for each failure; the exit status is 1 if any failed. */
export async function forEachRef(ctx: CliContext, refs: readonly string[], fn: (ref: string) => Promise<void>): Promise<number> {
  let status = 0;
  for (const ref of refs) {
    try {
      await fn(ref);
    } catch (e) {
      if (!isEngineError(e)) throw e;
      ctx.stderr.write(`Error response from daemon: ${e.message}\n`);
      status = 1;
    }
  }
  return status;
}
