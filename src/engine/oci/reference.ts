/**
 * Image references as docker reads them (github.com/distribution/reference):
 *
 *     reference := name [ ":" tag ] [ "@" digest ]
 *     name      := [ domain "/" ] path
 *     domain    := host [ ":" port ]        host: DNS name, IPv4, or [IPv6]
 *     path      := component ( "/" component )*   lowercase, separators . _ __ -
 *
 * `parseReference` is upstream's `Parse` (no normalisation). Docker itself uses
 * `parseNormalizedNamed`, which adds Docker Hub's defaults (`busybox` →
 * `docker.io/library/busybox`), and `parseDockerRef`, which also adds `:latest`.
 * The familiar form strips those defaults again for display.
 */
import { EngineError } from '../../api/errors.ts';

/** A parsed reference. Values are immutable; the helpers below make new ones. */
export interface ImageReference {
  /** Registry host[:port]; `''` when absent (only possible without normalisation). */
  readonly domain: string;
  /** Repository path inside the registry, e.g. `library/busybox`. */
  readonly path: string;
  readonly tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  readonly digest?: string;
}

/** The upstream error each failure corresponds to (in `EngineError.data.reason`). */
export type ReferenceErrorReason =
  | 'ErrReferenceInvalidFormat'
  | 'ErrTagInvalidFormat'
  | 'ErrDigestInvalidFormat'
  | 'ErrNameContainsUppercase'
  | 'ErrNameEmpty'
  | 'ErrNameTooLong'
  | 'ErrNameNotCanonical'
  | 'digest.ErrDigestInvalidFormat'
  | 'digest.ErrDigestInvalidLength'
  | 'digest.ErrDigestUnsupported';

const messages: Readonly<Record<ReferenceErrorReason, string>> = {
  ErrReferenceInvalidFormat: 'invalid reference format',
  ErrTagInvalidFormat: 'invalid tag format',
  ErrDigestInvalidFormat: 'invalid digest format',
  ErrNameContainsUppercase: 'repository name must be lowercase',
  ErrNameEmpty: 'repository name must have at least one component',
  ErrNameTooLong: 'repository name must not be more than 255 characters',
  ErrNameNotCanonical: 'repository name must be canonical',
  'digest.ErrDigestInvalidFormat': 'invalid checksum digest format',
  'digest.ErrDigestInvalidLength': 'invalid checksum digest length',
  'digest.ErrDigestUnsupported': 'unsupported digest algorithm',
};

function fail(reason: ReferenceErrorReason, input: string, message = messages[reason]): never {
  throw new EngineError('InvalidParameter', message, { reason, reference: input });
}

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_REPO_PREFIX = 'library/';
const NAME_TOTAL_LENGTH_MAX = 255;

// The grammar, built from the same pieces as upstream's regexp.go.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const ipv6Address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainAndPort = `(?:${domainName}|${ipv6Address})(?::[0-9]+)?`;
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const namePattern = `(?:${domainAndPort}/)?${remoteName}`;

