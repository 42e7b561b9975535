/**
 * The nginx image's /usr/sbin/nginx stand-in: `nginx -g 'daemon off;'`
 * serves /usr/share/nginx/html on port 80 (as the image's default.conf
 * says), logs each request to stdout in nginx's combined format, and stops
 * with status 0 on SIGQUIT (the image's STOPSIGNAL) or SIGTERM. `nginx -v`,
 * `-V` and `-t` answer as nginx does.
 *
 * Simplification: the configuration is not read; the default site is served.
 */
import { defineStandaloneProgram } from '../registry.ts';
import { SIGNALS } from '../../process/signals.ts';
import { netOf } from './common.ts';
import { serveHttp } from './serve.ts';
import { NGINX_VERSION, serveStatic } from './static-site.ts';

const two = (n: number) => String(n).padStart(2, '0');

function logTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

export const nginx = defineStandaloneProgram('nginx', async (io, argv) => {
  const args = argv.slice(1);
  if (args.includes('-v')) {
    await io.proc.write(2, `nginx version: nginx/${NGINX_VERSION}\n`);
    return 0;
  }
  if (args.includes('-V')) {
    await io.proc.write(2, `nginx version: nginx/${NGINX_VERSION}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) \nbuilt with OpenSSL 3.0.17 1 Jul 2025\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx\n`);
    return 0;
  }
  if (args.includes('-t')) {
    await io.proc.write(2, 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    return 0;
  }
  const t = logTime(io.proc.kernel.scheduler.now());
  const pid = io.proc.pid;
  const notice = (m: string) => `${t} [notice] ${pid}#${pid}: ${m}\n`;
  await io.proc.write(
    2,
    notice('using the "epoll" event method') + notice(`nginx/${NGINX_VERSION}`) + notice('built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1) ') +
      notice('OS: Linux 6.10.14-linuxkit') + notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576') + notice('start worker processes') + notice(`start worker process ${pid + 28}`),
  );
  const net = netOf(io);
  return serveHttp(io, () => net.listen(80), (sock, req) => serveStatic(io, sock, req, '/usr/share/nginx/html', 'nginx', true), [SIGNALS.QUIT, SIGNALS.TERM, SIGNALS.INT]);
});
