/**
 * The Engine API's registry routes over EngineApi, so the real docker CLI
 * can pull, push, search and log in through `layerlab serve`:
 * `POST /images/create?fromImage=&tag=`, `POST /images/{name}/push?tag=`
 * (progress as dockerd streams it, one JSON message per line; a failure
 * after the stream began is an `errorDetail` message, before it an HTTP
 * error), `GET /images/search`, `POST /auth`. Credentials come in the
 * `X-Registry-Auth` header (base64url JSON AuthConfig), as dockerd reads them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthConfig, EngineApi, ProgressListener } from '../api/index.ts';
import { json, jsonLine, parseFilters, readBody } from './http-util.ts';

function registryAuth(req: IncomingMessage): AuthConfig | undefined {
  const header = req.headers['x-registry-auth'];
  if (typeof header !== 'string' || header === '') return undefined;
  try {
    const auth = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as AuthConfig;
    return auth.username ? auth : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a pull or push, streaming its progress: the 200 header goes out with
 * the first messages, so a failure before any (no such repository) is still
 * an HTTP error the caller turns into `Error response from daemon: …`.
 */
async function streamProgress(res: ServerResponse, run: (onProgress: ProgressListener) => Promise<void>): Promise<void> {
  let started = false;
  const write = (lines: string) => {
    if (!started) {
      started = true;
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json');
    }
    res.write(lines);
  };
  try {
    await run((batch) => write(batch.map(jsonLine).join('')));
  } catch (err) {
    if (!started) throw err;
    const message = err instanceof Error ? err.message : String(err);
    write(jsonLine({ errorDetail: { message }, error: message }));
  }
  if (!started) write('');
  res.end();
}

/** Handles a registry route; returns false when `path` is not one (the caller answers). */
export async function handleRegistryRoute(api: EngineApi, method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const q = url.searchParams;
  if (method === 'POST' && path === '/images/create' && q.get('fromImage')) {
    const from = q.get('fromImage')!;
    const tag = q.get('tag') ?? '';
    // dockerd: no tag, and none in fromImage either, means every tag of the repository (`docker pull --all-tags`).
    const named = from.includes('@') || from.slice(from.lastIndexOf('/') + 1).includes(':');
    const allTags = tag === '' && !named;
    const ref = tag === '' ? from : `${from}${tag.includes(':') ? '@' : ':'}${tag}`;
    const auth = registryAuth(req);
    const platform = q.get('platform');
    await streamProgress(res, (onProgress) =>
      api.imagePull(ref, onProgress, { ...(auth ? { registryAuth: auth } : {}), ...(platform ? { platform } : {}), ...(allTags ? { allTags } : {}) }),
    );
    return true;
  }
  const push = /^\/images\/(.+)\/push$/.exec(path);
  if (method === 'POST' && push) {
    const tag = q.get('tag');
    const ref = `${decodeURIComponent(push[1]!)}${tag ? `:${tag}` : ''}`;
    const auth = registryAuth(req);
    await streamProgress(res, (onProgress) => api.imagePush(ref, onProgress, auth ? { registryAuth: auth } : {}));
    return true;
  }
  if (method === 'GET' && path === '/images/search') {
    const filters = parseFilters(q.get('filters'));
    const limit = Number(q.get('limit') ?? '0');
    json(res, 200, await api.imageSearch(q.get('term') ?? '', { filters, ...(limit > 0 ? { limit } : {}) }));
    return true;
  }
  if (method === 'POST' && path === '/auth') {
    const text = Buffer.from(await readBody(req)).toString('utf8');
    json(res, 200, await api.systemAuth((text ? JSON.parse(text) : {}) as AuthConfig));
    return true;
  }
  return false;
}
