/** What the image store keeps per image besides its blobs: plain data, persisted in engine state. */

/** One layer as the store tracks it (the blobs live in the content store). */
export interface LayerRecord {
  readonly diffId: string;
  /** Digest of the gzip blob (what the manifest names). */
  readonly digest: string;
  /** Bytes of the gzip blob. */
  readonly compressedSize: number;
  /** DiffSize docker reports (see ImageLayer.reportedSize). */
  readonly size: number;
}

export interface ImageRecord {
  /** Image id: the config digest. */
  readonly id: string;
  readonly manifestDigest: string;
  readonly configSize: number;
  readonly layers: readonly LayerRecord[];
  /** Classic-builder parent image id, if any (drives `docker history` ids and rmi's child conflict). */
  readonly parent?: string;
  /** RFC 3339 of the last `docker tag` of this image; absent = never tagged locally. */
  readonly lastTagTime?: string;
}
