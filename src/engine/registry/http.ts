/**
 * The registry's HTTP vocabulary as plain data. A registry server is a pure
 * function from RegistryRequest to RegistryResponse, and a client reaches one
 * through a Transport, so the same client talks to an in-engine registry and,
 * from Node or a browser, to a real one over HTTP.
 */

/** Header names are stored lower-case; use `header()` to read. */
export type Headers = Readonly<Record<string, string>>;

/** One request as the server sees it: the path is decoded from the query already. */
export interface RegistryRequest {
  readonly method: string;
  /** `/v2/library/busybox/manifests/latest`, without the query string. */
  readonly path: string;
  /** Query parameters; a repeated key keeps its first value, as Go's `url.Values.Get`. */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Headers;
  readonly body: Uint8Array | null;
}

export interface RegistryResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/** A request addressed to a registry host, as a client sends it. */
export interface HostRequest extends RegistryRequest {
  /** `docker.io`, `localhost:5000`, `127.0.0.1:41234`. */
  readonly host: string;
}

/**
 * How a client reaches registries: `fetch`-shaped, one request in, one
 * response out. Contract: network failures reject (the client may retry or
 * resume); every HTTP answer, 4xx and 5xx included, resolves.
 */
export interface Transport {
  roundTrip(request: HostRequest): Promise<RegistryResponse>;
}

/** Case-insensitive header lookup. */
export function header(headers: Headers, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (headers[lower] !== undefined) return headers[lower];
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Headers with lower-case names (what RegistryRequest/Response carry). */
export function normalizeHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  return out;
}

/** Splits `a=1&b=%2F` into a record (first value wins). */
export function parseQuery(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(part.slice(eq + 1));
    if (!(key in out)) out[key] = value;
  }
  return out;
}

/** Builds `?a=1&b=2` (empty when there is nothing), keys in the given order. */
export function formatQuery(query: Readonly<Record<string, string>>): string {
  const parts = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** Splits a request target or `Location` (absolute or not) into path and query. */
export function splitTarget(target: string): { path: string; query: Record<string, string> } {
  const noOrigin = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const q = noOrigin.indexOf('?');
  return q < 0
    ? { path: noOrigin || '/', query: {} }
    : { path: noOrigin.slice(0, q) || '/', query: parseQuery(noOrigin.slice(q + 1)) };
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
