/**
 * Blob upload sessions. A session collects chunks until a closing PUT names
 * the digest; only bytes that hash to that digest are stored. The `_state`
 * token in each `Location` carries the offset the client last saw, as in
 * Distribution: a client resuming with a stale Location is refused
 * (BLOB_UPLOAD_INVALID) and must ask for the session's status first.
 *
 * Simplification: Distribution signs `_state` with an HMAC secret; ours is
 * plain base64url JSON, since nothing outside the engine can forge a request.
 */
import { randomUuid } from '../deps.ts';
import type { Rng } from '../deps.ts';
import { base64Decode, base64Encode, concat, decodeUtf8, encodeUtf8 } from './bytes.ts';

export interface UploadSession {
  readonly uuid: string;
  readonly name: string;
  readonly chunks: Uint8Array[];
  offset: number;
}

interface UploadState {
  readonly Name: string;
  readonly UUID: string;
  readonly Offset: number;
}

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(private readonly rng: Rng) {}

  start(name: string): UploadSession {
    const session: UploadSession = { uuid: randomUuid(this.rng), name, chunks: [], offset: 0 };
    this.sessions.set(session.uuid, session);
    return session;
  }

  get(uuid: string): UploadSession | undefined {
    return this.sessions.get(uuid);
  }

  append(session: UploadSession, chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    session.chunks.push(chunk.slice());
    session.offset += chunk.length;
  }

  /** The bytes so far, plus an optional final chunk, without changing the session. */
  contents(session: UploadSession, final?: Uint8Array | null): Uint8Array {
    return concat(final && final.length > 0 ? [...session.chunks, final] : session.chunks);
  }

  end(uuid: string): void {
    this.sessions.delete(uuid);
  }

  /** Sessions in progress (what an interrupted push leaves behind). */
  get size(): number {
    return this.sessions.size;
  }
}

/** The `_state` token for a session at its current offset. */
export function encodeState(session: UploadSession): string {
  const state: UploadState = { Name: session.name, UUID: session.uuid, Offset: session.offset };
  return base64Encode(encodeUtf8(JSON.stringify(state))).replace(/\+/g, '-').replace(/\//g, '_');
}

/** Reads a `_state` token; undefined when absent or malformed. */
export function decodeState(token: string | undefined): UploadState | undefined {
  if (token === undefined || token === '') return undefined;
  const raw = base64Decode(token);
  if (!raw) return undefined;
  try {
    const s = JSON.parse(decodeUtf8(raw)) as Partial<UploadState>;
    if (typeof s.Name !== 'string' || typeof s.UUID !== 'string' || typeof s.Offset !== 'number') return undefined;
    return { Name: s.Name, UUID: s.UUID, Offset: s.Offset };
  } catch {
    return undefined;
  }
}
