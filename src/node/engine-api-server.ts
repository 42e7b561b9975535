import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, unlinkSync } from 'node:fs';
import type { EngineApi } from '../api/index.ts';
import { httpStatusOf, isEngineError } from '../api/index.ts';
import type { Duplex } from 'node:stream';
import { handleBuildRoute } from './build-routes.ts';
import { handleContainerRoute } from './container-routes.ts';
import { handleExecRoute } from './exec-routes.ts';
import { handleHijack, socketError } from './hijack-routes.ts';
import { handleImageRoute } from './image-routes.ts';
import { handleNetworkVolumeRoute } from './network-volume-routes.ts';
import { handleRegistryRoute } from './registry-routes.ts';
import { handleSystemRoute } from './system-routes.ts';

/** Where the server listens: a Unix socket path, or a loopback TCP port. */
export type Listen = { readonly socket: string } | { readonly host: '127.0.0.1' | '::1' | 'localhost'; readonly port: number };

const VERSIONED = /^\/v(\d+\.\d+)(\/.*)$/;

/**
 * The Docker Engine API over HTTP (issue #11), served from the same
 * EngineApi as the browser: system, images, registry, containers, exec
 * (attach and exec start hijack the connection), build, volumes and
 * networks, events and disk usage. Routes not served answer 501 with
 * Docker's error body so the real CLI prints a clear message.
 */
export function createEngineApiServer(api: EngineApi, options: ServerOptions = {}): Server {
  const changed = () => options.onChange?.();
  const server = createServer((req, res) => {
    const refusal = foreignRequest(req);
    if (refusal) return sendJson(res, 403, { message: refusal });
    if (req.method !== 'GET' && req.method !== 'HEAD') res.once('finish', changed);
    handle(api, req, res).catch((err: unknown) => sendError(res, err));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (foreignRequest(req)) return void socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    socket.once('close', changed);
    void upgrade(api, req, socket, head).catch((err: unknown) => socketError(socket, {}, err));
  });
  return server;
}

export interface ServerOptions {
  /**
   * Called after each request that may have changed engine state (every
   * method but GET and HEAD, and each hijacked stream when it closes), so
   * the host can save the state (debounced) instead of only at exit.
   */
  readonly onChange?: () => void;
}

/** Host names a local client uses: loopback, the docker CLI's names for a unix socket (`api.moby.localhost`, `docker`). */
const LOCAL_HOST = /^(?:localhost|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.localhost|127(?:\.\d{1,3}){3}|\[::1\]|docker)(?::\d{1,5})?$/i;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1', 'localhost']);

/**
 * Why a request is refused, or null. The server is for programs on this
 * machine: a peer that is not loopback, a Host header naming another machine
 * (a web page's DNS rebinding), or any browser request (an `Origin` header: a
 * page may not drive the engine) are answered 403 before any route runs.
 */
export function foreignRequest(req: Pick<IncomingMessage, 'headers' | 'socket'>): string | null {
  const peer = req.socket.remoteAddress;
  if (peer !== undefined && !LOOPBACK.has(peer)) return `Layerlab serves loopback clients only, not ${peer}`;
  const host = req.headers.host;
  if (host !== undefined && !LOCAL_HOST.test(host)) return `Layerlab serves local clients only: refusing Host ${JSON.stringify(host)}`;
  if (req.headers.origin !== undefined) return `Layerlab does not serve browser requests (Origin ${JSON.stringify(req.headers.origin)})`;
  return null;
}

/** The headers dockerd's version middleware puts on every response. */
async function daemonHeaders(api: EngineApi): Promise<Record<string, string>> {
  const version = await api.version();
  return { 'Api-Version': version.ApiVersion, 'Docker-Experimental': 'false', Ostype: version.Os, Server: `Docker/${version.Version} (${version.Os})` };
}

function routeOf(req: IncomingMessage): { url: URL; path: string } {
  const url = new URL(req.url ?? '/', 'http://docker');
  const m = VERSIONED.exec(url.pathname);
  return { url, path: m ? m[2]! : url.pathname };
}

async function upgrade(api: EngineApi, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const { url, path } = routeOf(req);
  const headers = await daemonHeaders(api);
  if (await handleHijack(api, req, socket, head, path, url, headers)) return;
  // BuildKit's `POST /session` (h2c) and anything else that asks to upgrade.
  socketError(socket, headers, new Error(`Layerlab does not serve ${req.method} ${path} with a connection upgrade (use DOCKER_BUILDKIT=0 for docker build)`));
}

async function handle(api: EngineApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { url, path } = routeOf(req);
  const version = await api.version();
  for (const [k, v] of Object.entries(await daemonHeaders(api))) res.setHeader(k, v);
  const method = req.method ?? 'GET';
  if (path === '/_ping' && (method === 'GET' || method === 'HEAD')) {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-store, must-revalidate');
    res.setHeader('Builder-Version', '2');
    res.end(method === 'HEAD' ? undefined : await api.ping());
    return;
  }
  if (path === '/version' && method === 'GET') return sendJson(res, 200, version);
  if (path === '/info' && method === 'GET') return sendJson(res, 200, await api.info());
  if (await handleRegistryRoute(api, method, path, url, req, res)) return;
  if (await handleImageRoute(api, method, path, url, req, res)) return;
  if (await handleContainerRoute(api, method, path, url, req, res)) return;
  if (await handleExecRoute(api, method, path, url, req, res)) return;
  if (await handleSystemRoute(api, method, path, url, req, res)) return;
  if (await handleBuildRoute(api, method, path, url, req, res)) return;
  if (await handleNetworkVolumeRoute(api, method, path, url, req, res)) return;
  sendJson(res, 501, { message: `Layerlab does not serve ${method} ${path} yet` });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(`${JSON.stringify(body)}\n`);
}

function sendError(res: ServerResponse, err: unknown): void {
  if (isEngineError(err)) return sendJson(res, httpStatusOf[err.code], { message: err.message });
  sendJson(res, 500, { message: err instanceof Error ? err.message : String(err) });
}

/** Start listening; a stale socket file from an earlier run is removed first. */
export async function listen(server: Server, where: Listen): Promise<void> {
  if (!('socket' in where) && !LOOPBACK.has(where.host)) throw new Error(`refusing to listen on ${String(where.host)}: loopback only`);
  if ('socket' in where && existsSync(where.socket)) unlinkSync(where.socket);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if ('socket' in where) server.listen(where.socket, resolve);
    else server.listen(where.port, where.host, resolve);
  });
}