const referenceRegexp = new RegExp(`^(${namePattern})(?::(${tagPattern}))?(?:@(${digestPattern}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domainAndPort})/)?(${remoteName})$`);
const anchoredTagRegexp = new RegExp(`^${tagPattern}$`);
const anchoredDigestRegexp = new RegExp(`^${digestPattern}$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;

/**
 * Digest algorithms we can verify, with their hex length (go-digest
 * `Algorithm.Available`). Like upstream's tests, only sha256 is registered, so
 * sha384/sha512 references parse as `unsupported digest algorithm`.
 */
const digestHexLength: Readonly<Record<string, number>> = { sha256: 64 };

/** go-digest `Digest.Validate`: the algorithm must be known and the hex well-formed. */
export function validateDigest(digest: string): void {
  const i = digest.indexOf(':');
  if (i <= 0 || i + 1 === digest.length) fail('digest.ErrDigestInvalidFormat', digest);
  const algorithm = digest.slice(0, i);
  const encoded = digest.slice(i + 1);
  const length = digestHexLength[algorithm];
  if (length === undefined) {
    if (!anchoredDigestRegexp.test(digest)) fail('digest.ErrDigestInvalidFormat', digest);
    fail('digest.ErrDigestUnsupported', digest);
  }
  if (encoded.length !== length) fail('digest.ErrDigestInvalidLength', digest);
  if (!/^[a-f0-9]+$/.test(encoded)) fail('digest.ErrDigestInvalidFormat', digest);
}

/** Upstream `Parse`: split a reference into its parts without adding any defaults. */
export function parseReference(s: string): ImageReference {
  const m = referenceRegexp.exec(s);
  if (!m) {
    if (s === '') fail('ErrNameEmpty', s);
    if (referenceRegexp.test(s.toLowerCase())) fail('ErrNameContainsUppercase', s);
    fail('ErrReferenceInvalidFormat', s);
  }
  const [, name, tag, digest] = m;
  if (name!.length > NAME_TOTAL_LENGTH_MAX) fail('ErrNameTooLong', s);
  const n = anchoredNameRegexp.exec(name!)!;
  if (digest !== undefined) validateDigest(digest);
  return build(n[1] ?? '', n[2]!, tag, digest);
}

function build(domain: string, path: string, tag?: string, digest?: string): ImageReference {
  return {
    domain,
    path,
    ...(tag !== undefined && tag !== '' ? { tag } : {}),
    ...(digest !== undefined && digest !== '' ? { digest } : {}),
  };
}

/**
 * Split a user-typed name into registry domain and remote name, applying
 * Docker Hub's defaults. The first path element is a domain only if it is
 * `localhost`, contains `.` or `:`, or has uppercase letters (namespaces
 * cannot); single-element Docker Hub names get the `library/` namespace.
 */
export function splitDockerDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  let domain: string;
  let remainder: string;
  if (slash < 0) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    const first = name.slice(0, slash);
    const rest = name.slice(slash + 1);
    if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
      domain = first === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : first;
      remainder = rest;
    } else {
      domain = DEFAULT_DOMAIN;
      remainder = name;
    }
  }
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_REPO_PREFIX + remainder;
  return { domain, remainder };
}

/**
 * Upstream `ParseNormalizedNamed`: what `docker pull/run/tag` do with what the
 * user typed. `ubuntu` → `docker.io/library/ubuntu`; no default tag is added.
 */
export function parseNormalizedNamed(s: string): ImageReference {
  if (anchoredIdentifierRegexp.test(s)) {
    fail(
      'ErrReferenceInvalidFormat',
      s,
      `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings`,
    );
  }
  const { domain, remainder } = splitDockerDomain(s);
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) {
    fail(
      'ErrNameContainsUppercase',
      s,
      `invalid reference format: repository name (${remote}) must be lowercase`,
    );
  }
  return parseReference(`${domain}/${remainder}`);
}

/**
 * Upstream `ParseDockerRef`: normalise and add `:latest` when there is neither
 * tag nor digest; with a digest, the tag is dropped (the digest pins content).
 */
export function parseDockerRef(s: string): ImageReference {
  const ref = parseNormalizedNamed(s);
  if (ref.digest !== undefined) return build(ref.domain, ref.path, undefined, ref.digest);
  return tagNameOnly(ref);
}

/**
 * Upstream `ParseAnyReference`: a 64-hex image id is read as a sha256 digest
 * reference (no name); anything else as `parseNormalizedNamed`.
 */
export function parseAnyReference(s: string): ImageReference {
  if (anchoredIdentifierRegexp.test(s)) return build('', '', undefined, `sha256:${s}`);
  return parseNormalizedNamed(s);
}

/** `:latest` added when the reference has no tag and no digest (upstream `TagNameOnly`). */
export function tagNameOnly(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? withTag(ref, 'latest') : ref;
}

/** The same repository with `tag` (keeps a digest, as upstream `WithTag` does). */
export function withTag(ref: ImageReference, tag: string): ImageReference {
  if (!anchoredTagRegexp.test(tag)) fail('ErrTagInvalidFormat', tag);
  return build(ref.domain, ref.path, tag, ref.digest);
}

/** The same repository pinned to `digest` (keeps a tag, as upstream `WithDigest` does). */
export function withDigest(ref: ImageReference, digest: string): ImageReference {
  if (!anchoredDigestRegexp.test(digest)) fail('ErrDigestInvalidFormat', digest);
  return build(ref.domain, ref.path, ref.tag, digest);
}

/** Drop tag and digest: the repository alone. */
export function trimNamed(ref: ImageReference): ImageReference {
  return build(ref.domain, ref.path);
}

/** Full repository name, `docker.io/library/busybox` (upstream `Name()`). */
export function referenceName(ref: ImageReference): string {
  return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
}

/** Full reference string, `docker.io/library/busybox:latest` (upstream `String()`). */
export function referenceString(ref: ImageReference): string {
  return referenceName(ref) + suffix(ref);
}

/** Repository name as users type it: Docker Hub's `docker.io/` and `library/` removed. */
export function familiarName(ref: ImageReference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return referenceName(ref);
  if (ref.path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = ref.path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes('/')) return rest;
  }
  return ref.path;
}

/** Reference as users type it: `busybox:latest`, `localhost:5000/app@sha256:…`. */
export function familiarString(ref: ImageReference): string {
  return familiarName(ref) + suffix(ref);
}

function suffix(ref: ImageReference): string {
  return (ref.tag !== undefined ? `:${ref.tag}` : '') + (ref.digest !== undefined ? `@${ref.digest}` : '');
}
