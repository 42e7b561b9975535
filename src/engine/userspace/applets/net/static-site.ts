/**
 * A static file server's answer to one request, in the manner of BusyBox
 * httpd, nginx or Apache (their headers, error pages and access-log lines).
 */
import type { AppletIO } from '../lib/applet-io.ts';
import type { Socket } from '../../net/net.ts';
import { lookupStatic, mimeType, writeResponse } from '../../net/http.ts';
import type { HttpRequest } from '../../net/http.ts';
import { clfDate, httpDate } from './common.ts';

export type ServerFlavour = 'busybox' | 'nginx' | 'apache';

export const NGINX_VERSION = '1.29.3';
export const APACHE_VERSION = '2.4.65';

function notFound(flavour: ServerFlavour): string {
  switch (flavour) {
    case 'nginx':
      return `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
    case 'apache':
      return '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
    case 'busybox':
      return '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n';
  }
}

/** Serves `req` from `root`; logs as the server would (nginx and Apache to stdout). */
export async function serveStatic(io: AppletIO, sock: Socket, req: HttpRequest, root: string, flavour: ServerFlavour, log: boolean): Promise<void> {
  const now = io.proc.kernel.scheduler.now();
  const head = req.method === 'HEAD';
  const found = req.method === 'GET' || head ? lookupStatic(io.proc.vfs, root, req.path) : ({ status: 404 } as const);
  const server: [string, string][] =
    flavour === 'nginx' ? [['Server', `nginx/${NGINX_VERSION}`]] : flavour === 'apache' ? [['Server', `Apache/${APACHE_VERSION} (Unix)`]] : [];
  let status: number;
  let size: number;
  if (found.status === 200) {
    const mtime = io.proc.vfs.stat(found.path).mtimeMs;
    status = 200;
    size = found.data.length;
    const headers: [string, string][] = [
      ...server,
      ['Date', httpDate(now)],
      ['Content-Type', mimeType(found.path)],
      ['Content-Length', String(size)],
      ['Last-Modified', httpDate(mtime)],
      ['Connection', 'close'],
      ['ETag', `"${Math.floor(mtime / 1000).toString(16)}-${size.toString(16)}"`],
      ['Accept-Ranges', 'bytes'],
    ];
    await writeResponse(sock, io.proc, 200, headers, found.data, head);
  } else {
    const body = notFound(flavour);
    status = 404;
    size = body.length;
    await writeResponse(sock, io.proc, 404, [...server, ['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(size)], ['Connection', 'close']], body, head);
  }
  if (!log) return;
  const ua = req.headers['user-agent'] ?? '-';
  const line =
    flavour === 'apache'
      ? `${sock.remote.ip} - - [${clfDate(now)}] "${req.method} ${req.path} ${req.version}" ${status} ${size}\n`
      : `${sock.remote.ip} - - [${clfDate(now)}] "${req.method} ${req.path} ${req.version}" ${status} ${size} "-" "${ua}" "-"\n`;
  await io.proc.write(1, line).catch(() => {});
}
