import type { SystemInfo, SystemVersion } from '../api/index.ts';
import { DOCKER, HOST } from './host.ts';

/** Counts the daemon reports; filled by the stores as they land. */
export interface DaemonCounts {
  readonly containers: number;
  readonly running: number;
  readonly paused: number;
  readonly stopped: number;
  readonly images: number;
}

export const LAYERLAB_VERSION = '0.1.0';

/** `GET /version`, as dockerd 28 answers it (Platform names Layerlab). */
export function systemVersion(): SystemVersion {
  const engineDetails = {
    ApiVersion: DOCKER.apiVersion,
    Arch: HOST.goArch,
    BuildTime: DOCKER.buildTime,
    Experimental: 'false',
    GitCommit: `layerlab-${LAYERLAB_VERSION}`,
    GoVersion: DOCKER.goVersion,
    KernelVersion: HOST.kernelVersion,
    MinAPIVersion: DOCKER.minApiVersion,
    Os: HOST.osType,
  };
  return {
    Platform: { Name: 'Layerlab Engine (simulated Docker Engine - Community)' },
    Components: [
      { Name: 'Engine', Version: DOCKER.version, Details: engineDetails },
      { Name: 'containerd', Version: DOCKER.containerd.version, Details: { GitCommit: DOCKER.containerd.gitCommit } },
      { Name: 'runc', Version: DOCKER.runc.version, Details: { GitCommit: DOCKER.runc.gitCommit } },
      { Name: 'docker-init', Version: DOCKER.dockerInit.version, Details: { GitCommit: DOCKER.dockerInit.gitCommit } },
    ],
    Version: DOCKER.version,
    ApiVersion: DOCKER.apiVersion,
    MinAPIVersion: DOCKER.minApiVersion,
    GitCommit: engineDetails.GitCommit,
    GoVersion: DOCKER.goVersion,
    Os: HOST.osType,
    Arch: HOST.goArch,
    KernelVersion: HOST.kernelVersion,
    BuildTime: DOCKER.buildTime,
  };
}

/** `GET /info`, as dockerd 28 answers it for an overlay2 daemon on ext4. */
export function systemInfo(daemonId: string, counts: DaemonCounts, nowMs: number): SystemInfo {
  return {
    ID: daemonId,
    Containers: counts.containers,
    ContainersRunning: counts.running,
    ContainersPaused: counts.paused,
    ContainersStopped: counts.stopped,
    Images: counts.images,
    Driver: 'overlay2',
    DriverStatus: [
      ['Backing Filesystem', 'extfs'],
      ['Supports d_type', 'true'],
      ['Using metacopy', 'false'],
      ['Native Overlay Diff', 'true'],
      ['userxattr', 'false'],
    ],
    Plugins: {
      Volume: ['local'],
      Network: ['bridge', 'host', 'ipvlan', 'macvlan', 'null', 'overlay'],
      Authorization: null,
      Log: ['awslogs', 'fluentd', 'gcplogs', 'gelf', 'journald', 'json-file', 'local', 'splunk', 'syslog'],
    },
    MemoryLimit: true,
    SwapLimit: true,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    IPv4Forwarding: true,
    Debug: false,
    NFd: 24,
    OomKillDisable: false,
    NGoroutines: 42,
    SystemTime: new Date(nowMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z'),
    LoggingDriver: 'json-file',
    CgroupDriver: 'systemd',
    CgroupVersion: '2',
    NEventsListener: 0,
    KernelVersion: HOST.kernelVersion,
    OperatingSystem: HOST.operatingSystem,
    OSVersion: HOST.osVersion,
    OSType: HOST.osType,
    Architecture: HOST.architecture,
    IndexServerAddress: 'https://index.docker.io/v1/',
    RegistryConfig: {
      InsecureRegistryCIDRs: ['::1/128', '127.0.0.0/8'],
      IndexConfigs: { 'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true } },
      Mirrors: [],
    },
    NCPU: HOST.ncpu,
    MemTotal: HOST.memTotal,
    GenericResources: null,
    DockerRootDir: HOST.dockerRootDir,
    HttpProxy: '',
    HttpsProxy: '',
    NoProxy: '',
    Name: HOST.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: DOCKER.version,
    Runtimes: {
      'io.containerd.runc.v2': { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': '{}' } },
      runc: { path: 'runc', status: { 'org.opencontainers.runtime-spec.features': '{}' } },
    },
    DefaultRuntime: 'runc',
    Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
    LiveRestoreEnabled: false,
    Isolation: '',
    InitBinary: 'docker-init',
    ContainerdCommit: { ID: DOCKER.containerd.gitCommit },
    RuncCommit: { ID: DOCKER.runc.gitCommit },
    InitCommit: { ID: DOCKER.dockerInit.gitCommit },
    SecurityOptions: ['name=apparmor', 'name=seccomp,profile=builtin', 'name=cgroupns'],
    CDISpecDirs: ['/etc/cdi', '/var/run/cdi'],
    Containerd: { Address: '/run/containerd/containerd.sock', Namespaces: { Containers: 'moby', Plugins: 'plugins.moby' } },
    Warnings: null,
  };
}
