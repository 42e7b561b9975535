/**
 * Transports: how a registry client reaches a registry host.
 *
 * - `inEngineTransport`: registries that live inside Layerlab (the simulated
 *   `docker.io`, a `localhost:5000` the learner started) are handler
 *   instances keyed by host; a request is a function call, no network.
 * - `httpTransport`: real registries over HTTP through a `fetch` the host
 *   injects (Node's global fetch, the browser's). Loopback hosts use plain
 *   HTTP, like dockerd's default insecure registries (127.0.0.0/8); every
 *   other host uses HTTPS. The engine itself never touches the network.
 */
import { EngineError } from '../../api/errors.ts';
import { formatQuery, normalizeHeaders } from './http.ts';
import type { HostRequest, RegistryRequest, RegistryResponse, Transport } from './http.ts';

/** Anything that answers registry requests (RegistryServer does). */
export interface RegistryHandler {
  handle(request: RegistryRequest): RegistryResponse;
}

/** Routes each request to the handler registered for its host; unknown hosts fail like a refused connection. */
export function inEngineTransport(hosts: ReadonlyMap<string, RegistryHandler> | ((host: string) => RegistryHandler | undefined)): Transport {
  const lookup = typeof hosts === 'function' ? hosts : (h: string) => hosts.get(h);
  return {
    roundTrip(request: HostRequest): Promise<RegistryResponse> {
      const handler = lookup(request.host);
      if (!handler) {
        // What dockerd reports when nothing answers: a refused connection on loopback, a failed lookup elsewhere.
        const url = `${schemeFor(request.host)}://${request.host}/v2/`;
        // Go dials `localhost` as ::1 first and reports that address (dockerd's usual `dial tcp [::1]:5000`).
        const dialed = request.host.replace(/^localhost(?=:|$)/, '[::1]');
        const why = schemeFor(request.host) === 'http' ? `dial tcp ${dialed}: connect: connection refused` : `dial tcp: lookup ${hostname(request.host)}: no such host`;
        return Promise.reject(new EngineError('Unavailable', `Get "${url}": ${why}`, { host: request.host }));
      }
      const { host: _host, ...rest } = request;
      // Copy the body: a handler must not see later mutations of the caller's buffer, and vice versa.
      return Promise.resolve(handler.handle({ ...rest, headers: normalizeHeaders(rest.headers), body: rest.body?.slice() ?? null }));
    },
  };
}

/** The subset of the Fetch API the HTTP transport uses (Node 18+ and browsers provide it). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array<ArrayBuffer>; redirect?: 'follow' | 'manual' },
) => Promise<{
  status: number;
  headers: { forEach(fn: (value: string, key: string) => void): void };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** Where `docker.io` references are pulled from and pushed to over the network. */
export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';

/** Real registries over HTTP(S) through the injected fetch. */
export function httpTransport(fetchFn: FetchLike): Transport {
  return {
    async roundTrip(request: HostRequest): Promise<RegistryResponse> {
      const host = request.host === 'docker.io' ? DOCKER_HUB_REGISTRY : request.host;
      const url = `${schemeFor(host)}://${host}${request.path}${formatQuery(request.query)}`;
      const init = {
        method: request.method,
        headers: { ...request.headers },
        // A copy backed by a plain ArrayBuffer: what fetch's BodyInit accepts, and safe from later mutation.
        ...(request.body !== null && request.method !== 'GET' && request.method !== 'HEAD' ? { body: new Uint8Array(request.body) } : {}),
        redirect: 'follow' as const,
      };
      let res;
      try {
        res = await fetchFn(url, init);
      } catch (err) {
        throw new EngineError('Unavailable', `${request.method} "${url}": ${err instanceof Error ? err.message : String(err)}`, { url });
      }
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      const body = request.method === 'HEAD' ? new Uint8Array(0) : new Uint8Array(await res.arrayBuffer());
      return { status: res.status, headers, body };
    },
  };
}

/** `http` for loopback registries (dockerd's implicit insecure registries), `https` elsewhere. */
export function schemeFor(host: string): 'http' | 'https' {
  const name = hostname(host);
  return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]' ? 'http' : 'https';
}

function hostname(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
}
