/**
 * The registries that exist inside one engine, keyed by host: the simulated
 * Docker Hub at `docker.io` from the start, and any `registry:2` container a
 * learner runs, published as `localhost:<port>` (and `127.0.0.1:<port>`).
 * All of them may share one blob store, so a layer pulled from the Hub and
 * pushed to a local registry is stored once.
 */
import { ContentStore } from '../content/store.ts';
import type { Rng } from '../deps.ts';
import { DOCKER_HUB_POLICY } from './auth.ts';
import type { AuthPolicy } from './auth.ts';
import { RegistryStorage } from './storage.ts';
import type { RegistryStorageState } from './storage.ts';
import { RegistryServer } from './server.ts';
import { inEngineTransport } from './transport.ts';
import type { Transport } from './http.ts';

/** Persisted form of the engine's registries: each host's settings and repositories. */
export interface RegistryHostsState {
  readonly hosts: Readonly<
    Record<string, { readonly hub?: boolean; readonly deleteEnabled?: boolean; readonly storage: RegistryStorageState }>
  >;
}

export class RegistryHosts {
  private readonly servers = new Map<string, RegistryServer>();
  private readonly settings = new Map<RegistryServer, { hub?: boolean; deleteEnabled?: boolean }>();

  constructor(
    private readonly rng: Rng,
    /** Shared by every registry here (content-addressed, so sharing is safe). */
    readonly blobs: ContentStore = new ContentStore(),
  ) {}

  /** The simulated Docker Hub, created on first use. */
  get hub(): RegistryServer {
    return this.servers.get('docker.io') ?? this.start('docker.io', { auth: DOCKER_HUB_POLICY });
  }

  /** Starts (or returns) the registry answering at `host`; a `localhost:N` registry also answers at `127.0.0.1:N`. */
  start(host: string, options: { auth?: AuthPolicy; deleteEnabled?: boolean } = {}): RegistryServer {
    const existing = this.servers.get(host);
    if (existing) return existing;
    const server = new RegistryServer({ rng: this.rng, storage: new RegistryStorage(this.blobs), ...options });
    for (const alias of aliases(host)) this.servers.set(alias, server);
    this.settings.set(server, {
      ...(options.auth === DOCKER_HUB_POLICY ? { hub: true } : {}),
      ...(options.deleteEnabled ? { deleteEnabled: true } : {}),
    });
    return server;
  }

  /** Every blob some registry here links (what a save must keep of `blobs`). */
  referencedBlobs(): string[] {
    const out = new Set<string>();
    for (const server of new Set(this.servers.values())) for (const d of server.storage.referencedBlobs()) out.add(d);
    return [...out].sort();
  }

  /**
   * The registries and their repositories as plain data (one entry per
   * registry, under its first host name). Upload sessions in progress are
   * not kept: a push interrupted by a restart starts its blob again.
   */
  exportState(): RegistryHostsState {
    const hosts: Record<string, { hub?: boolean; deleteEnabled?: boolean; storage: RegistryStorageState }> = {};
    const seen = new Set<RegistryServer>();
    for (const [host, server] of this.servers) {
      if (seen.has(server)) continue;
      seen.add(server);
      hosts[host] = { ...this.settings.get(server), storage: server.storage.exportState() };
    }
    return { hosts };
  }

  /** Restores registries saved by exportState; the blobs must already be in `blobs`. */
  importState(state: RegistryHostsState | undefined): void {
    this.servers.clear();
    for (const [host, saved] of Object.entries(state?.hosts ?? {})) {
      const server = this.start(host, { ...(saved.hub ? { auth: DOCKER_HUB_POLICY } : {}), ...(saved.deleteEnabled ? { deleteEnabled: true } : {}) });
      server.storage.importState(saved.storage);
    }
  }

  /** Stops the registry at `host` (its container stopped); its repositories go with it. */
  stop(host: string): void {
    for (const alias of aliases(host)) this.servers.delete(alias);
  }

  get(host: string): RegistryServer | undefined {
    return host === 'docker.io' ? this.hub : this.servers.get(host);
  }

  /** A transport that reaches these registries (the hub included). */
  transport(): Transport {
    return inEngineTransport((host) => this.get(host));
  }
}

function aliases(host: string): string[] {
  const m = /^(localhost|127\.0\.0\.1)(:\d+)?$/.exec(host);
  return m ? [`localhost${m[2] ?? ''}`, `127.0.0.1${m[2] ?? ''}`] : [host];
}
