/**
 * Distribution's error codes (the OCI distribution spec's table plus the
 * `UNKNOWN` catch-all) with the HTTP status and message Distribution 2.8
 * sends. Bodies are `{"errors":[{"code","message","detail"?}]}`; `detail` is
 * whatever the registry attaches (a digest string, `{"Tag":…}`, …) and is
 * omitted when absent, as Distribution does.
 */
import { EngineError } from '../../api/errors.ts';
import type { ErrorCode } from '../../api/errors.ts';
import { decodeUtf8, encodeUtf8 } from './bytes.ts';
import type { RegistryResponse } from './http.ts';

export type RegistryErrorCode =
  | 'BLOB_UNKNOWN'
  | 'BLOB_UPLOAD_INVALID'
  | 'BLOB_UPLOAD_UNKNOWN'
  | 'DIGEST_INVALID'
  | 'MANIFEST_BLOB_UNKNOWN'
  | 'MANIFEST_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'NAME_INVALID'
  | 'NAME_UNKNOWN'
  | 'SIZE_INVALID'
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'UNSUPPORTED'
  | 'TOOMANYREQUESTS'
  | 'UNKNOWN';

/** Status and message per code, as registered in distribution's `registry/api/v2/errors.go`. */
export const REGISTRY_ERRORS: Readonly<Record<RegistryErrorCode, { status: number; message: string }>> = {
  BLOB_UNKNOWN: { status: 404, message: 'blob unknown to registry' },
  BLOB_UPLOAD_INVALID: { status: 404, message: 'blob upload invalid' },
  BLOB_UPLOAD_UNKNOWN: { status: 404, message: 'blob upload unknown to registry' },
  DIGEST_INVALID: { status: 400, message: 'provided digest did not match uploaded content' },
  MANIFEST_BLOB_UNKNOWN: { status: 400, message: 'blob unknown to registry' },
  MANIFEST_INVALID: { status: 400, message: 'manifest invalid' },
  MANIFEST_UNKNOWN: { status: 404, message: 'manifest unknown' },
  NAME_INVALID: { status: 400, message: 'invalid repository name' },
  NAME_UNKNOWN: { status: 404, message: 'repository name not known to registry' },
  SIZE_INVALID: { status: 400, message: 'provided length did not match content length' },
  UNAUTHORIZED: { status: 401, message: 'authentication required' },
  DENIED: { status: 403, message: 'requested access to the resource is denied' },
  UNSUPPORTED: { status: 405, message: 'The operation is unsupported.' },
  TOOMANYREQUESTS: { status: 429, message: 'too many requests' },
  UNKNOWN: { status: 500, message: 'unknown error' },
};

/** One entry of an error body. */
export interface RegistryErrorEntry {
  readonly code: string;
  readonly message: string;
  readonly detail?: unknown;
}

/** What a handler throws to answer with an error body; several entries share the first one's status. */
export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly entries: readonly RegistryErrorEntry[],
    readonly status: number,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(entries.map(errorText).join('; '));
  }
}

/** An error answer with the code's registered status and message (`message` overrides it). */
export function registryError(
  code: RegistryErrorCode,
  detail?: unknown,
  options: { message?: string; headers?: Record<string, string> } = {},
): RegistryError {
  const { status, message } = REGISTRY_ERRORS[code];
  const entry = detail === undefined ? { code, message: options.message ?? message } : { code, message: options.message ?? message, detail };
  return new RegistryError([entry], status, options.headers);
}

/** Serialises entries as the response body (Go's json.Encoder: compact plus a newline). */
export function errorBody(entries: readonly RegistryErrorEntry[]): Uint8Array {
  return encodeUtf8(`${JSON.stringify({ errors: entries })}\n`);
}

/**
 * How docker prints a registry error: Go's `errcode.Error.Error()`, the code
 * lower-cased with spaces, a colon, the message (`denied: requested access to
 * the resource is denied`, `manifest unknown: manifest unknown`).
 */
export function errorText(entry: RegistryErrorEntry): string {
  return `${entry.code.toLowerCase().replace(/_/g, ' ')}: ${entry.message}`;
}

/** The entries of an error response, or none when the body is not an error document. */
export function parseErrorBody(body: Uint8Array): RegistryErrorEntry[] {
  try {
    const doc = JSON.parse(decodeUtf8(body)) as { errors?: unknown };
    if (!Array.isArray(doc.errors)) return [];
    return doc.errors.filter(
      (e): e is RegistryErrorEntry => typeof e === 'object' && e !== null && typeof (e as RegistryErrorEntry).code === 'string',
    );
  } catch {
    return [];
  }
}

const BODYLESS: Readonly<Record<number, RegistryErrorCode>> = { 401: 'UNAUTHORIZED', 403: 'DENIED', 429: 'TOOMANYREQUESTS' };

const ENGINE_CODE: Readonly<Record<number, ErrorCode>> = {
  400: 'InvalidParameter',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'NotImplemented',
  429: 'Unavailable',
};

/**
 * The EngineError a client raises for an error response: the message is what
 * the docker CLI prints after `Error response from daemon: `.
 */
export function engineErrorFromResponse(response: RegistryResponse, context: Record<string, unknown> = {}): EngineError {
  const parsed = parseErrorBody(response.body);
  // HEAD answers carry no body: read the status as distribution's client does.
  const fallback = BODYLESS[response.status];
  const entries = parsed.length > 0 ? parsed : fallback ? [{ code: fallback, message: REGISTRY_ERRORS[fallback].message }] : [];
  const code = ENGINE_CODE[response.status] ?? 'System';
  const message =
    entries.length > 0 ? entries.map(errorText).join('; ') : `unexpected status from registry: ${response.status}`;
  return new EngineError(code, message, { ...context, status: response.status, errors: entries });
}
