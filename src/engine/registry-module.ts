/**
 * Wiring of the registries for the composition root: the image store seen
 * through the registry client's LocalImageStore seam, the engine's
 * registries (the simulated Docker Hub, `registry:2` containers) and, when
 * the host injects `fetch`, real registries over HTTP.
 *
 * The simulated Hub publishes an official image the first time someone asks
 * for it: the base-image recipe is built into the Hub's own blob store (never
 * the local one, so a pull really transfers every layer) with the same
 * config and manifest bytes the image store would write, so the pulled image
 * has the id and RepoDigest `ensureBaseImage` gives it.
 */
import { decodeBase64, encodeBase64 } from '../lib/base64.ts';
import { ContentStore } from './content/store.ts';
import type { Rng } from './deps.ts';
import { utf8Decode, utf8Encode } from './fs/utf8.ts';
import { findBaseImage, BASE_IMAGE_RECIPES, BASE_IMAGES } from './images/base/catalogue.ts';
import type { RootfsTools } from './images/base/tools.ts';
import { configJson, parseConfig } from './images/config.ts';
import type { ImageLayer } from './images/image.ts';
import { manifestJson } from './images/manifest.ts';
import { MEDIA_TYPE } from './images/media-types.ts';
import type { ImageStore } from './images/store.ts';
import { sha256Digest } from './oci/digest.ts';
import type { Digest } from './oci/digest.ts';
import { parseDockerRef, parseNormalizedNamed, referenceName, trimNamed, withDigest } from './oci/reference.ts';
import { EngineError } from '../api/errors.ts';
import {
  DOCKER_HUB_REGISTRY,
  HUB_SEARCH_INDEX,
  RegistryClient,
  RegistryHosts,
  credentialKey,
  httpTransport,
  inEngineTransport,
  schemeFor,
  withRepository,
} from './registry/index.ts';
import type {
  Credentials,
  FetchLike,
  HostRequest,
  LocalImageStore,
  MountSources,
  Progress,
  PulledImage,
  PullResult,
  PushResult,
  RegistryHostsState,
  RegistryServer,
  SearchEntry,
  Transport,
} from './registry/index.ts';
import { layerBlob, layerFromTar } from './snapshots/layer.ts';

/**
 * The image store as the registry client needs it. Pulled images are stored
 * with their producer's config bytes (so the id is the config digest), tagged,
 * and given a RepoDigest; pushes send the manifest the store keeps.
 *
 * Simplification: which repositories a blob came from (for cross-repository
 * mounts) is remembered for the engine's lifetime only, not persisted.
 */
export class ImageStoreSeam implements LocalImageStore, MountSources {
  private readonly origins = new Map<string, Set<string>>();

  constructor(
    private readonly store: ImageStore,
    /** Sizes to report for stand-in layers (the official images' padded sizes), by diffId. */
    private readonly reportedSizeOf: (diffId: string) => number | undefined = () => undefined,
  ) {}

  hasBlob(digest: Digest): boolean {
    return this.store.content.has(digest);
  }

  getBlob(digest: Digest): Uint8Array {
    return this.store.content.get(digest);
  }

  putBlob(data: Uint8Array, expected: Digest): void {
    this.store.content.put(data, expected);
  }

  manifestFor(reference: string): { digest: Digest; mediaType: string; bytes: Uint8Array } | undefined {
    const id = this.store.referenceTarget(parseNormalizedNamed(reference));
    if (id === undefined) return undefined;
    const record = this.store.get(id);
    return { digest: record.manifestDigest, mediaType: MEDIA_TYPE.ociManifest, bytes: this.store.content.get(record.manifestDigest) };
  }

  imageIdFor(reference: string): Digest | undefined {
    return this.store.referenceTarget(parseNormalizedNamed(reference));
  }

