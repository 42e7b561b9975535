/**
 * The seam between the registry client and the local image store
 * (src/engine/images, built separately). The client needs little: read and
 * write blobs by digest, find the manifest to push for a reference, and
 * record a pulled image under its reference. An image store implements
 * LocalImageStore (or is adapted to it in engine.ts); MemoryImageStore below
 * is the reference implementation the tests and the oracle use.
 *
 * References are full, normalised strings: `docker.io/library/busybox:latest`,
 * `localhost:5000/app@sha256:…`.
 */
import { EngineError } from '../../api/errors.ts';
import { ContentStore } from '../content/store.ts';
import type { Digest } from '../oci/digest.ts';

/** A manifest document as stored: its bytes are what its digest names. */
export interface ManifestBlob {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

/** What a pull records once every blob is verified and stored. */
export interface PulledImage {
  /** The reference pulled, normalised (a tag or a digest). */
  readonly reference: string;
  /** The digest the reference resolved to (an index's digest when the tag names one): the repo digest. */
  readonly repoDigest: Digest;
  /** The platform manifest; its config digest is the image id. */
  readonly manifest: ManifestBlob;
  readonly configDigest: Digest;
  /** Layer blob digests, base first. */
  readonly layers: readonly Digest[];
}

/**
 * Contract:
 * - `putBlob` verifies: bytes that do not hash to `expected` store nothing
 *   and throw (`DataLoss`); putting a present blob is a no-op.
 * - `getBlob` of an absent digest throws `NotFound`.
 * - `manifestFor` answers the manifest `docker push` would send for a local
 *   reference, or undefined when no image is tagged so; every blob it
 *   references must be readable with `getBlob`.
 * - `imageIdFor` is the config digest a reference points at, if any.
 * - `putImage` is called after all of the image's blobs are stored; it tags
 *   `reference` (and records the repo digest). It may be asynchronous
 *   (unpacking layers); the pull completes when it settles.
 */
export interface LocalImageStore {
  hasBlob(digest: Digest): boolean;
  getBlob(digest: Digest): Uint8Array;
  putBlob(data: Uint8Array, expected: Digest): void;
  manifestFor(reference: string): ManifestBlob | undefined;
  imageIdFor(reference: string): Digest | undefined;
  putImage(image: PulledImage): void | Promise<void>;
}

/**
 * Optional capability: where a blob is known to exist already, so a push can
 * mount it across repositories instead of uploading (dockerd keeps this as
 * "v2 metadata"). Answers repository paths on `host`.
 */
export interface MountSources {
  mountSources(host: string, digest: Digest): readonly string[];
}

export interface TaggedImage {
  readonly manifest: ManifestBlob;
  readonly configDigest: Digest;
  readonly repoDigest?: Digest;
}

/** A minimal in-memory LocalImageStore over a ContentStore, with blob provenance for mounts. */
export class MemoryImageStore implements LocalImageStore, MountSources {
  private readonly refs = new Map<string, TaggedImage>();
  private readonly origins = new Map<Digest, Set<string>>();

  constructor(readonly content: ContentStore = new ContentStore()) {}

  hasBlob(digest: Digest): boolean {
    return this.content.has(digest);
  }

  getBlob(digest: Digest): Uint8Array {
    return this.content.get(digest);
  }

  putBlob(data: Uint8Array, expected: Digest): void {
    this.content.put(data, expected);
  }

  manifestFor(reference: string): ManifestBlob | undefined {
    return this.refs.get(reference)?.manifest;
  }

  imageIdFor(reference: string): Digest | undefined {
    return this.refs.get(reference)?.configDigest;
  }

  putImage(image: PulledImage): void {
    if (!this.content.has(image.manifest.digest)) this.content.put(image.manifest.bytes, image.manifest.digest);
    this.refs.set(image.reference, { manifest: image.manifest, configDigest: image.configDigest, repoDigest: image.repoDigest });
    const at = image.reference.search(/[:@][^/]*$/);
    const repository = at < 0 ? image.reference : image.reference.slice(0, at);
    for (const d of image.layers) this.noteOrigin(repository, d);
  }

  /** Tags a local image (what `docker tag` and a local build do). */
  tag(reference: string, image: TaggedImage): void {
    if (!this.content.has(image.manifest.digest)) this.content.put(image.manifest.bytes, image.manifest.digest);
    this.refs.set(reference, image);
  }

  /** Records that `repository` (`host/path`) holds `digest`, for later cross-repository mounts. */
  noteOrigin(repository: string, digest: Digest): void {
    let set = this.origins.get(digest);
    if (!set) this.origins.set(digest, (set = new Set()));
    set.add(repository);
  }

  mountSources(host: string, digest: Digest): readonly string[] {
    const prefix = `${host}/`;
    return [...(this.origins.get(digest) ?? [])].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
  }

  references(): string[] {
    return [...this.refs.keys()].sort();
  }

  get(reference: string): TaggedImage {
    const image = this.refs.get(reference);
    if (!image) throw new EngineError('NotFound', `No such image: ${reference}`, { reference });
    return image;
  }
}
