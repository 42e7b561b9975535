/**
 * The Engine API's `/images/…` routes over EngineApi, so the real docker CLI
 * can list, inspect, tag, remove, prune, save and load Layerlab's images
 * (`layerlab serve`). Query parameters and bodies as dockerd reads them
 * (moby api/server/router/image).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi } from '../api/index.ts';
import { json, jsonLine, parseFilters, readBody, truthy } from './http-util.ts';

/** Handles an image route; returns false when `path` is not one (the caller answers). */
export async function handleImageRoute(api: EngineApi, method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const q = url.searchParams;
  if (method === 'GET' && path === '/images/json') {
    json(res, 200, await api.imageList({ all: truthy(q.get('all')), digests: truthy(q.get('digests')), filters: parseFilters(q.get('filters')) }));
    return true;
  }
  if (method === 'POST' && path === '/images/prune') {
    const filters = parseFilters(q.get('filters'));
    const all = filters.dangling?.includes('false') ?? false;
    json(res, 200, await api.imagePrune({ all, filters: Object.fromEntries(Object.entries(filters).filter(([k]) => k !== 'dangling')) }));
    return true;
  }
  if (method === 'POST' && path === '/images/create' && q.get('fromSrc')) {
    // docker import: the body is the tar (`fromSrc=-`); a URL source is not fetched.
    if (q.get('fromSrc') !== '-') {
      json(res, 400, { message: `Layerlab imports only from the request body (fromSrc=-), not ${q.get('fromSrc')}` });
      return true;
    }
    const repo = q.get('repo');
    const tag = q.get('tag');
    const message = q.get('message');
    const platform = q.get('platform');
    const result = await api.imageImport(await readBody(req), {
      ...(repo ? { reference: tag ? `${repo}:${tag}` : repo } : {}),
      ...(message ? { message } : {}),
      ...(platform ? { platform } : {}),
      changes: q.getAll('changes'),
    });
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.end(jsonLine({ status: result.Id }));
    return true;
  }
  if (method === 'GET' && path === '/images/get') {
    const tar = await api.imageSave(q.getAll('names'));
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/x-tar');
    res.end(Buffer.from(tar));
    return true;
  }
  if (method === 'POST' && path === '/images/load') {
    const result = await api.imageLoad(await readBody(req));
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    res.end(result.messages.map((m) => `${JSON.stringify({ stream: `${m}\n` })}\n`).join(''));
    return true;
  }
  const named = /^\/images\/(.+)\/(json|history|tag)$/.exec(path);
  if (named) {
    const name = decodeURIComponent(named[1]!);
    if (method === 'GET' && named[2] === 'json') json(res, 200, await api.imageInspect(name));
    else if (method === 'GET' && named[2] === 'history') json(res, 200, await api.imageHistory(name));
    else if (method === 'POST' && named[2] === 'tag') {
      const repo = q.get('repo') ?? '';
      const tag = q.get('tag');
      await api.imageTag(name, tag ? `${repo}:${tag}` : repo);
      res.statusCode = 201;
      res.end();
    } else return false;
    return true;
  }
  const removed = /^\/images\/(.+)$/.exec(path);
  if (method === 'DELETE' && removed) {
    json(res, 200, await api.imageRemove(decodeURIComponent(removed[1]!), { force: truthy(q.get('force')), noPrune: truthy(q.get('noprune')) }));
    return true;
  }
  return false;
}
