import type { HealthConfig } from './images.ts';

/**
 * Engine API container types, spelled as the Engine API v1.51 sends them
 * (swagger `ContainerSummary`, `ContainerInspectResponse`, `ContainerConfig`,
 * `HostConfig`, `ContainerWaitResponse`, `FilesystemChange`, `ExecInspectResponse`).
 * Key order in the interfaces is the order dockerd marshals them in; the
 * engine builds objects in that order so `JSON.stringify` prints what
 * `docker inspect` prints.
 */
/** `State.Status`: the lifecycle states dockerd reports. */
export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** The container's `Config` (what `docker create` sends and `docker inspect` shows). */
export interface ContainerConfig {
  readonly Hostname: string;
  readonly Domainname: string;
  readonly User: string;
  readonly AttachStdin: boolean;
  readonly AttachStdout: boolean;
  readonly AttachStderr: boolean;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly Tty: boolean;
  readonly OpenStdin: boolean;
  readonly StdinOnce: boolean;
  readonly Env: readonly string[];
  readonly Cmd: readonly string[] | null;
  readonly Image: string;
  readonly Volumes: Readonly<Record<string, Record<string, never>>> | null;
  readonly WorkingDir: string;
  readonly Entrypoint: readonly string[] | null;
  readonly OnBuild: readonly string[] | null;
  readonly Labels: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
  readonly StopTimeout?: number;
  readonly Healthcheck?: HealthConfig;
}

/** `State.Health`. */
export interface HealthState {
  readonly Status: 'starting' | 'healthy' | 'unhealthy';
  readonly FailingStreak: number;
  readonly Log: readonly { readonly Start: string; readonly End: string; readonly ExitCode: number; readonly Output: string }[];
}

/** One `HostConfig.PortBindings` entry: `HostIp` '' = every address, `HostPort` '' = an ephemeral port. */
export interface PortBinding {
  readonly HostIp: string;
  readonly HostPort: string;
}

/** One `HostConfig.Mounts` entry (`--mount`). */
export interface MountSpec {
  readonly Type: 'volume' | 'bind' | 'tmpfs';
  readonly Source?: string;
  readonly Target: string;
  readonly ReadOnly?: boolean;
  readonly VolumeOptions?: { readonly NoCopy?: boolean; readonly Labels?: Readonly<Record<string, string>> };
}

/** `HostConfig.RestartPolicy`. */
export interface RestartPolicy {
  readonly Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';
  readonly MaximumRetryCount: number;
}

/** The subset of `HostConfig` Layerlab simulates (the rest is printed with Docker's defaults). */
export interface HostConfigInput {
  readonly AutoRemove?: boolean;
  readonly RestartPolicy?: RestartPolicy;
  readonly NetworkMode?: string;
  /** `-p`: `"80/tcp"` → bindings. */
  readonly PortBindings?: Readonly<Record<string, readonly PortBinding[]>>;
  /** `-P`. */
  readonly PublishAllPorts?: boolean;
  /** `-v`: `name:/path[:ro]`, `/host:/path`, or `/path` (anonymous). */
  readonly Binds?: readonly string[];
  /** `--mount`. */
  readonly Mounts?: readonly MountSpec[];
  /** `--volumes-from container[:ro|rw]`. */
  readonly VolumesFrom?: readonly string[];
  /** `--privileged`: every capability and every host device. */
  readonly Privileged?: boolean;
  /** `--cap-add` / `--cap-drop`, normalised to `CAP_…` (or `ALL`). */
  readonly CapAdd?: readonly string[];
  readonly CapDrop?: readonly string[];
}

/**
 * What `docker create`/`docker run` send (`POST /containers/create`): the
 * image as the user typed it, the container config fields the CLI fills,
 * the host config and an optional name.
 */
