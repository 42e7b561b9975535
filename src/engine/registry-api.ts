/**
 * The registry's share of EngineApi: `POST /images/create` (pull),
 * `POST /images/{name}/push`, `GET /images/search` and `POST /auth`, over
 * the registry module. Progress messages are handed on in batches (one per
 * engine turn), as the event bus does, so a pull of many layers crosses the
 * worker boundary a few times, not once per message.
 */
import { EngineError } from '../api/errors.ts';
import type { EngineApi } from '../api/engine-api.ts';
import type { AuthConfig, ProgressListener, ProgressMessage } from '../api/images.ts';
import type { Schedule } from './deps.ts';
import type { RegistryModule } from './registry-module.ts';
import { credentialKey, progressStream, searchHub } from './registry/index.ts';
import type { Credentials, Progress } from './registry/index.ts';

type RegistryApi = Pick<EngineApi, 'imagePull' | 'imagePush' | 'imageSearch' | 'systemAuth'>;

/** A Progress sink that batches messages for `listener`; `flush` hands on what is left. */
function batched(listener: ProgressListener | undefined, schedule: Schedule): { progress: Progress | undefined; flush(): void } {
  if (!listener) return { progress: undefined, flush: () => {} };
  let pending: ProgressMessage[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    listener(batch);
  };
  return {
    progress(m) {
      if (pending.length === 0) schedule(flush);
      // The wire form dockerd sends (with the bar text beside progressDetail).
      pending.push(JSON.parse(progressStream([m]).trimEnd()) as ProgressMessage);
    },
    flush,
  };
}

/** The X-Registry-Auth credentials, for the registry they were given for (any, when no server is named). */
function credentialsOf(auth: AuthConfig | undefined): ((host: string) => Credentials | undefined) | undefined {
  if (!auth?.username) return undefined;
  const creds = { username: auth.username, password: auth.password ?? '' };
  if (!auth.serveraddress) return () => creds;
  const key = credentialKey(auth.serveraddress);
  return (host) => (credentialKey(host) === key ? creds : undefined);
}

function searchFilters(filters: Readonly<Record<string, readonly string[]>> = {}): { official?: boolean; minStars?: number } {
  const out: { official?: boolean; minStars?: number } = {};
  for (const [key, values] of Object.entries(filters)) {
    for (const v of values) {
      if (key === 'is-official' && (v === 'true' || v === 'false')) out.official = v === 'true';
      else if (key === 'stars' && /^\d+$/.test(v)) out.minStars = Math.max(out.minStars ?? 0, Number(v));
      else if (key === 'is-official' || key === 'stars') throw new EngineError('InvalidParameter', `invalid filter '${key}=${v}'`);
      else if (key !== 'is-automated') throw new EngineError('InvalidParameter', `invalid filter '${key}'`);
    }
  }
  return out;
}

export function registryApi(registry: RegistryModule, ready: () => Promise<unknown>, schedule: Schedule): RegistryApi {
  return {
    async imagePull(ref, onProgress, options = {}) {
      await ready();
      const sink = batched(onProgress, schedule);
      try {
        if (options.allTags) await registry.pullAll(ref, sink.progress, credentialsOf(options.registryAuth));
        else await registry.pull(ref, sink.progress, credentialsOf(options.registryAuth));
      } finally {
        sink.flush();
      }
    },
    async imagePush(ref, onProgress, options = {}) {
      await ready();
      const sink = batched(onProgress, schedule);
      try {
        await registry.push(ref, sink.progress, credentialsOf(options.registryAuth));
      } finally {
        sink.flush();
      }
    },
    async imageSearch(term, options = {}) {
      const limit = options.limit ?? 25;
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new EngineError('InvalidParameter', `limit ${limit} is outside the range of [1, 100]`);
      return searchHub(registry.searchIndex(), term, { limit, ...searchFilters(options.filters) }).map((e) => ({
        star_count: e.stars,
        is_official: e.official,
        name: e.name,
        is_automated: false,
        description: e.description,
      }));
    },
    async systemAuth(auth) {
      return registry.login(auth.serveraddress ?? '', auth.username ?? '', auth.password ?? '');
    },
  };
}
