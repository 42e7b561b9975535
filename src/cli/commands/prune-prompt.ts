import type { ParsedFlags } from '../flags.ts';
import { flagBool } from '../flags.ts';
import type { CliContext } from '../io.ts';

/**
 * The confirmation every `docker … prune` asks before deleting. Without `-f`
 * it prints docker's warning and prompt and answers the default, No: true
 * means the command must stop (exit 1).
 * Simplification: the terminal cannot answer prompts yet.
 */
export function pruneRefused(ctx: CliContext, parsed: ParsedFlags, warning: string): boolean {
  if (flagBool(parsed, 'force')) return false;
  ctx.stdout.write(`${warning}\nAre you sure you want to continue? [y/N] \n`);
  ctx.stderr.write('Layerlab: prompts cannot be answered here yet; run with -f to prune\n');
  return true;
}