export interface ContainerCreateOptions {
  /** `--name`; generated (`/adjective_surname`) when absent. */
  readonly name?: string;
  readonly Image: string;
  /** Arguments after the image (Cmd); `undefined` = none given. */
  readonly Cmd?: readonly string[];
  /** `--entrypoint`; `""` clears the image's entrypoint. */
  readonly Entrypoint?: string;
  /** `-e` / `--env-file`, `KEY=value` or bare `KEY` (taken from the client env by the CLI). */
  readonly Env?: readonly string[];
  readonly WorkingDir?: string;
  readonly User?: string;
  readonly Hostname?: string;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
  readonly StopTimeout?: number;
  readonly Tty?: boolean;
  readonly OpenStdin?: boolean;
  readonly AttachStdin?: boolean;
  readonly AttachStdout?: boolean;
  readonly AttachStderr?: boolean;
  /** `--expose` (added to the image's). */
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  /** `--health-*` / `--no-healthcheck` (fields set override the image's HEALTHCHECK). */
  readonly Healthcheck?: HealthConfig;
  readonly HostConfig?: HostConfigInput;
  /** `--network-alias`, `--ip` for the network of `NetworkMode`. */
  readonly NetworkingConfig?: { readonly EndpointsConfig?: Readonly<Record<string, { readonly Aliases?: readonly string[]; readonly IPAMConfig?: { readonly IPv4Address?: string } }>> };
}

/** `POST /containers/create` response. */
export interface ContainerCreateResponse {
  readonly Id: string;
  readonly Warnings: readonly string[];
}

/** `GET /containers/json` options; `filters` as docker sends them (`{ status: ['running'] }`). */
export interface ContainerListOptions {
  readonly all?: boolean;
  readonly limit?: number;
  readonly size?: boolean;
  readonly filters?: Readonly<Record<string, readonly string[]>>;
}

/** `GET /containers/json` item. */
export interface ContainerSummary {
  readonly Id: string;
  readonly Names: readonly string[];
  readonly Image: string;
  readonly ImageID: string;
  readonly Command: string;
  /** Unix seconds. */
  readonly Created: number;
  readonly Ports: readonly { readonly IP?: string; readonly PrivatePort: number; readonly PublicPort?: number; readonly Type: string }[];
  readonly SizeRw?: number;
  readonly SizeRootFs?: number;
  readonly Labels: Readonly<Record<string, string>>;
  readonly State: ContainerStatus;
  /** `Up 2 seconds`, `Exited (0) 3 seconds ago`, `Created`: computed by the daemon from its clock. */
  readonly Status: string;
  readonly HostConfig: { readonly NetworkMode: string };
  readonly NetworkSettings: { readonly Networks: Readonly<Record<string, EndpointSettings>> };
  readonly Mounts: readonly MountPoint[];
}

/** `State` in `docker inspect`. */
export interface ContainerState {
  readonly Status: ContainerStatus;
  readonly Running: boolean;
  readonly Paused: boolean;
  readonly Restarting: boolean;
  readonly OOMKilled: boolean;
  readonly Dead: boolean;
  readonly Pid: number;
  readonly ExitCode: number;
  readonly Error: string;
  /** RFC 3339 with nanoseconds; `0001-01-01T00:00:00Z` when never started. */
  readonly StartedAt: string;
  readonly FinishedAt: string;
  readonly Health?: HealthState;
}

export interface MountPoint {
  readonly Type: string;
  readonly Name?: string;
  readonly Source: string;
  readonly Destination: string;
  readonly Driver?: string;
  readonly Mode: string;
  readonly RW: boolean;
  readonly Propagation: string;
}

/** One network attachment (`NetworkSettings.Networks.bridge`). */
export interface EndpointSettings {
  readonly IPAMConfig: null;
  readonly Links: null;
  readonly Aliases: readonly string[] | null;
  readonly MacAddress: string;
  readonly DriverOpts: null;
  readonly GwPriority: number;
  readonly NetworkID: string;
  readonly EndpointID: string;
  readonly Gateway: string;
  readonly IPAddress: string;
  readonly IPPrefixLen: number;
  readonly IPv6Gateway: string;
  readonly GlobalIPv6Address: string;
  readonly GlobalIPv6PrefixLen: number;
  readonly DNSNames: readonly string[] | null;
}

/** `GET /containers/{id}/json`. Objects are built in this key order. */
export interface ContainerInspectResponse {
  readonly Id: string;
  readonly Created: string;
  readonly Path: string;
  readonly Args: readonly string[];
  readonly State: ContainerState;
  readonly Image: string;
  readonly ResolvConfPath: string;
  readonly HostnamePath: string;
  readonly HostsPath: string;
  readonly LogPath: string;
  readonly Name: string;
  readonly RestartCount: number;
  readonly Driver: string;
  readonly Platform: string;
  readonly MountLabel: string;
  readonly ProcessLabel: string;
  readonly AppArmorProfile: string;
  readonly ExecIDs: readonly string[] | null;
  readonly HostConfig: Readonly<Record<string, unknown>>;
  readonly GraphDriver: {
    readonly Data: { readonly LowerDir: string; readonly MergedDir: string; readonly UpperDir: string; readonly WorkDir: string };
    readonly Name: string;
  };
  readonly SizeRw?: number;
  readonly SizeRootFs?: number;
  readonly Mounts: readonly MountPoint[];
  readonly Config: ContainerConfig;
  readonly NetworkSettings: Readonly<Record<string, unknown>>;
}

