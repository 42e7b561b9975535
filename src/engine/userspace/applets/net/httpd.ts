/**
 * httpd: BusyBox's web server (`httpd [-f] [-v] [-p [IP:]PORT] [-h HOME]`),
 * serving files from HOME (default the current directory). Without `-f` it
 * forks into the background and the command returns at once.
 *
 * The same binary name runs the httpd image's Apache stand-in: invoked with
 * Apache's `-D`/`-DFOREGROUND` option it serves /usr/local/apache2/htdocs on
 * port 80 with Apache's headers and log lines. Simplification: BusyBox's
 * httpd would reject `-D`; Layerlab tells the two apart by it.
 */
import { defineApplet } from '../registry.ts';
import type { AppletIO } from '../lib/applet-io.ts';
import { parseOptions, optValue } from '../lib/options.ts';
import { SIGNALS } from '../../process/signals.ts';
import { netOf } from './common.ts';
import { serveHttp } from './serve.ts';
import { APACHE_VERSION, serveStatic } from './static-site.ts';

const APACHE_ROOT = '/usr/local/apache2/htdocs';

function fakeTime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')} ${d.getUTCFullYear()}`;
}

async function apache(io: AppletIO): Promise<number> {
  const net = netOf(io);
  const ip = net.interfaces().find((i) => i.name !== 'lo')?.ip ?? '127.0.0.1';
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
  const now = fakeTime(io.proc.kernel.scheduler.now());
  await io.proc.write(2, fqdn + fqdn);
  await io.proc.write(2, `[${now}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${APACHE_VERSION} (Unix) configured -- resuming normal operations\n`);
  await io.proc.write(2, `[${now}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
  return serveHttp(io, () => net.listen(80), (sock, req) => serveStatic(io, sock, req, APACHE_ROOT, 'apache', true), [SIGNALS.WINCH, SIGNALS.TERM]);
}

export const httpd = defineApplet('httpd', async (io, argv) => {
  if (argv.slice(1).some((a) => a.startsWith('-D'))) return apache(io);
  const o = parseOptions(argv.slice(1), 'ifvmeudcrh:p:u:');
  const home = io.path(optValue(o, 'h') ?? '.');
  const spec = optValue(o, 'p') ?? '80';
  const port = Number(spec.includes(':') ? spec.slice(spec.lastIndexOf(':') + 1) : spec);
  const verbose = (o.flags.get('v') ?? 0) > 0;
  const net = netOf(io);
  const run = () =>
    serveHttp(io, () => net.listen(port), async (sock, req) => {
      if (verbose) await io.proc.write(2, `${sock.remote.ip}:${sock.remote.port}: url:${req.path}\n`).catch(() => {});
      await serveStatic(io, sock, req, home, 'busybox', false);
    });
  if (o.flags.has('f')) return run();
  // Bind now (so a busy port is reported), then serve from a background child, as BusyBox daemonizes.
  let probe;
  try {
    probe = net.listen(port);
  } catch {
    await io.err('bind: Address in use');
    return 1;
  }
  probe.close();
  io.proc.kernel.fork(io.proc, async () => run());
  return 0;
});
