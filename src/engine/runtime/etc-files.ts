/**
 * The files dockerd writes for every container on the default bridge:
 * /etc/hostname, /etc/hosts (localhost lines plus the container's own IP and
 * hostname) and /etc/resolv.conf.
 *
 * Simplification: Docker keeps them in /var/lib/docker/containers/<id>/ and
 * bind-mounts them over the root file system, so they never show in
 * `docker diff` or `docker commit`. Layerlab writes them into the container's
 * upper dir and leaves them out of diff and commit (see CONTAINER_MANAGED_FILES).
 */
import { isFsError } from '../fs/errors.ts';
import type { Vfs } from '../fs/vfs.ts';
import { encode } from '../userspace/io/text.ts';

export const CONTAINER_MANAGED_FILES: readonly string[] = ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf'];

/** dockerd's /etc/hosts: the loopback lines, then the container's address and hostname (none without a network). */
export function hostsFile(hostname: string, ip: string): string {
  return (
    '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n' +
    `ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${ip ? `${ip}\t${hostname}\n` : ''}`
  );
}

/** Docker's fallback resolvers when the host has only local ones. */
export const RESOLV_CONF = 'nameserver 8.8.8.8\nnameserver 8.8.4.4\n';

/** Writes the three files into the container's root (creating /etc when the image has none). */
export function writeEtcFiles(vfs: Vfs, hostname: string, ip: string): void {
  try {
    vfs.mkdir('/etc', 0o755);
  } catch (e) {
    if (!isFsError(e, 'EEXIST')) throw e;
  }
  vfs.writeFile('/etc/hostname', encode(`${hostname}\n`), { mode: 0o644 });
  vfs.writeFile('/etc/hosts', encode(hostsFile(hostname, ip)), { mode: 0o644 });
  vfs.writeFile('/etc/resolv.conf', encode(RESOLV_CONF), { mode: 0o644 });
}