/** `POST /containers/{id}/wait` response. */
export interface ContainerWaitResponse {
  readonly StatusCode: number;
  readonly Error?: { readonly Message: string };
}

/** `wait` conditions as the Engine API names them. */
export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

/** `GET /containers/{id}/changes` item: Kind 0 = modified (C), 1 = added (A), 2 = deleted (D). */
export interface FilesystemChange {
  readonly Path: string;
  readonly Kind: 0 | 1 | 2;
}

/** `GET /containers/{id}/logs` options. */
export interface ContainerLogsOptions {
  readonly stdout?: boolean;
  readonly stderr?: boolean;
  readonly timestamps?: boolean;
  /** Number of lines from the end, or `all`. */
  readonly tail?: string;
  /** Unix seconds (fractions allowed): entries at or after this time. */
  readonly since?: number;
  readonly until?: number;
  /** Keep streaming until the container stops. */
  readonly follow?: boolean;
}

/** `POST /containers/{id}/stop` and `/restart` options. */
export interface ContainerStopOptions {
  /** Seconds to wait before SIGKILL; -1 waits forever; default the container's StopTimeout or 10. */
  readonly timeout?: number;
  /** Signal name or number; default the container's StopSignal or SIGTERM. */
  readonly signal?: string;
}

/** `DELETE /containers/{id}` options. */
export interface ContainerRemoveOptions {
  readonly force?: boolean;
  readonly volumes?: boolean;
}

/** `POST /containers/prune` response. */
export interface ContainerPruneReport {
  readonly ContainersDeleted: readonly string[] | null;
  readonly SpaceReclaimed: number;
}

/** `POST /commit` query: `repo[:tag]`, author, comment, changes, pause. */
export interface ContainerCommitOptions {
  readonly reference?: string;
  readonly author?: string;
  readonly comment?: string;
  readonly changes?: readonly string[];
  readonly pause?: boolean;
}

/** `POST /containers/{id}/exec` body. */
export interface ExecCreateOptions {
  readonly Cmd: readonly string[];
  readonly Env?: readonly string[];
  readonly WorkingDir?: string;
  readonly User?: string;
  readonly Tty?: boolean;
  readonly AttachStdin?: boolean;
  readonly AttachStdout?: boolean;
  readonly AttachStderr?: boolean;
  readonly Detach?: boolean;
}

/** `GET /exec/{id}/json` (the fields the CLI reads). */
export interface ExecInspectResponse {
  readonly ID: string;
  readonly Running: boolean;
  readonly ExitCode: number | null;
  readonly ContainerID: string;
  readonly Pid: number;
  readonly ProcessConfig: { readonly entrypoint: string; readonly arguments: readonly string[]; readonly tty: boolean; readonly user: string };
}

/** `GET /containers/{id}/top` response. */
export interface ContainerTopResponse {
  readonly Titles: readonly string[];
  readonly Processes: readonly (readonly string[])[];
}

/** `POST /containers/{id}/attach` options. */
export interface ContainerAttachOptions {
  readonly stdin?: boolean;
  readonly stdout?: boolean;
  readonly stderr?: boolean;
}

/**
 * A live connection to a container's (or an exec's) standard streams: the
 * engine side of `docker attach`, `docker run -i/-it` and `docker exec -it`.
 * Output arrives through the listener given when attaching, in batches;
 * input goes through `streamInput(streamId, …)`.
 */
export interface AttachedStream {
  /** Pass to `streamInput`/`streamClose`; for an exec, the exec id. */
  readonly streamId: string;
}

/** Output in batches, as `runCommandLine` delivers it (see engine-api.ts OutputListener). */
type OutputBatchListener = (chunks: readonly { readonly fd: 1 | 2; readonly data: string }[]) => void;

