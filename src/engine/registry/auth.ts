/**
 * Who may pull and push where, as data. A registry without a policy lets
 * everyone do everything (the `registry:2` a learner starts); the simulated
 * Docker Hub pulls anonymously and pushes only into the user's own namespace.
 *
 * Simplification: the real Hub hands out bearer tokens from an auth service
 * (`WWW-Authenticate: Bearer realm=…`); the simulated registries read HTTP
 * Basic credentials on every request instead. The outcomes a user sees
 * (`unauthorized: authentication required`, `denied: requested access to the
 * resource is denied`) are the same.
 */
import { base64Decode, decodeUtf8 } from './bytes.ts';
import { header } from './http.ts';
import type { Headers } from './http.ts';

export type Action = 'pull' | 'push' | 'delete';

/**
 * `anyone`: anonymous too. `authenticated`: any logged-in user. `owner`: a
 * logged-in user whose name is the repository's first path component
 * (`alice/app`). `nobody`: refused to all (official images are read-only).
 */
export type Access = 'anyone' | 'authenticated' | 'owner' | 'nobody';

export interface AccessRule {
  /** Repository pattern: `*` matches within one path component, `**` across them (`library/*`, `**`). */
  readonly repository: string;
  readonly pull: Access;
  readonly push: Access;
  /** Defaults to the push access. */
  readonly delete?: Access;
}

export interface AuthPolicy {
  /** Shown in `WWW-Authenticate: Basic realm="…"`. */
  readonly realm: string;
  /** Known users and passwords; absent: any non-empty name and password signs in (open sign-up). */
  readonly users?: Readonly<Record<string, string>>;
  /** First matching rule wins; no match means `nobody`. */
  readonly rules: readonly AccessRule[];
  /**
   * Docker Hub does not say whether a repository exists to someone who may
   * not see it: pulling an unknown repository is `denied`, not `NAME_UNKNOWN`.
   */
  readonly hideUnknownRepositories?: boolean;
}

/** The simulated Docker Hub: official images read-only, user namespaces writable by their owner. */
export const DOCKER_HUB_POLICY: AuthPolicy = {
  realm: 'Docker Hub',
  rules: [
    { repository: 'library/*', pull: 'anyone', push: 'nobody' },
    { repository: '**', pull: 'anyone', push: 'owner' },
  ],
  hideUnknownRepositories: true,
};

export type Identity = { readonly kind: 'anonymous' } | { readonly kind: 'user'; readonly name: string } | { readonly kind: 'invalid' };

export type Decision = 'allow' | 'unauthorized' | 'denied';

/** Who the request says it is: Basic credentials checked against the policy's users. */
export function identify(policy: AuthPolicy, headers: Headers): Identity {
  const value = header(headers, 'authorization');
  if (value === undefined) return { kind: 'anonymous' };
  const m = /^Basic\s+(\S+)$/i.exec(value.trim());
  const raw = m ? base64Decode(m[1]!) : undefined;
  if (!raw) return { kind: 'invalid' };
  const text = decodeUtf8(raw);
  const colon = text.indexOf(':');
  if (colon <= 0) return { kind: 'invalid' };
  const name = text.slice(0, colon);
  const password = text.slice(colon + 1);
  if (policy.users ? policy.users[name] !== password : password === '') return { kind: 'invalid' };
  return { kind: 'user', name };
}

/** Whether `who` may do `action` on repository `name`. */
export function decide(policy: AuthPolicy, who: Identity, name: string, action: Action): Decision {
  if (who.kind === 'invalid') return 'unauthorized';
  const rule = policy.rules.find((r) => matches(r.repository, name));
  const access: Access = rule ? (action === 'pull' ? rule.pull : action === 'push' ? rule.push : (rule.delete ?? rule.push)) : 'nobody';
  switch (access) {
    case 'anyone':
      return 'allow';
    case 'authenticated':
      return who.kind === 'user' ? 'allow' : 'unauthorized';
    case 'owner':
      if (who.kind !== 'user') return 'unauthorized';
      return name.split('/')[0] === who.name ? 'allow' : 'denied';
    case 'nobody':
      return 'denied';
  }
}

function matches(pattern: string, name: string): boolean {
  const re = pattern
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  return new RegExp(`^${re}$`).test(name);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
