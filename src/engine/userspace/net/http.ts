/**
 * Minimal HTTP/1.1 over a Socket, enough for wget, curl, BusyBox httpd,
 * the nginx and Apache stand-ins and the host's browser panel: one request
 * per connection (`Connection: close`), bodies delimited by Content-Length
 * or by the server closing the connection. No chunked encoding, no TLS.
 */
import type { Waiter } from '../io/open-file.ts';
import { concatBytes, decode, encode } from '../io/text.ts';
import type { Vfs } from '../../fs/vfs.ts';
import type { Socket } from './net.ts';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  readonly version: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface HttpResponse {
  readonly version: string;
  readonly status: number;
  readonly statusText: string;
  /** Header lines as sent (name as written, value). */
  readonly headerLines: readonly [string, string][];
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found', 304: 'Not Modified',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error',
  501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

/** `http://host[:port]/path` → parts; null when it is not an http URL. */
export function parseHttpUrl(url: string): { host: string; port: number; path: string } | null {
  const m = /^(?:http:\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(url);
  if (!m || /^[a-z]+:\/\//i.test(url) && !/^http:\/\//i.test(url)) return null;
  const path = m[3] || '/';
  return { host: m[1]!, port: m[2] ? Number(m[2]) : 80, path: path.startsWith('/') ? path : `/${path}` };
}

/** Reads until the blank line after the headers; returns the head text and what came after it. */
async function readHead(sock: Socket, w: Waiter): Promise<{ head: string; rest: Uint8Array } | null> {
  const parts: Uint8Array[] = [];
  for (;;) {
    const chunk = await sock.read(65536, w);
    if (chunk === null) {
      if (parts.length === 0) return null;
      const all = concatBytes(parts);
      return { head: decode(all), rest: new Uint8Array(0) };
    }
    parts.push(chunk);
    const all = concatBytes(parts);
    for (let i = 3; i < all.length; i++) {
      if (all[i] === 10 && all[i - 1] === 13 && all[i - 2] === 10 && all[i - 3] === 13) {
        return { head: decode(all.subarray(0, i - 3)), rest: all.subarray(i + 1) };
      }
    }
  }
}

async function readBody(sock: Socket, w: Waiter, first: Uint8Array, length: number | null): Promise<Uint8Array> {
  const parts = [first];
  let got = first.length;
  while (length === null || got < length) {
    const chunk = await sock.read(65536, w);
    if (chunk === null) break;
    parts.push(chunk);
    got += chunk.length;
  }
  const all = concatBytes(parts);
  return length === null ? all : all.subarray(0, length);
}

function parseHeaders(lines: readonly string[]): { lines: [string, string][]; map: Record<string, string> } {
  const out: [string, string][] = [];
  const map: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i <= 0) continue;
    const name = l.slice(0, i).trim();
    const value = l.slice(i + 1).trim();
    out.push([name, value]);
    map[name.toLowerCase()] = value;
  }
  return { lines: out, map };
}

/** A server's side: the request on a fresh connection, or null when the client sent nothing. */
export async function readRequest(sock: Socket, w: Waiter): Promise<HttpRequest | null> {
  const got = await readHead(sock, w);
  if (!got) return null;
  const [start = '', ...rest] = got.head.split('\r\n');
  const [method = '', path = '/', version = 'HTTP/1.0'] = start.split(' ');
  const { map } = parseHeaders(rest);
  const len = map['content-length'] !== undefined ? Number(map['content-length']) : 0;
  const body = len > 0 ? await readBody(sock, w, got.rest, len) : new Uint8Array(0);
  return { method, path, version, headers: map, body };
}

/** Writes a response and closes the connection. */
export async function writeResponse(
  sock: Socket,
  w: Waiter,
  status: number,
  headers: readonly [string, string][],
  body: Uint8Array | string,
  headOnly = false,
): Promise<void> {
  const bytes = typeof body === 'string' ? encode(body) : body;
  const head = [`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ''}`, ...headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  try {
    await sock.write(encode(`${head}\r\n\r\n`), w);
    if (!headOnly && bytes.length > 0) await sock.write(bytes, w);
  } finally {
    sock.close();
  }
}

/** A client's side: sends the request, reads the whole response (the server closes the connection). */
export async function exchange(
  sock: Socket,
  w: Waiter,
  req: { method: string; host: string; path: string; headers?: readonly [string, string][]; body?: Uint8Array },
): Promise<HttpResponse> {
  const lines = [`${req.method} ${req.path} HTTP/1.1`, `Host: ${req.host}`, ...(req.headers ?? []).map(([k, v]) => `${k}: ${v}`), 'Connection: close'];
  if (req.body && req.body.length > 0) lines.push(`Content-Length: ${req.body.length}`);
  await sock.write(encode(`${lines.join('\r\n')}\r\n\r\n`), w);
  if (req.body && req.body.length > 0) await sock.write(req.body, w);
  const got = await readHead(sock, w);
  if (!got) throw new Error('server closed the connection');
  const [start = '', ...rest] = got.head.split('\r\n');
  const m = /^(HTTP\/\d\.\d) (\d{3}) ?(.*)$/.exec(start);
  if (!m) throw new Error('malformed HTTP response');
  const { lines: headerLines, map } = parseHeaders(rest);
  const length = req.method === 'HEAD' ? 0 : map['content-length'] !== undefined ? Number(map['content-length']) : null;
  const body = length === 0 ? new Uint8Array(0) : await readBody(sock, w, got.rest, length);
  sock.close();
  return { version: m[1]!, status: Number(m[2]), statusText: m[3]!, headerLines, headers: map, body };
}

const MIME: Readonly<Record<string, string>> = {
  html: 'text/html', htm: 'text/html', txt: 'text/plain', css: 'text/css', js: 'application/javascript', json: 'application/json',
  png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', svg: 'image/svg+xml',
};

export function mimeType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return MIME[ext] ?? 'application/octet-stream';
}

/** What a static file server finds for a request path under `root`: a file, or 404/403. */
export function lookupStatic(vfs: Vfs, root: string, urlPath: string, index = 'index.html'): { status: 200; path: string; data: Uint8Array } | { status: 403 | 404 } {
  const clean = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  if (clean.split('/').includes('..')) return { status: 403 };
  let path = `${root.replace(/\/$/, '')}${clean.startsWith('/') ? clean : `/${clean}`}`;
  try {
    let st = vfs.stat(path);
    if (st.type === 'dir') {
      path = `${path.replace(/\/$/, '')}/${index}`;
      st = vfs.stat(path);
    }
    if (st.type !== 'file') return { status: 403 };
    return { status: 200, path, data: vfs.readFile(path) };
  } catch {
    return { status: 404 };
  }
}
