/**
 * The distribution token flow, as real registries (Docker Hub, GHCR, a
 * Distribution configured with `auth.token`) ask for it: an answer `401` with
 * `WWW-Authenticate: Bearer realm="…",service="…",scope="…"` sends the client
 * to the realm for a token (with Basic credentials when it has some), and the
 * request is repeated with `Authorization: Bearer <token>`.
 */
import { splitTarget } from './http.ts';

export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Parses one `WWW-Authenticate` value: `Bearer realm="…",service="…"`. */
export function parseChallenge(value: string): Challenge | undefined {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(value);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/g;
  for (let p = re.exec(m[2]!); p; p = re.exec(m[2]!)) params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
  return { scheme: m[1]!.toLowerCase(), params };
}

/** Where to ask for a token: host, path and query of the realm with service and scope added. */
export function tokenRequest(challenge: Challenge): { host: string; path: string; query: Record<string, string> } | undefined {
  const realm = challenge.params['realm'];
  if (!realm) return undefined;
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(realm)?.[1];
  if (!host) return undefined;
  const { path, query } = splitTarget(realm);
  return {
    host,
    path,
    query: {
      ...query,
      ...(challenge.params['service'] ? { service: challenge.params['service'] } : {}),
      ...(challenge.params['scope'] ? { scope: challenge.params['scope'] } : {}),
    },
  };
}

/** The token of a token-server answer (`token`, or OAuth's `access_token`). */
export function tokenOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { token?: unknown; access_token?: unknown };
  return typeof b.token === 'string' ? b.token : typeof b.access_token === 'string' ? b.access_token : undefined;
}
