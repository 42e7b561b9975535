/**
 * The registry client: `docker pull` and `docker push` over the distribution
 * API, through any Transport. It verifies every digest it receives, never
 * stores a byte that failed verification, skips blobs the local store already
 * holds, mounts blobs across repositories when it knows a source, and reports
 * progress as dockerd's message stream.
 *
 * An interrupted push resumes: upload sessions that were open when a request
 * failed are remembered per (host, repository, digest); the next push asks the
 * registry how far the session got (`GET` → `Range`) and sends the rest. A
 * session the registry no longer knows is abandoned and a new one started.
 *
 * Authentication: Basic credentials from `docker login` on every request
 * (what the simulated registries read), and the bearer-token flow when a
 * registry answers with a `Bearer` challenge (real registries).
 */
import type { Digest } from '../oci/digest.ts';
import { parseDockerRef } from '../oci/reference.ts';
import type { ImageReference } from '../oci/reference.ts';
import { decodeUtf8 } from './bytes.ts';
import { engineErrorFromResponse } from './errors.ts';
import type { Transport } from './http.ts';
import type { LocalImageStore, ManifestBlob, MountSources } from './local-store.ts';
import type { Descriptor, Platform } from './manifest.ts';
import type { ProgressMessage } from './progress.ts';
import { pullImage } from './pull.ts';
import { pushImage } from './push.ts';
import { RegistrySession } from './session.ts';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface RegistryClientOptions {
  readonly transport: Transport;
  /** Credentials for a registry host (from `docker login`), if any. */
  readonly credentials?: (host: string) => Credentials | undefined;
  /** Platform picked from image indexes; docker's default here is linux/amd64. */
  readonly platform?: Platform;
  /** Upload in PATCH chunks of this many bytes; 0 (default) sends each blob in the closing PUT. */
  readonly chunkSize?: number;
  /** How many bytes a `Downloading`/`Pushing` message stands for (progress granularity). */
  readonly progressStep?: number;
}

export type Progress = (message: ProgressMessage) => void;

export interface PullResult {
  /** Normalised reference pulled, `docker.io/library/busybox:latest`. */
  readonly reference: string;
  /** What the reference resolved to (the index digest for multi-platform images): docker's `Digest:` line. */
  readonly digest: Digest;
  readonly manifest: ManifestBlob;
  /** The image id. */
  readonly configDigest: Digest;
  readonly layers: readonly Descriptor[];
  /** Blobs transferred (config and layers not already present locally). */
  readonly downloaded: readonly Digest[];
  readonly status: 'downloaded' | 'up-to-date';
}

export type LayerPushOutcome = 'pushed' | 'exists' | 'mounted';

export interface PushResult {
  readonly reference: string;
  /** Manifest digest and size, as in `latest: digest: sha256:… size: 527`. */
  readonly digest: Digest;
  readonly size: number;
  readonly layers: readonly { readonly digest: Digest; readonly outcome: LayerPushOutcome; readonly from?: string }[];
}

/** What pull and push share within one client: how to send, the options, and uploads left open. */
export interface ClientContext {
  readonly session: RegistrySession;
  readonly options: RegistryClientOptions;
  /** Upload sessions left open by an interrupted push: `host name digest` → Location. */
  readonly openUploads: Map<string, string>;
}

export class RegistryClient {
  private readonly ctx: ClientContext;

  constructor(options: RegistryClientOptions) {
    this.ctx = { session: new RegistrySession(options.transport, options.credentials), options, openUploads: new Map() };
  }

  private get session(): RegistrySession {
    return this.ctx.session;
  }

  /** Upload sessions remembered for resumption (an interrupted push leaves some). */
  get pendingUploads(): number {
    return this.ctx.openUploads.size;
  }

  /** `docker pull`: resolve, verify, download what is missing, then record the image. */
  pull(reference: string | ImageReference, store: LocalImageStore, progress: Progress = () => {}): Promise<PullResult> {
    return pullImage(this.ctx, reference, store, progress);
  }

  /** `docker push`: every blob the registry lacks is mounted or uploaded, then the manifest is put. */
  push(reference: string | ImageReference, store: LocalImageStore & Partial<MountSources>, progress: Progress = () => {}): Promise<PushResult> {
    return pushImage(this.ctx, reference, store, progress);
  }

  /** `GET /v2/<name>/tags/list`: the repository's tags, sorted (what `docker pull --all-tags` pulls). */
  async tags(reference: string | ImageReference): Promise<string[]> {
    const ref = typeof reference === 'string' ? parseDockerRef(reference) : reference;
    const res = await this.session.send(ref.domain, 'GET', `/v2/${ref.path}/tags/list`);
    if (res.status !== 200) throw engineErrorFromResponse(res, { repository: ref.path });
    const body = JSON.parse(decodeUtf8(res.body)) as { tags?: string[] | null };
    return [...(body.tags ?? [])].sort();
  }

  /** `GET /v2/`: whether the registry answers and accepts our credentials (what `docker login` checks). */
  async ping(host: string): Promise<void> {
    const res = await this.session.send(host, 'GET', '/v2/');
    if (res.status !== 200) throw engineErrorFromResponse(res, { host });
  }
}
