/**
 * The Engine API's `/images/…` routes over EngineApi, so the real docker CLI
 * can list, inspect, tag, remove, prune, save and load Layerlab's images
 * (`layerlab serve`). Query parameters and bodies as dockerd reads them
 * (moby api/server/router/image).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi } from '../api/index.ts';

/** `filters` as the client sends it: `{"dangling":{"true":true}}` (or the legacy `{"dangling":["true"]}`). */
function parseFilters(raw: string | null): Record<string, string[]> {
  if (!raw) return {};
  const parsed = JSON.parse(raw) as Record<string, Record<string, boolean> | string[]>;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = Array.isArray(v) ? v : Object.keys(v).filter((x) => v[x]);
  return out;
}

const truthy = (v: string | null) => v !== null && v !== '' && v !== '0' && v.toLowerCase() !== 'false';

async function body(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(`${JSON.stringify(value)}\n`);
}

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
  if (method === 'GET' && path === '/images/get') {
    const tar = await api.imageSave(q.getAll('names'));
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/x-tar');
    res.end(Buffer.from(tar));
    return true;
  }
  if (method === 'POST' && path === '/images/load') {
    const result = await api.imageLoad(await body(req));
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
