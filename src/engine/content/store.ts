import { EngineError } from '../../api/index.ts';
import { isDigest, sha256Digest } from '../oci/digest.ts';
import type { Digest } from '../oci/digest.ts';

/** Size and digest of one stored blob (an OCI descriptor without media type). */
export interface BlobInfo {
  readonly digest: Digest;
  readonly size: number;
}

/**
 * The content store: blobs addressed by their sha256 digest, as containerd's
 * content store and an OCI layout's `blobs/sha256/`. Content is immutable, so
 * one blob is shared by every image, layer and registry that names it.
 *
 * Contract: `put` is idempotent and verifies — given an `expected` digest that
 * the bytes do not hash to, it stores nothing and throws `DataLoss` (the
 * "failed precondition: unexpected commit digest" case). `get` of an unknown
 * digest throws `NotFound`. Stored bytes are copied in and handed out as views
 * that callers must not mutate.
 */
export class ContentStore {
  private readonly blobs = new Map<Digest, Uint8Array>();

  put(data: Uint8Array, expected?: Digest): BlobInfo {
    const digest = sha256Digest(data);
    if (expected !== undefined && expected !== digest) {
      throw new EngineError('DataLoss', `unexpected commit digest ${digest}, expected ${expected}: failed precondition`, {
        expected,
        actual: digest,
      });
    }
    if (!this.blobs.has(digest)) this.blobs.set(digest, data.slice());
    return { digest, size: data.length };
  }

  has(digest: Digest): boolean {
    return this.blobs.has(digest);
  }

  get(digest: Digest): Uint8Array {
    const blob = this.blobs.get(digest);
    if (!blob) {
      const why = isDigest(digest) ? 'not found' : 'invalid digest';
      throw new EngineError('NotFound', `content digest ${digest}: ${why}`, { digest });
    }
    return blob;
  }

  info(digest: Digest): BlobInfo {
    return { digest, size: this.get(digest).length };
  }

  /** Removes a blob; removing an absent one is not an error (idempotent, like garbage collection). */
  delete(digest: Digest): void {
    this.blobs.delete(digest);
  }

  /** Every stored digest, sorted. */
  list(): Digest[] {
    return [...this.blobs.keys()].sort();
  }

  /** Total bytes stored (what `docker system df` would count). */
  get size(): number {
    let n = 0;
    for (const b of this.blobs.values()) n += b.length;
    return n;
  }
}
