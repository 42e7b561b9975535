/**
 * A registry's storage, shaped like Distribution's: one content-addressed
 * blob store for the whole registry, and per repository the links that make
 * a blob visible there (`_layers`), the manifest revisions it holds
 * (`_manifests/revisions`) and its tags (`_manifests/tags`). A layer pushed to
 * two repositories is stored once and linked twice; deleting it from one
 * repository removes the link, not the bytes.
 */
import { ContentStore } from '../content/store.ts';
import type { Digest } from '../oci/digest.ts';

interface Repository {
  readonly layers: Set<Digest>;
  /** Manifest digest → media type. */
  readonly manifests: Map<Digest, string>;
  readonly tags: Map<string, Digest>;
}

export interface StoredManifest {
  readonly digest: Digest;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}

export class RegistryStorage {
  private readonly repos = new Map<string, Repository>();

  constructor(readonly blobs: ContentStore = new ContentStore()) {}

  /** Whether the repository exists: it has linked a blob or held a manifest, as Distribution's catalog counts it. */
  hasRepository(name: string): boolean {
    return this.repos.has(name);
  }

  /** Repository names, sorted (the `_catalog` order). */
  repositories(): string[] {
    return [...this.repos.keys()].sort();
  }

  hasBlob(name: string, digest: Digest): boolean {
    return this.repos.get(name)?.layers.has(digest) === true && this.blobs.has(digest);
  }

  /** Stores bytes (verified against `digest`) and links them into the repository. */
  putBlob(name: string, data: Uint8Array, digest: Digest): void {
    this.blobs.put(data, digest);
    this.repo(name).layers.add(digest);
  }

  /** Links a blob the registry already holds (cross-repository mount); false when it holds none. */
  linkBlob(name: string, digest: Digest): boolean {
    if (!this.blobs.has(digest)) return false;
    this.repo(name).layers.add(digest);
    return true;
  }

  /** Removes the repository's link; the bytes stay for other repositories (garbage collection is offline in Distribution). */
  unlinkBlob(name: string, digest: Digest): boolean {
    return this.repos.get(name)?.layers.delete(digest) === true;
  }

  getBlob(name: string, digest: Digest): Uint8Array | undefined {
    return this.hasBlob(name, digest) ? this.blobs.get(digest) : undefined;
  }

  putManifest(name: string, bytes: Uint8Array, mediaType: string, digest: Digest): void {
    this.blobs.put(bytes, digest);
    this.repo(name).manifests.set(digest, mediaType);
  }

  getManifest(name: string, digest: Digest): StoredManifest | undefined {
    const mediaType = this.repos.get(name)?.manifests.get(digest);
    if (mediaType === undefined || !this.blobs.has(digest)) return undefined;
    return { digest, mediaType, bytes: this.blobs.get(digest) };
  }

  hasManifest(name: string, digest: Digest): boolean {
    return this.repos.get(name)?.manifests.has(digest) === true;
  }

  /** Deletes a revision and every tag pointing at it (Distribution untags on manifest delete). */
  deleteManifest(name: string, digest: Digest): boolean {
    const repo = this.repos.get(name);
    if (!repo?.manifests.delete(digest)) return false;
    for (const [tag, d] of repo.tags) if (d === digest) repo.tags.delete(tag);
    return true;
  }

  tag(name: string, tag: string, digest: Digest): void {
    this.repo(name).tags.set(tag, digest);
  }

  resolveTag(name: string, tag: string): Digest | undefined {
    return this.repos.get(name)?.tags.get(tag);
  }

  /** Tags of a repository, sorted; undefined when the repository is unknown. */
  tags(name: string): string[] | undefined {
    const repo = this.repos.get(name);
    return repo ? [...repo.tags.keys()].sort() : undefined;
  }

  private repo(name: string): Repository {
    let repo = this.repos.get(name);
    if (!repo) {
      repo = { layers: new Set(), manifests: new Map(), tags: new Map() };
      this.repos.set(name, repo);
    }
    return repo;
  }
}
