/**
 * One client's way of sending requests to registries: credentials from
 * `docker login` as HTTP Basic on every request (what the simulated
 * registries read), and the bearer-token flow when a registry answers with a
 * `Bearer` challenge (real registries), keeping each token per host and
 * repository for the requests that follow.
 */
import { base64Encode, decodeUtf8, encodeUtf8 } from './bytes.ts';
import type { Credentials } from './client.ts';
import { header } from './http.ts';
import type { RegistryResponse, Transport } from './http.ts';
import { parseChallenge, tokenOf, tokenRequest } from './token-auth.ts';

const EMPTY = new Uint8Array(0);

export class RegistrySession {
  /** Bearer tokens from registries' token servers: `host repository` → token. */
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly transport: Transport,
    private readonly credentials?: (host: string) => Credentials | undefined,
  ) {}

  /**
   * One request, with credentials: Basic when the client has some, and the
   * bearer-token flow when the registry challenges for it (the token is kept
   * per host and repository for the following requests).
   */
  async send(
    host: string,
    method: string,
    path: string,
    opts: { query?: Record<string, string>; headers?: Record<string, string>; body?: Uint8Array } = {},
  ): Promise<RegistryResponse> {
    const creds = this.credentials?.(host);
    const basic = creds ? `Basic ${base64Encode(encodeUtf8(`${creds.username}:${creds.password}`))}` : undefined;
    const scopeKey = `${host} ${/^\/v2\/(.+?)\/(?:manifests|blobs|tags)\//.exec(path)?.[1] ?? ''}`;
    const request = (authorization: string | undefined) =>
      this.transport.roundTrip({
        host,
        method,
        path,
        query: opts.query ?? {},
        headers: { ...opts.headers, ...(authorization ? { authorization } : {}) },
        body: opts.body ?? (method === 'PUT' || method === 'PATCH' || method === 'POST' ? EMPTY : null),
      });
    const cached = this.tokens.get(scopeKey);
    const res = await request(cached ? `Bearer ${cached}` : basic);
    if (res.status !== 401) return res;
    const challenge = parseChallenge(header(res.headers, 'www-authenticate') ?? '');
    if (challenge?.scheme !== 'bearer') return res;
    const where = tokenRequest(challenge);
    if (!where) return res;
    const answer = await this.transport.roundTrip({ ...where, method: 'GET', headers: basic ? { authorization: basic } : {}, body: null });
    if (answer.status !== 200) return answer.status === 401 ? answer : res;
    let token: string | undefined;
    try {
      token = tokenOf(JSON.parse(decodeUtf8(answer.body)));
    } catch {
      token = undefined;
    }
    if (token === undefined) return res;
    this.tokens.set(scopeKey, token);
    return request(`Bearer ${token}`);
  }
}
