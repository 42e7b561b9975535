/**
 * Where overlay2 keeps a container's layers on the host, in one place for
 * `docker inspect` (GraphDriver.Data), the container's own /proc/mounts and
 * the host's /var/lib/docker and mount table: a layer's directory is named
 * by its chain id's hex, a container's by its id (plus `<id>-init`), and the
 * mount's `lowerdir` names overlay2's short links (`l/<26 chars>`).
 *
 * Simplification: dockerd names layer directories by a random cache id;
 * Layerlab uses the chain id so the names are the same in every session.
 */
import { sha256Digest } from '../oci/digest.ts';

export const OVERLAY_ROOT = '/var/lib/docker/overlay2';

/** A committed layer's directory name. */
export function layerDirName(chainId: string): string {
  return chainId.replace(/^sha256:/, '');
}

/** The directories below a container's writable layer, nearest first: its init layer, then the image's layers top down. */
export function containerLowerDirs(c: { readonly id: string; readonly chainIds: readonly string[] }): string[] {
  return [`${c.id}-init`, ...[...c.chainIds].reverse().map(layerDirName)];
}

/** overlay2's short link name for a layer directory: 26 characters of [A-Z2-7], derived from the name. */
export function shortLink(dirName: string): string {
  const hex = sha256Digest(dirName).slice(7);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  for (let i = 0; i < 26; i++) out += alphabet[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 32];
  return out;
}

/** The overlay mount's options for a layer dir over `lowers` (as the kernel lists them in /proc/mounts). */
export function overlayOptions(dirName: string, lowers: readonly string[]): string {
  const dir = `${OVERLAY_ROOT}/${dirName}`;
  const lower = lowers.map((x) => `${OVERLAY_ROOT}/l/${shortLink(x)}`).join(':');
  return `rw,relatime,lowerdir=${lower},upperdir=${dir}/diff,workdir=${dir}/work,nouserxattr`;
}
