import { sha256 } from 'hash-wasm';
import {
  ENGINE_STATE_FORMAT,
  ENGINE_STATE_VERSION,
  EngineError,
  type EngineStateBody,
  type EngineStateDocument,
} from '../api/index.ts';
import { canonicalJson } from '../lib/canonical-json.ts';

/** Wrap a state body in a checksummed document. */
export async function sealState(body: EngineStateBody): Promise<EngineStateDocument> {
  return {
    format: ENGINE_STATE_FORMAT,
    version: ENGINE_STATE_VERSION,
    checksum: `sha256:${await sha256(canonicalJson(body))}`,
    body,
  };
}

/**
 * Check a document read back from storage. Throws `DataLoss` with what is
 * wrong (not a state document, a newer format, a checksum mismatch), so the
 * host can fall back to the last good snapshot and say why.
 */
export async function openState(doc: unknown): Promise<EngineStateBody> {
  if (!doc || typeof doc !== 'object' || (doc as { format?: unknown }).format !== ENGINE_STATE_FORMAT) {
    throw new EngineError('DataLoss', 'engine state is not a Layerlab state document', {});
  }
  const d = doc as EngineStateDocument;
  if (d.version !== ENGINE_STATE_VERSION) {
    throw new EngineError('DataLoss', `engine state has format version ${d.version}, this Layerlab reads version ${ENGINE_STATE_VERSION}`, {
      found: d.version,
      expected: ENGINE_STATE_VERSION,
    });
  }
  const actual = `sha256:${await sha256(canonicalJson(d.body))}`;
  if (actual !== d.checksum) {
    throw new EngineError('DataLoss', `engine state is corrupt: checksum ${actual} does not match ${d.checksum}`, {
      expected: d.checksum,
      actual,
    });
  }
  return d.body;
}
