/**
 * Engine API system types, spelled as in the Engine API (v1.51 swagger:
 * `SystemVersion`, `SystemInfo`). Only the fields Layerlab fills are listed;
 * the names are the spec's so the Engine API server can send them as they are.
 */
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