/**
 * The container half of the Engine API (`/containers/…`, `/exec/…`). Every
 * host reaches containers only through these methods; streaming ones take an
 * output listener and deliver batches (one per engine turn).
 *
 * Interactive sessions (`docker run -it`, `docker exec -it`, `docker attach`)
 * for a terminal: `containerAttach(id, { stdin: true, … }, onOutput)` (or
 * `execCreate` with AttachStdin and `execStart`), then `streamInput(streamId,
 * text)` for each keystroke batch and `streamInput(streamId, null)` for end of
 * input; `streamClose(streamId)` detaches (Ctrl-P Ctrl-Q). An exec's
 * streamId is its exec id.
 */
export interface ContainerApi {
  /** `POST /containers/create`; `NotFound` "No such image: …" when the image is absent (the CLI pulls). */
  containerCreate(options: ContainerCreateOptions): Promise<ContainerCreateResponse>;
  /** `POST /containers/{id}/start`; runc's failure text (exit codes 126/127 derive from it). No-op when running. */
  containerStart(id: string): Promise<void>;
  /** `POST /containers/{id}/stop`: stop signal, then SIGKILL after the timeout (engine time). */
  containerStop(id: string, options?: ContainerStopOptions): Promise<void>;
  /** `POST /containers/{id}/restart`. */
  containerRestart(id: string, options?: ContainerStopOptions): Promise<void>;
  /** `POST /containers/{id}/kill`; `Conflict` when not running. */
  containerKill(id: string, signal?: string): Promise<void>;
  /** `DELETE /containers/{id}`. */
  containerRemove(id: string, options?: ContainerRemoveOptions): Promise<void>;
  /** `POST /containers/{id}/pause`: every process freezes; `Conflict` when not running or already paused. */
  containerPause(id: string): Promise<void>;
  /** `POST /containers/{id}/unpause`. */
  containerUnpause(id: string): Promise<void>;
  /** `POST /containers/prune`: removes every container that is not running (filters `label`, `until`). */
  containerPrune(options?: { filters?: Readonly<Record<string, readonly string[]>> }): Promise<ContainerPruneReport>;
  /** `POST /containers/{id}/rename`. */
  containerRename(id: string, name: string): Promise<void>;
  /** `POST /containers/{id}/wait`: resolves at the condition (`not-running` default). */
  containerWait(id: string, condition?: WaitCondition): Promise<ContainerWaitResponse>;
  /** `GET /containers/json`: newest first. */
  containerList(options?: ContainerListOptions): Promise<ContainerSummary[]>;
  /** `GET /containers/{id}/json`. */
  containerInspect(id: string, options?: { size?: boolean }): Promise<ContainerInspectResponse>;
  /** `GET /containers/{id}/changes` (docker diff), sorted by path. */
  containerChanges(id: string): Promise<FilesystemChange[]>;
  /** `GET /containers/{id}/top`. */
  containerTop(id: string): Promise<ContainerTopResponse>;
  /** `GET /containers/{id}/logs`: resolves when done (with `follow`, when the container stops). */
  containerLogs(id: string, options: ContainerLogsOptions, onOutput: OutputBatchListener): Promise<void>;
  /** `POST /containers/{id}/attach`: output from now on goes to `onOutput`. */
  containerAttach(id: string, options: ContainerAttachOptions, onOutput: OutputBatchListener): Promise<AttachedStream>;
  /** Input to an attached stream; `null` closes the process's stdin. */
  streamInput(streamId: string, data: string | null): Promise<void>;
  /** Detaches a stream; the container keeps running. Idempotent. */
  streamClose(streamId: string): Promise<void>;
  /**
   * `POST /commit`: a new image from the container's writable layer and
   * config (`changes` are Dockerfile instructions); returns the image id.
   */
  containerCommit(id: string, options?: ContainerCommitOptions): Promise<{ Id: string }>;
  /** `POST /containers/{id}/exec`; `Conflict` when the container is not running. */
  execCreate(id: string, options: ExecCreateOptions): Promise<{ Id: string }>;
  /** `POST /exec/{id}/start`: attached, resolves when the process exits. */
  execStart(execId: string, options: { detach?: boolean }, onOutput?: OutputBatchListener): Promise<void>;
  /** `GET /exec/{id}/json`. */
  execInspect(execId: string): Promise<ExecInspectResponse>;
}

/**
 * What is at a path in a container, as `X-Docker-Container-Path-Stat`
 * carries it (base64 JSON, docker cp's `container.PathStat`).
 */
