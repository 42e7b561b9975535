/**
 * The image config (OCI config.md + moby/docker-image-spec): what `docker
 * image inspect` shows under Config, and whose digest is the image id. Spec
 * spelling throughout. Values are immutable; `mutate.ts` makes new ones.
 */
import type { ImageContainerConfig } from '../../api/index.ts';

/** One `history` entry: a Dockerfile step, with or without a layer. */
export interface HistoryEntry {
  readonly created?: string;
  readonly created_by?: string;
  readonly author?: string;
  readonly comment?: string;
  /** The step made no layer (ENV, CMD, …): it has no diff_id. */
  readonly empty_layer?: boolean;
}

export interface ImageConfig {
  readonly created?: string;
  readonly author?: string;
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
  readonly config: ImageContainerConfig;
  readonly rootfs: { readonly type: 'layers'; readonly diff_ids: readonly string[] };
  readonly history?: readonly HistoryEntry[];
}

/** The `config` keys in struct order (ocispec ImageConfig, then Docker's extensions). */
const CONFIG_KEYS: readonly (keyof ImageContainerConfig)[] = [
  'User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'ArgsEscaped',
  'Healthcheck', 'OnBuild', 'Shell',
];
const HISTORY_KEYS: readonly (keyof HistoryEntry)[] = ['created', 'created_by', 'author', 'comment', 'empty_layer'];

/** omitempty as encoding/json applies it: zero values are left out. */
function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}

function pick<T extends object>(obj: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const k of keys) if (!isEmpty(obj[k])) out[k] = obj[k];
  return out;
}

/** Go marshals maps with sorted keys: Labels, ExposedPorts and Volumes print the same however they were built. */
function sortMaps(config: Partial<ImageContainerConfig>): Partial<ImageContainerConfig> {
  const sorted = <T>(m: Readonly<Record<string, T>> | undefined) =>
    m === undefined ? undefined : Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]!]));
  const out: Record<string, unknown> = { ...config };
  for (const k of ['ExposedPorts', 'Volumes', 'Labels'] as const) if (config[k] !== undefined) out[k] = sorted(config[k] as Record<string, unknown>);
  return out as Partial<ImageContainerConfig>;
}

/**
 * The config as BuildKit's exporter writes it: top-level keys in alphabetical
 * order (it re-marshals a map), inner `config` and history keys in struct
 * order, omitempty everywhere except `rootfs`. The bytes of this JSON are
 * what the image id names.
 */
export function configJson(c: ImageConfig): string {
  const top: Record<string, unknown> = {
    architecture: c.architecture,
    author: c.author,
    config: sortMaps(pick(c.config, CONFIG_KEYS)),
    created: c.created,
    history: c.history?.map((h) => pick(h, HISTORY_KEYS)),
    os: c.os,
    rootfs: { type: c.rootfs.type, diff_ids: c.rootfs.diff_ids },
    variant: c.variant,
  };
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(top).sort()) if (k === 'rootfs' || k === 'config' || !isEmpty(top[k])) out[k] = top[k];
  return JSON.stringify(out);
}

/** Reads a config JSON written by any producer (load, pull); rejects what is not an image config. */
export function parseConfig(text: string): ImageConfig {
  const raw = JSON.parse(text) as Partial<ImageConfig> & { config?: ImageContainerConfig | null };
  if (!raw || typeof raw !== 'object' || !raw.rootfs || !Array.isArray(raw.rootfs.diff_ids)) {
    throw new Error('image config has no rootfs.diff_ids');
  }
  return {
    ...(raw.created !== undefined ? { created: raw.created } : {}),
    ...(raw.author ? { author: raw.author } : {}),
    architecture: raw.architecture ?? 'amd64',
    os: raw.os ?? 'linux',
    ...(raw.variant ? { variant: raw.variant } : {}),
    config: pick(raw.config ?? {}, CONFIG_KEYS),
    rootfs: { type: 'layers', diff_ids: raw.rootfs.diff_ids },
    ...(raw.history ? { history: raw.history } : {}),
  };
}

/** Unix ms → RFC 3339 UTC as Go prints a time.Time with no fractional part (`2024-09-26T21:31:42Z`). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** Unix ms → Go's RFC3339Nano in UTC: fraction with trailing zeros trimmed (`2026-01-01T00:00:00.5Z`). */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, f: string) => (f ? `.${f}Z` : 'Z'));
}

/** RFC 3339 (with optional fraction) → Unix seconds; 0 when absent or unreadable (Docker shows N/A). */
export function unixSeconds(rfc: string | undefined): number {
  if (!rfc) return 0;
  const ms = Date.parse(rfc);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}
