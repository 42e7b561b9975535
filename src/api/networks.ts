/**
 * Engine API network and volume types, spelled as Engine API v1.51 sends
 * them (swagger `Network`, `NetworkCreateRequest`, `EndpointSettings`,
 * `Volume`, `VolumeListResponse`), plus the host side of published ports
 * (`httpRequest`, Layerlab's own: what a browser on the simulated host would
 * see at `http://localhost:PORT`). Key order is dockerd's marshal order.
 */

/** `POST /networks/create` body (the fields `docker network create` sends). */
export interface NetworkCreateOptions {
  readonly Name: string;
  /** `bridge` (default); `host` and `null` exist once and cannot be created. */
  readonly Driver?: string;
  readonly Internal?: boolean;
  readonly Attachable?: boolean;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly IPAM?: { readonly Config?: readonly { readonly Subnet?: string; readonly Gateway?: string }[] };
}

/** One container on a network as `docker network inspect` shows it. */
export interface NetworkContainer {
  readonly Name: string;
  readonly EndpointID: string;
  readonly MacAddress: string;
  readonly IPv4Address: string;
  readonly IPv6Address: string;
}

/** `GET /networks/{id}` (and list items, whose Containers are empty). */
export interface NetworkResource {
  readonly Name: string;
  readonly Id: string;
  readonly Created: string;
  readonly Scope: 'local';
  readonly Driver: string;
  readonly EnableIPv4: boolean;
  readonly EnableIPv6: boolean;
  readonly IPAM: {
    readonly Driver: 'default';
    readonly Options: Readonly<Record<string, string>> | null;
    readonly Config: readonly { readonly Subnet: string; readonly Gateway: string }[] | null;
  };
  readonly Internal: boolean;
  readonly Attachable: boolean;
  readonly Ingress: boolean;
  readonly ConfigFrom: { readonly Network: string };
  readonly ConfigOnly: boolean;
  readonly Containers: Readonly<Record<string, NetworkContainer>>;
  readonly Options: Readonly<Record<string, string>>;
  readonly Labels: Readonly<Record<string, string>>;
}

/** `POST /networks/{id}/connect` body. */
export interface NetworkConnectOptions {
  readonly Container: string;
  readonly EndpointConfig?: { readonly Aliases?: readonly string[] };
}

/** `POST /networks/prune` response. */
export interface NetworkPruneReport {
  readonly NetworksDeleted: readonly string[] | null;
}

/** `POST /volumes/create` body. */
export interface VolumeCreateOptions {
  /** Empty or absent: an anonymous volume with a generated 64-hex name. */
  readonly Name?: string;
  readonly Driver?: string;
  readonly Labels?: Readonly<Record<string, string>>;
}

/** `GET /volumes/{name}`. */
export interface Volume {
  readonly CreatedAt: string;
  readonly Driver: string;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly Mountpoint: string;
  readonly Name: string;
  readonly Options: Readonly<Record<string, string>> | null;
  readonly Scope: 'local';
  /** Present with `docker system df -v`-style requests only. */
  readonly UsageData?: { readonly Size: number; readonly RefCount: number };
}

/** `POST /volumes/prune` response. */
export interface VolumePruneReport {
  readonly VolumesDeleted: readonly string[] | null;
  readonly SpaceReclaimed: number;
}

/** A request a browser on the simulated host sends to `http://localhost:{port}{path}`. */
export interface HostHttpRequest {
  readonly port: number;
  readonly path?: string;
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What came back; `status` 0 with `error` when nothing answered (connection refused). */
export interface HostHttpResponse {
  readonly status: number;
  readonly statusText: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly error?: string;
}

/** The network and volume half of the Engine API (`/networks/…`, `/volumes/…`). */
export interface NetworkApi {
  /** `POST /networks/create`; `Conflict` "network with name x already exists". */
  networkCreate(options: NetworkCreateOptions): Promise<{ Id: string; Warning: string }>;
  /** `GET /networks`: sorted as dockerd returns them (the CLI sorts by name). */
  networkList(options?: { filters?: Readonly<Record<string, readonly string[]>> }): Promise<NetworkResource[]>;
  /** `GET /networks/{id}`: by name, full id or id prefix; `NotFound` "network x not found". */
  networkInspect(ref: string): Promise<NetworkResource>;
  /** `DELETE /networks/{id}`; predefined networks and networks with endpoints refuse. */
  networkRemove(ref: string): Promise<void>;
  /** `POST /networks/{id}/connect`. */
  networkConnect(ref: string, options: NetworkConnectOptions): Promise<void>;
  /** `POST /networks/{id}/disconnect`. */
  networkDisconnect(ref: string, options: { readonly Container: string; readonly Force?: boolean }): Promise<void>;
  /** `POST /networks/prune`: user-defined networks without containers. */
  networkPrune(options?: { filters?: Readonly<Record<string, readonly string[]>> }): Promise<NetworkPruneReport>;
  /** `POST /volumes/create`; an existing name is returned as it is (docker's idempotent create). */
  volumeCreate(options?: VolumeCreateOptions): Promise<Volume>;
  /** `GET /volumes`. */
  volumeList(options?: { filters?: Readonly<Record<string, readonly string[]>> }): Promise<{ Volumes: Volume[]; Warnings: string[] | null }>;
  /** `GET /volumes/{name}`; `NotFound` "get x: no such volume". */
  volumeInspect(name: string): Promise<Volume>;
  /** `DELETE /volumes/{name}`; `Conflict` "remove x: volume is in use - [ids]". */
  volumeRemove(name: string, options?: { force?: boolean }): Promise<void>;
  /** `POST /volumes/prune`: anonymous unused volumes, or every unused one with `all=true`. */
  volumePrune(options?: { filters?: Readonly<Record<string, readonly string[]>> }): Promise<VolumePruneReport>;
  /**
   * Layerlab's: an HTTP request to a published port from the simulated host
   * (the app's browser panel). Never throws for network trouble: status 0
   * with `error` when nothing listens, or nothing answers within 30 s of
   * engine time.
   */
  httpRequest(request: HostHttpRequest): Promise<HostHttpResponse>;
}