export interface ContainerPathStat {
  readonly name: string;
  readonly size: number;
  /** Go's os.FileMode: permission bits | type bits (dir 1<<31, symlink 1<<27, …). */
  readonly mode: number;
  /** RFC 3339 with nanoseconds. */
  readonly mtime: string;
  /** Where a symlink at the path points, resolved inside the container; '' otherwise. */
  readonly linkTarget: string;
}

/** `GET /containers/{id}/archive`: the path's stat and a tar whose root entry is the path's base name. */
export interface ContainerArchive {
  readonly stat: ContainerPathStat;
  readonly tar: Uint8Array;
}

/** `PUT /containers/{id}/archive` query. */
export interface ContainerPutArchiveOptions {
  /** Refuse to replace a directory with a non-directory (and the reverse), as the CLI always asks. */
  readonly noOverwriteDirNonDir?: boolean;
  /** `docker cp -a`: keep the tar's uid/gid (else files belong to the container's root). */
  readonly copyUIDGID?: boolean;
}

/** `POST /images/create?fromSrc=…` (docker import) options. */
export interface ImageImportOptions {
  /** `repo[:tag]` to tag the new image with. */
  readonly reference?: string;
  /** `-m`: the history entry's comment. */
  readonly message?: string;
  /** `-c`: Dockerfile instructions applied to the empty config (CMD, ENV, …). */
  readonly changes?: readonly string[];
  /** `--platform`, accepted (every image here is linux/amd64). */
  readonly platform?: string;
}

/**
 * `GET /containers/{id}/stats?stream=false` (the fields `docker stats`
 * reads; cgroup v2 names). Simplification: CPU and memory are modelled from
 * the container's processes and writable layer, not measured.
 */
export interface ContainerStatsResponse {
  readonly name: string;
  readonly id: string;
  /** RFC 3339 with nanoseconds. */
  readonly read: string;
  readonly preread: string;
  readonly pids_stats: { readonly current?: number; readonly limit?: number };
  readonly blkio_stats: { readonly io_service_bytes_recursive: readonly { readonly major: number; readonly minor: number; readonly op: string; readonly value: number }[] | null };
  readonly num_procs: number;
  readonly cpu_stats: ContainerCpuStats;
  readonly precpu_stats: ContainerCpuStats;
  readonly memory_stats: { readonly usage?: number; readonly stats?: Readonly<Record<string, number>>; readonly limit?: number };
  readonly networks?: Readonly<Record<string, { readonly rx_bytes: number; readonly rx_packets: number; readonly rx_errors: number; readonly rx_dropped: number; readonly tx_bytes: number; readonly tx_packets: number; readonly tx_errors: number; readonly tx_dropped: number }>>;
}

export interface ContainerCpuStats {
  readonly cpu_usage: { readonly total_usage: number; readonly usage_in_kernelmode: number; readonly usage_in_usermode: number };
  readonly system_cpu_usage?: number;
  readonly online_cpus?: number;
  readonly throttling_data: { readonly periods: number; readonly throttled_periods: number; readonly throttled_time: number };
}

/**
 * Files in and out of containers, and images from file system tars:
 * `docker export`, `docker cp` (both directions), `docker import`,
 * `docker stats`.
 */
export interface ContainerFilesApi {
  /** `GET /containers/{id}/export`: the merged root file system as one tar. */
  containerExport(id: string): Promise<Uint8Array>;
  /** `HEAD /containers/{id}/archive`; `NotFound` "Could not find the file … in container …". */
  containerArchiveStat(id: string, path: string): Promise<ContainerPathStat>;
  /** `GET /containers/{id}/archive`. */
  containerArchive(id: string, path: string): Promise<ContainerArchive>;
  /**
   * `PUT /containers/{id}/archive`: extracts `tar` into the directory
   * `path` (which must exist). Goes into the container's upper dir (copy-up
   * as any write).
   */
  containerPutArchive(id: string, path: string, tar: Uint8Array, options?: ContainerPutArchiveOptions): Promise<void>;
  /** `GET /containers/{id}/stats?stream=false&one-shot=…`. */
  containerStats(id: string): Promise<ContainerStatsResponse>;
  /** `POST /images/create?fromSrc=-`: one layer from a file system tar (plain or gzip); returns the image id. */
  imageImport(tar: Uint8Array, options?: ImageImportOptions): Promise<{ Id: string }>;
}
