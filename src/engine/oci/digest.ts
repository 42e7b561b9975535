/**
 * Content digests as the OCI image spec defines them (descriptor.md
 * "Digests"): `algorithm:encoded`. Layerlab computes sha256 only, but accepts
 * any well-formed digest when validating foreign documents (sha512 included).
 * Hashing is synchronous (@noble/hashes) so the single-threaded engine can name
 * content inside a synchronous file-system call.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { EngineError } from '../../api/index.ts';

/** A validated digest string, e.g. `sha256:5f70bf18…`. */
export type Digest = string & { readonly __digest?: never };

/** Grammar from descriptor.md: algorithm-component ([+._-] algorithm-component)* ":" [a-zA-Z0-9=_-]+ */
const DIGEST_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
/** Registered algorithms and their encoded form: lower-case hex of the full length. */
const REGISTERED: Readonly<Record<string, RegExp>> = {
  sha256: /^[a-f0-9]{64}$/,
  sha512: /^[a-f0-9]{128}$/,
};

/** `sha256:<hex>` of bytes, or of a string's UTF-8 encoding. */
export function sha256Digest(data: Uint8Array | string): Digest {
  return `sha256:${bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data))}`;
}

/** Whether `s` is a well-formed digest; registered algorithms must also have the exact encoded form. */
export function isDigest(s: string): s is Digest {
  if (!DIGEST_RE.test(s)) return false;
  const i = s.indexOf(':');
  const check = REGISTERED[s.slice(0, i)];
  return check === undefined || check.test(s.slice(i + 1));
}

/** Validates a digest, throwing `InvalidParameter` with Docker's wording otherwise. */
export function parseDigest(s: string): { readonly algorithm: string; readonly encoded: string; readonly digest: Digest } {
  if (!isDigest(s)) throw new EngineError('InvalidParameter', `invalid checksum digest format`, { digest: s });
  const i = s.indexOf(':');
  return { algorithm: s.slice(0, i), encoded: s.slice(i + 1), digest: s };
}

/** The encoded part (hex for sha256), e.g. for `blobs/sha256/<hex>` paths. */
export function digestHex(d: Digest): string {
  return d.slice(d.indexOf(':') + 1);
}

/** Whether `data` hashes to `expected` (sha256 only; other algorithms are not computed here). */
export function verifyDigest(data: Uint8Array, expected: Digest): boolean {
  return parseDigest(expected).algorithm === 'sha256' && sha256Digest(data) === expected;
}

/** Digest of the empty layer tar (1024 zero bytes), a constant Docker uses for empty layers. */
export const EMPTY_LAYER_DIFF_ID: Digest = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';
