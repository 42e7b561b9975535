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

/** Persisted form of one repository: plain data, blobs by digest only. */
export interface RepositoryState {
  readonly layers: readonly string[];
  /** Manifest digest → media type. */
  readonly manifests: Readonly<Record<string, string>>;
  readonly tags: Readonly<Record<string, string>>;
}

/** Persisted form of a registry's storage (the blob bytes are saved by whoever owns the blob store). */
export interface RegistryStorageState {
  readonly repositories: Readonly<Record<string, RepositoryState>>;
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

  /** Every blob digest a repository links or holds a manifest under (what a save must keep). */
  referencedBlobs(): string[] {
    const out = new Set<string>();
    for (const repo of this.repos.values()) {
      for (const d of repo.layers) out.add(d);
      for (const d of repo.manifests.keys()) out.add(d);
    }
    return [...out].sort();
  }

  exportState(): RegistryStorageState {
    const repositories: Record<string, RepositoryState> = {};
    for (const [name, repo] of [...this.repos].sort(([a], [b]) => (a < b ? -1 : 1))) {
      repositories[name] = {
        layers: [...repo.layers].sort(),
        manifests: Object.fromEntries(repo.manifests),
        tags: Object.fromEntries(repo.tags),
      };
    }
    return { repositories };
  }

  /** Replaces the repositories with a saved state; links to blobs the store lacks are dropped. */
  importState(state: RegistryStorageState | undefined): void {
    this.repos.clear();
    for (const [name, r] of Object.entries(state?.repositories ?? {})) {
      const repo = this.repo(name);
      for (const d of r.layers) if (this.blobs.has(d as Digest)) repo.layers.add(d as Digest);
      for (const [d, type] of Object.entries(r.manifests)) if (this.blobs.has(d as Digest)) repo.manifests.set(d as Digest, type);
      for (const [tag, d] of Object.entries(r.tags)) if (repo.manifests.has(d as Digest)) repo.tags.set(tag, d as Digest);
    }
  }
}
