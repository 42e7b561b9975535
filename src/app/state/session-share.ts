/**
 * A learner's session as data: the workspace files and the commands typed,
 * for a share link (`#session=…`, deflated and base64url-encoded: no server)
 * or a session file. Decoding validates everything and returns data only;
 * nothing is ever run — shared commands land in the terminal history, where
 * the learner chooses to run them with ↑ and Enter.
 */
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { decodeBase64, encodeBase64 } from '../../lib/base64.ts';
import type { MessageKey } from './messages.ts';
import { checkPath } from './workspace.svelte.ts';

export interface SessionDoc {
  readonly files: Readonly<Record<string, string>>;
  readonly history: readonly string[];
}

/** Format marker in every document; a different value is refused. */
export const SESSION_FORMAT = 'layerlab-session/1';
export const LIMITS = { fragmentChars: 200_000, jsonBytes: 2_000_000, files: 300, fileChars: 500_000, history: 500, lineChars: 4096 } as const;
const FRAGMENT = '#session=';

export type DecodeResult = { readonly ok: true; readonly doc: SessionDoc } | { readonly ok: false; readonly error: MessageKey };

/** The JSON form (session files). */
export function sessionJson(doc: SessionDoc): string {
  return JSON.stringify({ format: SESSION_FORMAT, files: doc.files, history: doc.history }, null, 2);
}

/** `#session=…` for a URL. */
export function encodeSessionFragment(doc: SessionDoc): string {
  const packed = deflateSync(strToU8(JSON.stringify({ format: SESSION_FORMAT, files: doc.files, history: doc.history })), { level: 9 });
  return FRAGMENT + encodeBase64(packed).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** True when a location hash carries a session (so the app asks before opening it). */
export function hasSessionFragment(hash: string): boolean {
  return hash.startsWith(FRAGMENT);
}

export function decodeSessionFragment(hash: string): DecodeResult {
  if (!hasSessionFragment(hash)) return { ok: false, error: 'sessionInvalid' };
  const text = hash.slice(FRAGMENT.length);
  if (text.length > LIMITS.fragmentChars || !/^[A-Za-z0-9_-]*$/.test(text)) return { ok: false, error: 'sessionInvalid' };
  let json: string;
  try {
    const bytes = inflateLimited(decodeBase64(text.replace(/-/g, '+').replace(/_/g, '/')), LIMITS.jsonBytes);
    if (!bytes) return { ok: false, error: 'sessionTooLarge' };
    json = strFromU8(bytes);
  } catch {
    return { ok: false, error: 'sessionInvalid' };
  }
  return parseSessionJson(json);
}

/**
 * Inflates in 1 kB steps and stops once the output passes `limit`, so a
 * small link that inflates to gigabytes (a deflate bomb) costs at most about
 * a megabyte past the limit. Null when over; throws on a damaged stream.
 */
function inflateLimited(input: Uint8Array, limit: number): Uint8Array | null {
  if (input.length === 0) throw new Error('empty session');
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    if (final) ended = true;
  });
  for (let i = 0; i < input.length && size <= limit; i += 1024) inflate.push(input.subarray(i, i + 1024), i + 1024 >= input.length);
  if (size > limit) return null;
  if (!ended) throw new Error('truncated session');
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Validates a session document (from a file or a link): shape, format, paths and sizes. */
export function parseSessionJson(json: string): DecodeResult {
  if (json.length > LIMITS.jsonBytes) return { ok: false, error: 'sessionTooLarge' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, error: 'sessionInvalid' };
  }
  if (!isRecord(value) || value.format !== SESSION_FORMAT || !isRecord(value.files) || !Array.isArray(value.history)) {
    return { ok: false, error: 'sessionInvalid' };
  }
  const entries = Object.entries(value.files);
  if (entries.length > LIMITS.files || value.history.length > LIMITS.history) return { ok: false, error: 'sessionTooLarge' };
  for (const [path, text] of entries) {
    if (typeof text !== 'string' || checkPath(path) !== null) return { ok: false, error: 'sessionInvalid' };
    if (text.length > LIMITS.fileChars) return { ok: false, error: 'sessionTooLarge' };
  }
  // fromEntries and hasOwn: a file may be called `__proto__` or `constructor` like any other.
  const files = Object.fromEntries(entries) as Record<string, string>;
  // Paths must form a tree: no file may also be another file's directory.
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let k = 1; k < parts.length; k++) if (Object.hasOwn(files, parts.slice(0, k).join('/'))) return { ok: false, error: 'sessionInvalid' };
  }
  const history: string[] = [];
  for (const line of value.history) {
    if (typeof line !== 'string' || line.length > LIMITS.lineChars || /[\r\n\x00-\x08\x0b-\x1f\x7f]/.test(line)) return { ok: false, error: 'sessionInvalid' };
    history.push(line);
  }
  return { ok: true, doc: { files, history } };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}