  async putImage(image: PulledImage): Promise<void> {
    const configBytes = this.store.content.get(image.configDigest);
    const config = parseConfig(utf8Decode(configBytes));
    const layers: ImageLayer[] = [];
    for (const digest of image.layers) {
      const layer = await layerFromTar(this.store.content.get(digest), this.store.content);
      const reportedSize = this.reportedSizeOf(layer.diffId);
      layers.push(reportedSize === undefined ? { layer } : { layer, reportedSize });
    }
    const record = await this.store.put({ config, layers }, { configBytes });
    const ref = parseNormalizedNamed(image.reference);
    if (ref.digest === undefined) this.store.addReference(ref, record.id);
    this.store.addReference(withDigest(trimNamed(ref), image.repoDigest), record.id);
    for (const d of image.layers) this.noteOrigin(referenceName(ref), d);
  }

  /** Records that `repository` (`host/path`) holds `digest`: later pushes to that host may mount it. */
  noteOrigin(repository: string, digest: string): void {
    let set = this.origins.get(digest);
    if (!set) this.origins.set(digest, (set = new Set()));
    set.add(repository);
  }

  mountSources(host: string, digest: Digest): readonly string[] {
    const prefix = `${host}/`;
    return [...(this.origins.get(digest) ?? [])].filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
  }
}

export interface RegistryModule {
  readonly hosts: RegistryHosts;
  readonly local: ImageStoreSeam;
  /** `docker pull`; `credentials` come from the client's config.json (see registry/credentials.ts). */
  pull(reference: string, progress?: Progress, credentials?: (host: string) => Credentials | undefined): Promise<PullResult>;
  /**
   * `docker pull --all-tags`: every tag of the repository, each reported as
   * dockerd does (`<tag>: Pulling from …`, layers, `Digest`), with one
   * `Status` line for the whole repository at the end.
   */
  pullAll(repository: string, progress?: Progress, credentials?: (host: string) => Credentials | undefined): Promise<void>;
  /** `docker push`. */
  push(reference: string, progress?: Progress, credentials?: (host: string) => Credentials | undefined): Promise<PushResult>;
  /**
   * `docker login` (`POST /auth`): checks the credentials against the
   * registry (`GET /v2/`) and answers dockerd's status. Storing them is the
   * client's business (registry/credentials.ts over config.json).
   */
  login(server: string, username: string, password: string): Promise<{ Status: string }>;
  /** `docker search` entries: the official images' recipes, the index's other repositories, and user repositories pushed to the Hub. */
  searchIndex(): SearchEntry[];
  /** Loads `records.registries` and its blobs (replacing the registries held). */
  restore(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): void;
  /**
   * Engine state with the registries written in: repositories (the Hub's
   * official ones excepted: they are rebuilt from their recipes on demand)
   * and the blobs they link. Call after the image module's persist, which
   * drops blobs of deleted images that a registry may still hold.
   */
  persist(records: Readonly<Record<string, unknown>>, blobs: Readonly<Record<string, string>>): { records: Record<string, unknown>; blobs: Record<string, string> };
}

