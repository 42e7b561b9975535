/**
 * A container as the Engine API shows it: `GET /containers/json` items
 * (ContainerSummary, with the daemon's Status words and `docker ps`
 * filters) and `GET /containers/{id}/json` (ContainerInspectResponse), built
 * in dockerd's key order so `JSON.stringify` prints what docker prints.
 */
import type { ContainerInspectResponse, ContainerSummary, EndpointSettings, HealthState, MountPoint } from '../../api/containers.ts';
import { EngineError } from '../../api/errors.ts';
import type { Container } from './container.ts';
import { rfc3339Nano, statusString, ZERO_TIME } from './status.ts';
import { containerLowerDirs, OVERLAY_ROOT } from './overlay-paths.ts';

const CONTAINERS_ROOT = '/var/lib/docker/containers';

/**
 * The COMMAND column's source (moby daemon/list.go): Path, then each
 * argument, single-quoted when it contains a space.
 */
export function commandString(c: Container): string {
  if (c.args.length === 0) return c.path;
  return `${c.path} ${c.args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** Bytes written in the container's upper dir, without the files dockerd bind-mounts. */
function sizeRw(c: Container): number {
  return Math.max(0, c.mount.upper.usedBytes - managedBytes(c));
}

function managedBytes(c: Container): number {
  let n = 0;
  for (const p of ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf']) {
    try {
      n += c.mount.upper.lstat(p).size;
    } catch {
      // not written (never started)
    }
  }
  return n;
}

/** What the networking half contributes to a container's views (container-net.ts computes it). */
export interface NetView {
  readonly networks: Readonly<Record<string, EndpointSettings>>;
  readonly ports: Readonly<Record<string, readonly { HostIp: string; HostPort: string }[] | null>>;
  readonly summaryPorts: ContainerSummary['Ports'];
  readonly health: HealthState | null;
}

export function containerSummary(c: Container, now: number, size: boolean, net: NetView): ContainerSummary {
  return {
    Id: c.id,
    Names: [`/${c.name}`],
    Image: c.config.Image,
    ImageID: c.imageId,
    Command: commandString(c),
    Created: Math.floor(c.created / 1000),
    Ports: net.summaryPorts,
    ...(size ? { SizeRw: sizeRw(c), SizeRootFs: sizeRw(c) + c.imageSize } : {}),
    Labels: c.config.Labels,
    State: c.status,
    Status: statusString(c, now) + (c.running && net.health ? healthSuffix(net.health.Status) : ''),
    HostConfig: { NetworkMode: c.hostConfig.NetworkMode },
    NetworkSettings: { Networks: net.networks },
    Mounts: (c.hostConfig.MountPoints ?? []).map(mountView),
  };
}

const FILTER_KEYS = new Set(['ancestor', 'before', 'expose', 'exited', 'health', 'id', 'isolation', 'is-task', 'label', 'name', 'network', 'publish', 'since', 'status', 'volume']);
const STATUSES = new Set(['created', 'restarting', 'running', 'removing', 'paused', 'exited', 'dead']);

/** Rejects what dockerd rejects: unknown filter keys, unknown status values, non-numeric exit codes. */
export function validateFilters(filters: Readonly<Record<string, readonly string[]>>): void {
  for (const key of Object.keys(filters)) {
    if (!FILTER_KEYS.has(key)) throw new EngineError('InvalidParameter', `invalid filter '${key}'`, { key });
  }
  for (const s of filters.status ?? []) {
    if (!STATUSES.has(s)) throw new EngineError('InvalidParameter', `invalid filter 'status=${s}'`, { status: s });
  }
  for (const e of filters.exited ?? []) {
    if (!/^-?\d+$/.test(e)) throw new EngineError('InvalidParameter', `invalid filter 'exited=${e}'`, { exited: e });
  }
}

/** One `docker ps --filter` set: values of one key are OR'ed, keys are AND'ed. */
export function matchesFilters(c: Container, filters: Readonly<Record<string, readonly string[]>>, imageIdOf: (ref: string) => string | undefined): boolean {
  const any = (key: string, test: (v: string) => boolean) => {
    const vs = filters[key];
    return !vs || vs.length === 0 || vs.some(test);
  };
  return (
    any('status', (v) => v === (c.status === 'exited' && !c.everStarted ? 'created' : c.status)) &&
    any('name', (v) => safeRegex(v).test(`/${c.name}`)) &&
    any('id', (v) => c.id.startsWith(v)) &&
    any('exited', (v) => c.status === 'exited' && c.everStarted && c.exitCode === Number(v)) &&
    any('label', (v) => {
      const eq = v.indexOf('=');
      if (eq < 0) return Object.hasOwn(c.config.Labels, v);
      return c.config.Labels[v.slice(0, eq)] === v.slice(eq + 1);
    }) &&
    any('network', (v) => Object.keys(c.hostConfig.EndpointsConfig ?? { [c.hostConfig.NetworkMode]: {} }).includes(v)) &&
    any('volume', (v) => (c.hostConfig.MountPoints ?? []).some((m) => m.Name === v || m.Destination === v)) &&
    any('health', (v) => (c.running && c.health ? c.health.Status : 'none') === v) &&
    any('ancestor', (v) => v === c.config.Image || imageIdOf(v) === c.imageId || c.imageId.replace(/^sha256:/, '').startsWith(v.replace(/^sha256:/, '')))
  );
}

/** dockerd matches names as regular expressions; a malformed one matches literally. */
function safeRegex(v: string): RegExp {
  try {
    return new RegExp(v);
  } catch {
    return new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

function hostConfig(c: Container): Record<string, unknown> {
  return {
    Binds: c.hostConfig.Binds ? [...c.hostConfig.Binds] : null,
    ContainerIDFile: '',
    LogConfig: { Type: 'json-file', Config: {} },
    NetworkMode: c.hostConfig.NetworkMode,
    PortBindings: c.hostConfig.PortBindings ?? {},
    RestartPolicy: c.hostConfig.RestartPolicy,
    AutoRemove: c.hostConfig.AutoRemove,
    VolumeDriver: '',
    VolumesFrom: c.hostConfig.VolumesFrom ? [...c.hostConfig.VolumesFrom] : null,
    ConsoleSize: [0, 0],
    CapAdd: c.hostConfig.CapAdd?.length ? c.hostConfig.CapAdd : null,
    CapDrop: c.hostConfig.CapDrop?.length ? c.hostConfig.CapDrop : null,
    CgroupnsMode: 'private',
    Dns: [],
    DnsOptions: [],
    DnsSearch: [],
    ExtraHosts: null,
    GroupAdd: null,
    IpcMode: 'private',
    Cgroup: '',
    Links: null,
    OomScoreAdj: 0,
    PidMode: '',
    Privileged: c.hostConfig.Privileged ?? false,
    PublishAllPorts: c.hostConfig.PublishAllPorts ?? false,
    ReadonlyRootfs: false,
    SecurityOpt: null,
    UTSMode: '',
    UsernsMode: '',
    ShmSize: 67108864,
    Runtime: 'runc',
    Isolation: '',
    CpuShares: 0,
    Memory: 0,
    NanoCpus: 0,
    CgroupParent: '',
    BlkioWeight: 0,
    BlkioWeightDevice: [],
    BlkioDeviceReadBps: [],
    BlkioDeviceWriteBps: [],
    BlkioDeviceReadIOps: [],
    BlkioDeviceWriteIOps: [],
    CpuPeriod: 0,
    CpuQuota: 0,
    CpuRealtimePeriod: 0,
    CpuRealtimeRuntime: 0,
    CpusetCpus: '',
    CpusetMems: '',
    Devices: [],
    DeviceCgroupRules: null,
    DeviceRequests: null,
    MemoryReservation: 0,
    MemorySwap: 0,
    MemorySwappiness: null,
    OomKillDisable: null,
    PidsLimit: null,
    Ulimits: [],
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
    MaskedPaths: [
      '/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats', '/proc/timer_list',
      '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware', '/sys/devices/virtual/powercap',
    ],
    ReadonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
  };
}


/** `(healthy)`, `(unhealthy)`, `(health: starting)` after `Up …` (moby container/state.go). */
function healthSuffix(status: HealthState['Status']): string {
  return status === 'starting' ? ' (health: starting)' : ` (${status})`;
}

function mountView(m: MountPoint & { NoCopy?: boolean }): MountPoint {
  const { NoCopy: _n, ...rest } = m;
  return rest;
}

export function containerInspect(c: Container, size: boolean, net: NetView): ContainerInspectResponse {
  const dir = `${OVERLAY_ROOT}/${c.id}`;
  const lowers = containerLowerDirs(c).map((d) => `${OVERLAY_ROOT}/${d}/diff`);
  const bridge = net.networks.bridge;
  const up = c.running && Object.values(net.networks).some((e) => e.EndpointID !== '');
  return {
    Id: c.id,
    Created: rfc3339Nano(c.created),
    Path: c.path,
    Args: c.args,
    State: {
      Status: c.status,
      Running: c.running,
      Paused: c.status === 'paused',
      Restarting: c.status === 'restarting',
      OOMKilled: false,
      Dead: c.status === 'dead',
      Pid: c.pid,
      ExitCode: c.exitCode,
      Error: c.error,
      StartedAt: c.everStarted ? rfc3339Nano(c.startedAt) : ZERO_TIME,
      FinishedAt: c.finishedAt > 0 ? rfc3339Nano(c.finishedAt) : ZERO_TIME,
      ...(net.health ? { Health: net.health } : {}),
    },
    Image: c.imageId,
    ResolvConfPath: `${CONTAINERS_ROOT}/${c.id}/resolv.conf`,
    HostnamePath: `${CONTAINERS_ROOT}/${c.id}/hostname`,
    HostsPath: `${CONTAINERS_ROOT}/${c.id}/hosts`,
    LogPath: `${CONTAINERS_ROOT}/${c.id}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: 'docker-default',
    ExecIDs: c.execIds.length > 0 ? [...c.execIds] : null,
    HostConfig: hostConfig(c),
    GraphDriver: {
      Data: { LowerDir: lowers.join(':'), MergedDir: `${dir}/merged`, UpperDir: `${dir}/diff`, WorkDir: `${dir}/work` },
      Name: 'overlay2',
    },
    ...(size ? { SizeRw: sizeRw(c), SizeRootFs: sizeRw(c) + c.imageSize } : {}),
    Mounts: (c.hostConfig.MountPoints ?? []).map(mountView),
    Config: c.config,
    NetworkSettings: {
      Bridge: '',
      SandboxID: up ? c.id.slice(32) + c.id.slice(0, 32) : '',
      SandboxKey: up ? `/var/run/docker/netns/${c.id.slice(0, 12)}` : '',
      Ports: net.ports,
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: bridge?.EndpointID ?? '',
      Gateway: bridge?.Gateway ?? '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: bridge?.IPAddress ?? '',
      IPPrefixLen: bridge?.IPPrefixLen ?? 0,
      IPv6Gateway: '',
      MacAddress: bridge?.MacAddress ?? '',
      Networks: net.networks,
    },
  };
}
