/**
 * The PATH a Linux container gets when its image sets none. BuildKit adds it
 * to every stage's config ("make sure that PATH is always set"), and dockerd
 * adds it to a container's environment at create time, so even `FROM scratch`
 * images find `/bin/sh`.
 */
export const DEFAULT_LINUX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** `env` (`KEY=value` entries) with `PATH=<default>` appended when no PATH entry exists. */
export function withDefaultPath(env: readonly string[] | null | undefined): string[] {
  const list = [...(env ?? [])];
  const hasPath = list.some((e) => e === 'PATH' || e.startsWith('PATH='));
  if (!hasPath) list.push(`PATH=${DEFAULT_LINUX_PATH}`);
  return list;
}
