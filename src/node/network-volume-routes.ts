/**
 * The Engine API's `/networks/…` and `/volumes/…` routes over EngineApi
 * (moby api/server/router/network and volume): list, inspect, create,
 * remove, prune, and a network's connect/disconnect. Bodies and answers are
 * the spec's shapes, which NetworkApi already speaks.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi, NetworkCreateOptions, VolumeCreateOptions } from '../api/index.ts';
import { json, noContent, parseFilters, readJson, truthy } from './http-util.ts';

export async function handleNetworkVolumeRoute(api: EngineApi, method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const q = url.searchParams;
  const filters = () => parseFilters(q.get('filters'));
  if (path === '/volumes' && method === 'GET') return json(res, 200, await api.volumeList({ filters: filters() })), true;
  if (path === '/volumes/create' && method === 'POST') return json(res, 201, await api.volumeCreate((await readJson(req)) as VolumeCreateOptions)), true;
  if (path === '/volumes/prune' && method === 'POST') return json(res, 200, await api.volumePrune({ filters: filters() })), true;
  if (path === '/networks' && method === 'GET') return json(res, 200, await api.networkList({ filters: filters() })), true;
  if (path === '/networks/create' && method === 'POST') return json(res, 201, await api.networkCreate((await readJson(req)) as unknown as NetworkCreateOptions)), true;
  if (path === '/networks/prune' && method === 'POST') return json(res, 200, await api.networkPrune({ filters: filters() })), true;
  const volume = /^\/volumes\/([^/]+)$/.exec(path);
  if (volume) {
    const name = decodeURIComponent(volume[1]!);
    if (method === 'GET') return json(res, 200, await api.volumeInspect(name)), true;
    if (method === 'DELETE') {
      await api.volumeRemove(name, { force: truthy(q.get('force')) });
      return noContent(res), true;
    }
    return false;
  }
  const network = /^\/networks\/([^/]+)(?:\/(connect|disconnect))?$/.exec(path);
  if (!network) return false;
  const ref = decodeURIComponent(network[1]!);
  switch (`${method} ${network[2] ?? ''}`) {
    case 'GET ':
      json(res, 200, await api.networkInspect(ref));
      return true;
    case 'DELETE ':
      await api.networkRemove(ref);
      noContent(res);
      return true;
    case 'POST connect': {
      const body = await readJson(req);
      const endpoint = body.EndpointConfig as { Aliases?: string[] } | undefined;
      await api.networkConnect(ref, { Container: String(body.Container ?? ''), ...(endpoint?.Aliases ? { EndpointConfig: { Aliases: endpoint.Aliases } } : {}) });
      noContent(res, 200);
      return true;
    }
    case 'POST disconnect': {
      const body = await readJson(req);
      await api.networkDisconnect(ref, { Container: String(body.Container ?? ''), Force: body.Force === true });
      noContent(res, 200);
      return true;
    }
    default:
      return false;
  }
}
