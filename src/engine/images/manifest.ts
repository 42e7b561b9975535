/** OCI image manifests (manifest.md) for images in the store: config descriptor plus gzip layer descriptors. */
import { MEDIA_TYPE } from './media-types.ts';

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
}

export interface OciManifest {
  readonly schemaVersion: 2;
  readonly mediaType: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
}

/** The manifest JSON (compact, key order as containerd/BuildKit marshal ocispec.Manifest). */
export function manifestJson(config: { digest: string; size: number }, layers: readonly { digest: string; size: number }[]): string {
  const m: OciManifest = {
    schemaVersion: 2,
    mediaType: MEDIA_TYPE.ociManifest,
    config: { mediaType: MEDIA_TYPE.ociConfig, digest: config.digest, size: config.size },
    layers: layers.map((l) => ({ mediaType: MEDIA_TYPE.ociLayerGzip, digest: l.digest, size: l.size })),
  };
  return JSON.stringify(m);
}
