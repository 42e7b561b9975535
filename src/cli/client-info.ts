/**
 * The simulated docker client's own facts (docker/cli v28.5.2). The client runs
 * in the tab or in Node; it reports linux/amd64 because it lives on the
 * simulated Docker host.
 */
export const CLIENT = {
  version: '28.5.2',
  apiVersion: '1.51',
  defaultApiVersion: '1.51',
  goVersion: 'go1.24.9',
  gitCommit: 'ecc6942',
  /** Already formatted as the client prints it (time.ANSIC). */
  built: 'Wed Nov  5 14:43:34 2025',
  os: 'linux',
  arch: 'amd64',
  context: 'default',
} as const;
