/**
 * Manifests as the registry and its client read them: image manifests (OCI
 * and Docker schema 2) name a config and layers; image indexes (OCI index,
 * Docker manifest list) name per-platform manifests. Only what distribution
 * needs is parsed: the media type and the descriptors a manifest references.
 */
import { isDigest } from '../oci/digest.ts';
import type { Digest } from '../oci/digest.ts';
import { decodeUtf8 } from './bytes.ts';
import { jsonErrorOffset } from './json-offset.ts';

export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
} as const;

/** What a client accepts when resolving a reference, in docker's order of preference. */
export const MANIFEST_ACCEPT = [
  MediaType.dockerManifest,
  MediaType.dockerManifestList,
  MediaType.ociManifest,
  MediaType.ociIndex,
] as const;

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MediaType.ociIndex || mediaType === MediaType.dockerManifestList;
}

export function isManifestMediaType(mediaType: string): boolean {
  return mediaType === MediaType.ociManifest || mediaType === MediaType.dockerManifest;
}

export interface Platform {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
}

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: Digest;
  readonly size: number;
  readonly platform?: Platform;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface ImageManifest {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

export interface ImageIndex {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly manifests: readonly Descriptor[];
}

/** A parsed manifest document: which kind, and every digest it references. */
export type ParsedManifest =
  | { readonly kind: 'manifest'; readonly mediaType: string; readonly manifest: ImageManifest; readonly references: readonly string[] }
  | { readonly kind: 'index'; readonly mediaType: string; readonly index: ImageIndex; readonly references: readonly string[] };

/** Why a document is not a manifest; `offset` is set for JSON syntax errors. */
export class ManifestParseError extends Error {
  override readonly name = 'ManifestParseError';
  constructor(message: string, readonly offset?: number) {
    super(message);
  }
}

/**
 * Parses manifest bytes. The media type comes from the document's
 * `mediaType` field, else from `contentType` (the PUT's Content-Type), else
 * from its shape (`manifests` means an index). References are returned as
 * written, so the registry can report malformed digests itself.
 */
export function parseManifest(bytes: Uint8Array, contentType = ''): ParsedManifest {
  let doc: unknown;
  const text = decodeUtf8(bytes);
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ManifestParseError('invalid JSON', jsonErrorOffset(bytes) ?? bytes.length);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ManifestParseError('not a JSON object');
  const d = doc as Record<string, unknown>;
  const declared = typeof d['mediaType'] === 'string' ? d['mediaType'] : '';
  const type = declared || baseType(contentType) || (Array.isArray(d['manifests']) ? MediaType.ociIndex : MediaType.ociManifest);
  if (isIndexMediaType(type)) {
    const manifests = Array.isArray(d['manifests']) ? d['manifests'].map(descriptorOf) : [];
    return {
      kind: 'index',
      mediaType: type,
      index: { schemaVersion: 2, mediaType: type, manifests },
      references: manifests.map((m) => m.digest),
    };
  }
  if (!isManifestMediaType(type)) throw new ManifestParseError(`unsupported manifest media type ${type}`);
  const config = descriptorOf(d['config']);
  const layers = Array.isArray(d['layers']) ? d['layers'].map(descriptorOf) : [];
  return {
    kind: 'manifest',
    mediaType: type,
    manifest: { schemaVersion: 2, mediaType: type, config, layers },
    references: [config.digest, ...layers.map((l) => l.digest)],
  };
}

/** Picks the manifest for a platform from an index (docker's default: linux/amd64). */
export function selectPlatform(index: ImageIndex, want: Platform = { os: 'linux', architecture: 'amd64' }): Descriptor | undefined {
  return index.manifests.find(
    (m) =>
      m.platform !== undefined &&
      m.platform.os === want.os &&
      m.platform.architecture === want.architecture &&
      (want.variant === undefined || m.platform.variant === want.variant),
  );
}

function descriptorOf(value: unknown): Descriptor {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const digest = typeof v['digest'] === 'string' ? v['digest'] : '';
  const platform = v['platform'] as Platform | undefined;
  return {
    mediaType: typeof v['mediaType'] === 'string' ? v['mediaType'] : '',
    digest: digest as Digest,
    size: typeof v['size'] === 'number' ? v['size'] : 0,
    ...(platform && typeof platform === 'object' ? { platform } : {}),
  };
}

function baseType(contentType: string): string {
  return contentType.split(';')[0]!.trim();
}

/** Whether every reference is a well-formed digest (used by clients before trusting a manifest). */
export function referencesAreDigests(parsed: ParsedManifest): boolean {
  return parsed.references.every((r) => isDigest(r));
}
