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
import { RegistryServer } from './server.ts';
import { inEngineTransport } from './transport.ts';
import type { Transport } from './http.ts';

export class RegistryHosts {
  private readonly servers = new Map<string, RegistryServer>();

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
    return server;
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
