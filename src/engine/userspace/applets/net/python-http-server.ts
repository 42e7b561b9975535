/**
 * `python3 -m http.server [PORT] [--bind ADDR] [--directory DIR]`: Python's
 * SimpleHTTPRequestHandler over the simulated network: files from the
 * directory (default the working directory), `index.html` for a directory
 * or else a listing, one log line per request on stderr in Python's format.
 *
 * The start line goes to stdout, which Python buffers when it is not a
 * terminal: in `docker logs` it shows only with `-u`/PYTHONUNBUFFERED=1 or
 * `-t`, the classic surprise this reproduces. Python does not handle
 * SIGTERM, so as PID 1 `docker stop` waits for its grace period.
 */
import type { AppletIO } from '../lib/applet-io.ts';
import { lookupStatic, mimeType, writeResponse } from '../../net/http.ts';
import { netOf, httpDate } from './common.ts';
import { serveHttp } from './serve.ts';

const two = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function logTime(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

function listing(io: AppletIO, dir: string, urlPath: string): string {
  const names = io.proc.vfs.readdir(dir).map((e) => (e.type === 'dir' ? `${e.name}/` : e.name)).sort();
  const title = `Directory listing for ${urlPath}`;
  const items = names.map((n) => `<li><a href="${encodeURI(n)}">${n}</a></li>\n`).join('');
  return `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<h1>${title}</h1>\n<hr>\n<ul>\n${items}</ul>\n<hr>\n</body>\n</html>\n`;
}

/** Runs the server; `args` are the words after `-m http.server`; `unbuffered` is `-u` or PYTHONUNBUFFERED. */
export async function pythonHttpServer(io: AppletIO, args: readonly string[], unbuffered: boolean): Promise<number> {
  let port = 8000;
  let dir = '.';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--directory' || a === '-d') dir = args[++i] ?? '.';
    else if (a === '--bind' || a === '-b') i++;
    else if (/^\d+$/.test(a)) port = Number(a);
  }
  const root = io.path(dir);
  const version = io.proc.getenv('PYTHON_VERSION') ?? '3.13.9';
  const server = `SimpleHTTP/0.6 Python/${version}`;
  if (unbuffered) await io.proc.write(1, `Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...\n`);
  const net = netOf(io);
  return serveHttp(io, () => net.listen(port), async (sock, req) => {
    const now = io.proc.kernel.scheduler.now();
    const path = decodeURIComponent(req.path.split('?')[0]!);
    const base: [string, string][] = [['Server', server], ['Date', httpDate(now)]];
    let status = 200;
    let full = `${root.replace(/\/$/, '')}${path}`;
    let isDir = false;
    try {
      isDir = io.proc.vfs.stat(full).type === 'dir';
    } catch {
      // not found: 404 below
    }
    if (isDir && !path.endsWith('/')) {
      status = 301;
      await writeResponse(sock, io.proc, 301, [...base, ['Location', `${path}/`], ['Content-Length', '0']], '');
    } else if (isDir && lookupStatic(io.proc.vfs, full, '/').status !== 200) {
      const body = listing(io, full, path);
      await writeResponse(sock, io.proc, 200, [...base, ['Content-type', 'text/html; charset=utf-8'], ['Content-Length', String(body.length)]], body, req.method === 'HEAD');
    } else {
      const found = lookupStatic(io.proc.vfs, root, path);
      if (found.status === 200) {
        full = found.path;
        const headers: [string, string][] = [...base, ['Content-type', mimeType(full)], ['Content-Length', String(found.data.length)], ['Last-Modified', httpDate(io.proc.vfs.stat(full).mtimeMs)]];
        await writeResponse(sock, io.proc, 200, headers, found.data, req.method === 'HEAD');
      } else {
        status = 404;
        const body = `<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n    </body>\n</html>\n`;
        await writeResponse(sock, io.proc, 404, [...base, ['Connection', 'close'], ['Content-Type', 'text/html;charset=utf-8'], ['Content-Length', String(body.length)]], body, req.method === 'HEAD');
      }
    }
    const prefix = `${sock.remote.ip} - - [${logTime(now)}] `;
    const log = `${status === 404 ? `${prefix}code 404, message File not found\n` : ''}${prefix}"${req.method} ${req.path} ${req.version}" ${status} -\n`;
    await io.proc.write(2, log).catch(() => {});
  });
}
