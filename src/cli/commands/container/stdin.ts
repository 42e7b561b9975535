/**
 * Connects the terminal's keyboard (the optional CliInput capability) to an
 * attached stream's stdin. Without a keyboard, stdin gets end of input at
 * once, as `docker run -i` with an empty pipe does.
 */
import type { CliContext } from '../../io.ts';

export async function forwardStdin(ctx: CliContext, streamId: string): Promise<() => void> {
  if (!ctx.stdin) {
    await ctx.api.streamInput(streamId, null).catch(() => {});
    return () => {};
  }
  return ctx.stdin.subscribe((text) => {
    void ctx.api.streamInput(streamId, text).catch(() => {});
  });
}
