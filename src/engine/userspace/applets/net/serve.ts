/**
 * The accept loop the server programs share (BusyBox httpd, the nginx,
 * Apache and registry stand-ins): bind, then one request per connection,
 * each handled concurrently. Signals a server catches (`catchSignals`) end
 * the loop with status 0, as nginx does on SIGQUIT/SIGTERM; uncaught ones
 * follow the kernel's rules (PID 1 ignores them, so `docker stop` waits).
 */
import type { AppletIO } from '../lib/applet-io.ts';
import { NetError } from '../../net/net.ts';
import type { Socket } from '../../net/net.ts';
import { readRequest } from '../../net/http.ts';
import type { HttpRequest } from '../../net/http.ts';

export type RequestHandler = (sock: Socket, req: HttpRequest) => Promise<void>;

export async function serveHttp(
  io: AppletIO,
  listen: () => { accept: (w: AppletIO['proc']) => Promise<Socket | null>; close: () => void },
  handle: RequestHandler,
  catchSignals: readonly number[] = [],
): Promise<number> {
  let l;
  try {
    l = listen();
  } catch (e) {
    if (!(e instanceof NetError)) throw e;
    await io.err(`bind: ${e.text}`);
    return 1;
  }
  for (const s of catchSignals) io.proc.dispositions.set(s, 'catch');
  try {
    for (;;) {
      let sock: Socket | null = null;
      try {
        sock = await io.proc.wait(l.accept(io.proc), catchSignals.length > 0);
      } catch (e) {
        if ((e as Error).name !== 'Interrupted') throw e;
      }
      if (io.proc.pending.some((s) => catchSignals.includes(s))) return 0;
      if (!sock) continue;
      const s = sock;
      void (async () => {
        try {
          const req = await readRequest(s, io.proc);
          if (req) await handle(s, req);
          else s.close();
        } catch {
          s.close();
        }
      })();
    }
  } finally {
    l.close();
  }
}
