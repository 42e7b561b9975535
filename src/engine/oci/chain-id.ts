/**
 * Layer and image identity per the OCI image spec (config.md "Layer ChainID",
 * identity/chainid.go):
 *
 * - a **diffId** names one layer's uncompressed tar;
 * - a **chainId** names a layer *together with every layer below it*, so the
 *   same diffId on top of different parents gets a different chainId. The
 *   snapshotter keys committed snapshots by chainId for exactly that reason;
 * - an **image id** is the digest of the image's config bytes.
 */
import { sha256Digest } from './digest.ts';

/**
 * ChainID of a parent chain plus one more layer: sha256 of the two digests in
 * `sha256:<hex>` form joined by a single space. The base case (no parent) is
 * the diffId itself.
 */
export function chainIdOf(parentChainId: string | null, diffId: string): string {
  return parentChainId === null ? diffId : sha256Digest(`${parentChainId} ${diffId}`);
}

/**
 * ChainIDs of every prefix of a layer stack, bottom first: `result[i]` names
 * layers `0..i`. An empty stack has no chainIds.
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  let parent: string | null = null;
  for (const diffId of diffIds) {
    parent = chainIdOf(parent, diffId);
    out.push(parent);
  }
  return out;
}

/** ChainID of the whole stack (the top snapshot's key), or `null` for no layers. */
export function chainId(diffIds: readonly string[]): string | null {
  const all = chainIds(diffIds);
  return all.length === 0 ? null : all[all.length - 1]!;
}

/**
 * Image id as the classic (graphdriver) image store computes it: the digest of
 * the exact config JSON bytes. Re-serialising the config changes the id, so
 * callers must pass the bytes they store.
 */
export function imageIdOf(configBytes: Uint8Array | string): string {
  return sha256Digest(configBytes);
}

/**
 * The 12-hex-digit form `docker images` shows: drop the `algo:` prefix, keep
 * the first 12 characters (docker/cli stringid.TruncateID).
 */
export function shortImageId(id: string): string {
  const colon = id.indexOf(':');
  return (colon >= 0 ? id.slice(colon + 1) : id).slice(0, 12);
}
