/**
 * Engine API image types, spelled as the Engine API v1.51 sends them
 * (swagger `ImageSummary`, `ImageInspect`, `HistoryResponseItem`,
 * `ImageDeleteResponseItem`, `ImagePruneResponse`). Key order in the
 * interfaces is the order dockerd marshals them in, and the engine builds the
 * objects in that order, so `JSON.stringify` prints what docker prints.
 */

/** The `config` object of an image config (OCI ImageConfig + Docker's extensions), omitempty everywhere. */
export interface ImageContainerConfig {
  readonly User?: string;
  readonly ExposedPorts?: Readonly<Record<string, Record<string, never>>>;
  readonly Env?: readonly string[];
  readonly Entrypoint?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly Volumes?: Readonly<Record<string, Record<string, never>>>;
  readonly WorkingDir?: string;
  readonly Labels?: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
  readonly ArgsEscaped?: boolean;
  readonly Healthcheck?: HealthConfig;
  readonly OnBuild?: readonly string[];
  readonly Shell?: readonly string[];
}

/** `HEALTHCHECK` as stored in an image config; durations in nanoseconds. */
export interface HealthConfig {
  readonly Test?: readonly string[];
  readonly Interval?: number;
  readonly Timeout?: number;
  readonly StartPeriod?: number;
  readonly StartInterval?: number;
  readonly Retries?: number;
}

/** `GET /images/json` item. */
export interface ImageSummary {
  readonly Containers: number;
  /** Unix seconds. */
  readonly Created: number;
  readonly Id: string;
  readonly Labels: Readonly<Record<string, string>> | null;
  readonly ParentId: string;
  readonly RepoDigests: readonly string[];
  readonly RepoTags: readonly string[];
  readonly SharedSize: number;
  readonly Size: number;
}

export interface ImageListOptions {
  /** Include intermediate images (untagged images with children). */
  readonly all?: boolean;
  /** `dangling=true|false`, `reference=<pattern>`, `label=<k>[=<v>]`, `before=<image>`, `since=<image>`. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
  /** Fill RepoDigests (always filled here; accepted for API fidelity). */
  readonly digests?: boolean;
}

/** `GET /images/{name}/json`. */
export interface ImageInspect {
  readonly Id: string;
  readonly RepoTags: readonly string[];
  readonly RepoDigests: readonly string[];
  readonly Parent: string;
  readonly Comment: string;
  /** RFC 3339 with nanoseconds, as the config's `created`. */
  readonly Created: string;
  readonly DockerVersion: string;
  readonly Author: string;
  readonly Config: ImageContainerConfig;
  readonly Architecture: string;
  readonly Variant?: string;
  readonly Os: string;
  readonly Size: number;
  readonly GraphDriver: { readonly Data: Readonly<Record<string, string>>; readonly Name: string };
  readonly RootFS: { readonly Type: string; readonly Layers: readonly string[] };
  readonly Metadata: { readonly LastTagTime: string };
}

/** `GET /images/{name}/history` item, newest first. */
export interface HistoryResponseItem {
  readonly Comment: string;
  /** Unix seconds. */
  readonly Created: number;
  readonly CreatedBy: string;
  /** Image id for rows that are local images, else `<missing>`. */
  readonly Id: string;
  readonly Size: number;
  readonly Tags: readonly string[] | null;
}

/** One line of `docker rmi` output. */
export type ImageDeleteResponseItem = { readonly Untagged: string } | { readonly Deleted: string };

export interface ImageRemoveOptions {
  readonly force?: boolean;
  /** Keep untagged parents (`--no-prune`). */
  readonly noPrune?: boolean;
}

export interface ImagePruneOptions {
  /** Remove every image without containers, not only dangling ones (`-a`). */
  readonly all?: boolean;
  /** `until=<timestamp>`, `label=…`. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
}

/** `POST /images/prune`. */
export interface ImagePruneReport {
  readonly ImagesDeleted: readonly ImageDeleteResponseItem[] | null;
  readonly SpaceReclaimed: number;
}

/** What `POST /images/load` streams back, one message per image. */
export interface ImageLoadResult {
  /** `Loaded image: foo:latest` / `Loaded image ID: sha256:…` lines, in order. */
  readonly messages: readonly string[];
  /** What was loaded: each familiar `repo:tag`, or the image id of an untagged image. */
  readonly images: readonly string[];
}

/**
 * One message of the progress stream dockerd sends for `POST /images/create`
 * and `POST /images/{name}/push` (jsonmessage.JSONMessage): a layer's short
 * id or the tag, its status, and while bytes move the detail and the bar.
 */
export interface ProgressMessage {
  readonly status: string;
  readonly id?: string;
  readonly progressDetail?: { readonly current: number; readonly total: number };
  /** The bar dockerd draws beside `progressDetail`. */
  readonly progress?: string;
}

/** Called with progress messages in batches (one batch per engine turn), never one by one. */
export type ProgressListener = (messages: readonly ProgressMessage[]) => void;

/** Credentials the client sends with a request (the `X-Registry-Auth` header's AuthConfig; `POST /auth` body). */
export interface AuthConfig {
  readonly username?: string;
  readonly password?: string;
  /** `https://index.docker.io/v1/` for Docker Hub, `host[:port]` otherwise. */
  readonly serveraddress?: string;
}

/** `POST /images/create?fromImage=…` options. */
export interface ImagePullOptions {
  /** `os[/arch[/variant]]`; accepted, the simulated images are single-platform. */
  readonly platform?: string;
  /** `X-Registry-Auth`: what the client's config.json holds for the image's registry. */
  readonly registryAuth?: AuthConfig;
  /** `--all-tags`: the reference names a repository (no tag); every tag of it is pulled. */
  readonly allTags?: boolean;
}

/** `POST /images/{name}/push` options. */
export interface ImagePushOptions {
  readonly registryAuth?: AuthConfig;
}

/** `GET /images/search` options. */
export interface ImageSearchOptions {
  /** At most this many results (docker's default 25). */
  readonly limit?: number;
  /** `is-official=true|false`, `stars=N`. */
  readonly filters?: Readonly<Record<string, readonly string[]>>;
}

/** `GET /images/search` item, keys in dockerd's order. */
export interface ImageSearchResponseItem {
  readonly star_count: number;
  readonly is_official: boolean;
  readonly name: string;
  readonly is_automated: boolean;
  readonly description: string;
}
