/**
 * Facts about the simulated Docker host. Containers share the host's kernel, so
 * `uname -r` inside any container prints HOST.kernelVersion, as on real Linux.
 *
 * Simplification: one fixed host; Layerlab never reads the real machine's facts.
 */
export const HOST = {
  hostname: 'docker-host',
  kernelVersion: '6.8.0-48-generic',
  operatingSystem: 'Ubuntu 24.04.1 LTS',
  osVersion: '24.04',
  osType: 'linux',
  architecture: 'x86_64',
  goArch: 'amd64',
  ncpu: 2,
  memTotal: 4 * 1024 * 1024 * 1024,
  dockerRootDir: '/var/lib/docker',
} as const;

/** The Docker release Layerlab behaves like (docker/cli and moby v28.5.2). */
export const DOCKER = {
  version: '28.5.2',
  apiVersion: '1.51',
  minApiVersion: '1.24',
  goVersion: 'go1.24.9',
  /** Release build time, RFC 3339 as the Engine API sends it. */
  buildTime: '2025-11-05T14:43:34.000000000+00:00',
  containerd: { version: 'v1.7.28', gitCommit: 'b98a3aace656320842a23f4a392a33f46af97866' },
  runc: { version: '1.3.0', gitCommit: 'v1.3.0-0-g4ca628d1' },
  dockerInit: { version: '0.19.0', gitCommit: 'de40ad0' },
} as const;
