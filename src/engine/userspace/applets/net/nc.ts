/**
 * nc: BusyBox's netcat. `nc HOST PORT` connects and copies stdin to the
 * connection and the connection to stdout; `nc -l -p PORT` waits for one
 * connection and does the same (`-lk` keeps accepting). `-z` only checks
 * the port, `-v` says so, `-w SECS` bounds the connect. When stdin ends the
 * sending side is shut down, so the peer sees end of file.
 */
import { defineApplet } from '../registry.ts';
import type { AppletIO } from '../lib/applet-io.ts';
import { optValue, parseOptions } from '../lib/options.ts';
import { NetError } from '../../net/net.ts';
import type { Socket } from '../../net/net.ts';
import { connectOrReport, netOf, resolveOrReport } from './common.ts';

/** Copies both ways until the connection closes. */
async function relay(io: AppletIO, sock: Socket): Promise<void> {
  const up = (async () => {
    try {
      for (;;) {
        const b = await io.proc.read(0);
        if (b === null) break;
        await sock.write(b, io.proc);
      }
    } catch {
      // stdin closed or peer gone
    }
    sock.shutdownWrite();
  })();
  for (;;) {
    const b = await io.proc.wait(sock.read(65536, io.proc));
    if (b === null) break;
    await io.outBytes(b);
  }
  sock.close();
  void up;
}

export const nc = defineApplet('nc', async (io, argv) => {
  const o = parseOptions(argv.slice(1), 'lkzvnp:w:s:');
  const net = netOf(io);
  if (o.flags.has('l')) {
    const port = Number(optValue(o, 'p') ?? o.args[0] ?? '0');
    let l;
    try {
      l = net.listen(port);
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      await io.err(`bind: ${e.text}`);
      return 1;
    }
    try {
      do {
        const s = await io.proc.wait(l.accept(io.proc));
        if (!s) break;
        if (o.flags.has('v')) await io.proc.write(2, `connect to ${s.local.ip}:${port} from ${s.remote.ip}:${s.remote.port} (${s.remote.ip}:${s.remote.port})\n`);
        await relay(io, s);
      } while (o.flags.has('k'));
    } finally {
      l.close();
    }
    return 0;
  }
  const [host, portText] = o.args;
  if (host === undefined || portText === undefined) {
    await io.usage();
    return 1;
  }
  const ip = await resolveOrReport(io, host);
  if (ip === null) return 1;
  const port = Number(portText);
  if (o.flags.has('z')) {
    try {
      const s = await io.proc.wait(net.connect(ip, port));
      s.close();
      if (o.flags.has('v')) await io.proc.write(2, `${host} (${ip}:${port}) open\n`);
      return 0;
    } catch (e) {
      if (!(e instanceof NetError)) throw e;
      if (o.flags.has('v')) await io.err(`${host} (${ip}:${port}): ${e.text}`);
      return 1;
    }
  }
  const s = await connectOrReport(io, ip, port);
  if (!s) return 1;
  await relay(io, s);
  return 0;
});
