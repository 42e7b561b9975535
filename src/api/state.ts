/**
 * One serialisation of engine state, used by every host: the Node CLI writes it
 * under $LAYERLAB_HOME, the browser keeps it in IndexedDB. Plain JSON-compatible
 * data; blobs are base64 inside `blobs` keyed by digest so that the same
 * content is stored once. `checksum` (sha256 of the canonical body) detects
 * corruption; `version` detects format changes.
 */
export const ENGINE_STATE_FORMAT = 'layerlab-engine-state';
export const ENGINE_STATE_VERSION = 1;

export interface EngineStateBody {
  /** Daemon ID (`docker info` ID), generated once from the injected Rng. */
  readonly daemonId: string;
  /** Next event sequence number, so seq stays monotonic across restarts. */
  readonly nextSeq: number;
  /** Records owned by engine modules, keyed by module name (`images`, `containers`, …). */
  readonly records: Readonly<Record<string, unknown>>;
  /** Content-addressed blobs: `sha256:<hex>` → base64. */
  readonly blobs: Readonly<Record<string, string>>;
}

export interface EngineStateDocument {
  readonly format: typeof ENGINE_STATE_FORMAT;
  readonly version: number;
  /** `sha256:<hex>` of the canonical JSON of `body`. */
  readonly checksum: string;
  readonly body: EngineStateBody;
}
