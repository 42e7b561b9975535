/**
 * Engine API system types, spelled as in the Engine API (v1.51 swagger:
 * `SystemVersion`, `SystemInfo`). Only the fields Layerlab fills are listed;
 * the names are the spec's so the Engine API server can send them as they are.
 */
import type { ContainerSummary } from './containers.ts';
import type { ImageSummary } from './images.ts';

export interface ComponentVersion {
  readonly Name: string;
  readonly Version: string;
  readonly Details?: Readonly<Record<string, string>>;
}

export interface SystemVersion {
  readonly Platform: { readonly Name: string };
  readonly Components: readonly ComponentVersion[];
  readonly Version: string;
  readonly ApiVersion: string;
  readonly MinAPIVersion: string;
  readonly GitCommit: string;
  readonly GoVersion: string;
  readonly Os: string;
  readonly Arch: string;
  readonly KernelVersion: string;
  readonly Experimental?: boolean;
  readonly BuildTime: string;
}

export interface PluginsInfo {
  readonly Volume: readonly string[];
  readonly Network: readonly string[];
  readonly Authorization: readonly string[] | null;
  readonly Log: readonly string[];
}

export interface RegistryServiceConfig {
  readonly InsecureRegistryCIDRs: readonly string[];
  readonly IndexConfigs: Readonly<Record<string, { Name: string; Mirrors: string[]; Secure: boolean; Official: boolean }>>;
  readonly Mirrors: readonly string[];
}

export interface SystemInfo {
  readonly ID: string;
  readonly Containers: number;
  readonly ContainersRunning: number;
  readonly ContainersPaused: number;
  readonly ContainersStopped: number;
  readonly Images: number;
  readonly Driver: string;
  readonly DriverStatus: readonly (readonly [string, string])[];
  readonly Plugins: PluginsInfo;
  readonly MemoryLimit: boolean;
  readonly SwapLimit: boolean;
  readonly CpuCfsPeriod: boolean;
  readonly CpuCfsQuota: boolean;
  readonly CPUShares: boolean;
  readonly CPUSet: boolean;
  readonly PidsLimit: boolean;
  readonly IPv4Forwarding: boolean;
  readonly Debug: boolean;
  readonly NFd: number;
  readonly OomKillDisable: boolean;
  readonly NGoroutines: number;
  readonly SystemTime: string;
  readonly LoggingDriver: string;
  readonly CgroupDriver: string;
  readonly CgroupVersion: string;
  readonly NEventsListener: number;
  readonly KernelVersion: string;
  readonly OperatingSystem: string;
  readonly OSVersion: string;
  readonly OSType: string;
  readonly Architecture: string;
  readonly IndexServerAddress: string;
  readonly RegistryConfig: RegistryServiceConfig;
  readonly NCPU: number;
  readonly MemTotal: number;
  readonly GenericResources: null;
  readonly DockerRootDir: string;
  readonly HttpProxy: string;
  readonly HttpsProxy: string;
  readonly NoProxy: string;
  readonly Name: string;
  readonly Labels: readonly string[];
  readonly ExperimentalBuild: boolean;
  readonly ServerVersion: string;
  readonly Runtimes: Readonly<Record<string, { path: string; status?: Record<string, string> }>>;
  readonly DefaultRuntime: string;
  readonly Swarm: {
    readonly NodeID: string;
    readonly NodeAddr: string;
    readonly LocalNodeState: string;
    readonly ControlAvailable: boolean;
    readonly Error: string;
    readonly RemoteManagers: null;
  };
  readonly LiveRestoreEnabled: boolean;
  readonly Isolation: string;
  readonly InitBinary: string;
  readonly ContainerdCommit: { readonly ID: string };
  readonly RuncCommit: { readonly ID: string };
  readonly InitCommit: { readonly ID: string };
  readonly SecurityOptions: readonly string[];
  readonly CDISpecDirs: readonly string[];
  readonly Containerd: { readonly Address: string; readonly Namespaces: { readonly Containers: string; readonly Plugins: string } };
  readonly Warnings: readonly string[] | null;
}

/** `POST /auth` answer. */
export interface AuthResponse {
  readonly Status: string;
  readonly IdentityToken?: string;
}

/**
 * `GET /system/df` (docker system df): images with how many containers use
 * them, containers with their writable-layer sizes, volumes with their usage,
 * the build cache. `LayersSize` counts each shared layer once.
 */
export interface SystemDfResponse {
  readonly LayersSize: number;
  readonly Images: readonly ImageSummary[];
  readonly Containers: readonly ContainerSummary[];
  readonly Volumes: readonly DfVolume[];
  readonly BuildCache: readonly DfBuildCacheRecord[];
}

/** A volume in `system df` (swagger `Volume` with `UsageData`). */
export interface DfVolume {
  readonly Name: string;
  readonly Driver: string;
  readonly Mountpoint: string;
  readonly CreatedAt?: string;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly Scope: string;
  readonly Options: Readonly<Record<string, string>> | null;
  readonly UsageData: { readonly Size: number; readonly RefCount: number };
}

/** A build cache record in `system df -v` (swagger `BuildCache`). */
export interface DfBuildCacheRecord {
  readonly ID: string;
  readonly Parents: readonly string[] | null;
  readonly Type: string;
  readonly Description: string;
  readonly InUse: boolean;
  readonly Shared: boolean;
  readonly Size: number;
  readonly CreatedAt: string;
  readonly LastUsedAt: string | null;
  readonly UsageCount: number;
}

/**
 * One message of `GET /events` (swagger `EventMessage`), with the legacy
 * `status`/`id`/`from` fields dockerd still sends for containers and images.
 */
export interface EventMessage {
  readonly status?: string;
  readonly id?: string;
  readonly from?: string;
  readonly Type: 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'builder';
  readonly Action: string;
  readonly Actor: { readonly ID: string; readonly Attributes: Readonly<Record<string, string>> };
  readonly scope: 'local';
  /** Unix seconds. */
  readonly time: number;
  readonly timeNano: number;
}

/** `GET /events` query: times in Unix seconds (fractions allowed), filters as docker sends them. */
export interface EventsOptions {
  readonly since?: number;
  readonly until?: number;
  /** `container`, `image`, `event`, `type`, `label`, `volume`, `network`, `daemon`. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
}

/** Receives event messages in batches; `end` is true once (`until` reached). */
export type EventMessageListener = (batch: readonly EventMessage[], end: boolean) => void;