export function createRegistryModule(deps: {
  rng: Rng;
  store: ImageStore;
  tools: RootfsTools;
  /** The host's fetch, for registries outside the engine (Node's global fetch, the browser's). */
  fetch?: FetchLike;
  /** Facts for the UI: `/image/pulled` (which layers came over, which were already here) and `/image/pushed`. */
  bus?: { publish(topic: string, data: unknown): unknown };
  /**
   * Which in-engine registry answers at a loopback host (`localhost:5000`)
   * right now: a `registry:2` container publishing that port gives its
   * registry's key; undefined lets the request go on as before (a real
   * registry through fetch, or connection refused).
   */
  loopback?: (host: string) => Promise<string | undefined>;
}): RegistryModule {
  const hosts = new RegistryHosts(deps.rng, new ContentStore());
  const reported = new Map<string, number>();
  const local = new ImageStoreSeam(deps.store, (diffId) => reported.get(diffId));
  const engine = inEngineTransport((host) => hosts.get(host));
  const remote = deps.fetch ? httpTransport(deps.fetch) : undefined;
  const publishing = new Map<string, Promise<void>>();

  /** Publishes the official image a Hub manifest request names, once, before the request is answered. */
  const publishOfficial = (request: HostRequest): Promise<void> => {
    const m = /^\/v2\/(library\/[^/]+)\/manifests\/([^/]+)$/.exec(request.path);
    if (request.host !== 'docker.io' || !m || m[2]!.includes(':')) return Promise.resolve();
    const key = `${m[1]}:${m[2]}`;
    let p = publishing.get(key);
    if (!p) {
      p = publishRecipe(hosts.hub, deps.tools, `docker.io/${key}`, reported);
      publishing.set(key, p);
    }
    return p;
  };

  const transport: Transport = {
    async roundTrip(request) {
      let response: Awaited<ReturnType<Transport['roundTrip']>>;
      const key = await deps.loopback?.(request.host);
      if (key !== undefined) {
        const server = hosts.start(key);
        response = await inEngineTransport(() => server).roundTrip(request);
      } else if (request.host === 'docker.io' || hosts.get(request.host)) {
        await publishOfficial(request);
        response = await engine.roundTrip(request);
      } else response = await (remote ?? engine).roundTrip(request);
      // The daemon → registry leg of the architecture view.
      deps.bus?.publish('/registry/request/handled', { method: request.method, host: request.host, path: request.path, status: response.status });
      return response;
    },
  };
  const client = (credentials?: (host: string) => Credentials | undefined) =>
    new RegistryClient({ transport, ...(credentials ? { credentials } : {}) });

  return {
    hosts,
    local,
    async pull(reference, progress, credentials) {
      const r = await client(credentials).pull(parseDockerRef(reference), local, progress);
      deps.bus?.publish('/image/pulled', {
        ref: r.reference,
        digest: r.digest,
        id: r.configDigest,
        downloaded: r.layers.filter((l) => r.downloaded.includes(l.digest)).map((l) => l.digest),
        present: r.layers.filter((l) => !r.downloaded.includes(l.digest)).map((l) => l.digest),
        status: r.status,
      });
      return r;
    },
    async pullAll(repository, progress, credentials) {
      const ref = parseDockerRef(repository);
      const name = referenceName(ref);
      // The simulated Hub publishes an official image's tags on demand: its recipes know them all.
      const official = ref.domain === 'docker.io' && ref.path.startsWith('library/') ? BASE_IMAGES.get(ref.path.slice('library/'.length)) : undefined;
      const tags = official ? [...official.keys()].sort() : await client(credentials).tags(ref);
      let downloaded = false;
      for (const tag of tags) {
        const r = await this.pull(`${name}:${tag}`, (m) => {
          if (!m.status?.startsWith('Status: ')) progress?.(m);
        }, credentials);
        downloaded ||= r.status === 'downloaded';
      }
      progress?.({ status: `Status: ${downloaded ? 'Downloaded newer image' : 'Image is up to date'} for ${familiarName(name)}` });
    },
    async push(reference, progress, credentials) {
      const r = await client(credentials).push(parseDockerRef(reference), local, progress);
      deps.bus?.publish('/image/pushed', { ref: r.reference, digest: r.digest, size: r.size, layers: r.layers });
      return r;
    },
    async login(server, username, password) {
      const host = registryHost(server);
      try {
        await client(() => ({ username, password })).ping(host);
      } catch (err) {
        const e = err as EngineError;
        throw new EngineError(e.code ?? 'System', `Get "${schemeFor(host)}://${host === 'docker.io' ? DOCKER_HUB_REGISTRY : host}/v2/": ${e.message}`, { host });
      }
      return { Status: 'Login Succeeded' };
    },
    searchIndex: () => {
      const official = BASE_IMAGE_RECIPES.map((r) => {
        const known = HUB_SEARCH_INDEX.find((e) => e.name === r.repository);
        return { name: r.repository, description: r.description, stars: known?.stars ?? 0, official: true };
      });
      let index: SearchEntry[] = [...official, ...HUB_SEARCH_INDEX.filter((e) => !official.some((o) => o.name === e.name))];
      for (const name of hosts.hub.storage.repositories()) if (!name.startsWith('library/')) index = withRepository(index, name);
      return index;
    },
    restore(records, blobs) {
      const state = records['registries'] as RegistryHostsState | undefined;
      for (const saved of Object.values(state?.hosts ?? {})) {
        for (const repo of Object.values(saved.storage.repositories)) {
          for (const d of [...repo.layers, ...Object.keys(repo.manifests)]) {
            const b64 = blobs[d];
            if (b64 !== undefined && !hosts.blobs.has(d)) hosts.blobs.put(decodeBase64(b64), d);
          }
        }
      }
      hosts.importState(state);
      publishing.clear();
    },
    persist(records, blobs) {
      const state = hosts.exportState();
      const kept: RegistryHostsState = {
        hosts: Object.fromEntries(
          Object.entries(state.hosts).map(([host, saved]) => [
            host,
            saved.hub
              ? { ...saved, storage: { repositories: Object.fromEntries(Object.entries(saved.storage.repositories).filter(([name]) => !name.startsWith('library/'))) } }
              : saved,
          ]),
        ),
      };
      const out: Record<string, string> = { ...blobs };
      for (const saved of Object.values(kept.hosts)) {
        for (const repo of Object.values(saved.storage.repositories)) {
          for (const d of [...repo.layers, ...Object.keys(repo.manifests)]) out[d] ??= encodeBase64(hosts.blobs.get(d));
        }
      }
      return { records: { ...records, registries: kept }, blobs: out };
    },
  };
}

/** Builds a recipe into the Hub: blobs linked into the repository, manifest tagged with every tag the recipe answers to. */
async function publishRecipe(hub: RegistryServer, tools: RootfsTools, reference: string, reported: Map<string, number>): Promise<void> {
  const ref = parseNormalizedNamed(reference);
  // An official repository asked for by a tag it does not have still exists: publish its recipe, so the
  // registry answers `manifest unknown` for that tag (as Docker Hub does), not "repository does not exist".
  const recipe = findBaseImage(ref) ?? (ref.path.startsWith('library/') && ref.domain === 'docker.io' ? BASE_IMAGE_RECIPES.find((r) => `library/${r.repository}` === ref.path) : undefined);
  if (!recipe) return;
  // A scratch content store: layer building may store tars we do not publish.
  const content = new ContentStore();
  const image = await recipe.build({ tools, content });
  const configBytes = utf8Encode(configJson(image.config));
  const configDigest = sha256Digest(configBytes);
  const name = ref.path;
  hub.storage.putBlob(name, configBytes, configDigest);
  const layers = [];
  for (const l of image.layers) {
    const blob = await layerBlob(l.layer, content);
    hub.storage.putBlob(name, blob, l.layer.digest);
    if (l.reportedSize !== undefined) reported.set(l.layer.diffId, l.reportedSize);
    layers.push({ digest: l.layer.digest, size: blob.length });
  }
  const manifest = utf8Encode(manifestJson({ digest: configDigest, size: configBytes.length }, layers));
  const digest = sha256Digest(manifest);
  hub.storage.putManifest(name, manifest, MEDIA_TYPE.ociManifest, digest);
  for (const tag of recipe.tags) hub.storage.tag(name, tag, digest);
}

/** The registry host `docker login [server]` talks to: Docker Hub for no server or any of its aliases. */
function registryHost(server: string): string {
  const key = credentialKey(server);
  return key === credentialKey('') ? 'docker.io' : key;
}

/** `docker.io/library/busybox` → `busybox`, `docker.io/alice/app` → `alice/app` (how dockerd names a repository in Status lines). */
function familiarName(name: string): string {
  return name.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}
