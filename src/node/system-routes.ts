/**
 * The Engine API's system routes beyond version/info/ping: `GET /events`
 * (a JSON message per line, held open until `until` or the client goes)
 * and `GET /system/df` (moby api/server/router/system).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi } from '../api/index.ts';
import { json, parseFilters } from './http-util.ts';

/** `since`/`until` as the CLI sends them: Unix seconds with an optional fraction (`1700000000.000000000`). */
function seconds(v: string | null): number | undefined {
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (Number.isFinite(n)) return n;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t / 1000;
}

export async function handleSystemRoute(api: EngineApi, method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const q = url.searchParams;
  if (method === 'GET' && path === '/system/df') {
    const df = await api.systemDf();
    const types = q.getAll('type');
    json(res, 200, types.length === 0 ? df : {
      ...(types.includes('image') ? { LayersSize: df.LayersSize, Images: df.Images } : {}),
      ...(types.includes('container') ? { Containers: df.Containers } : {}),
      ...(types.includes('volume') ? { Volumes: df.Volumes } : {}),
      ...(types.includes('build-cache') ? { BuildCache: df.BuildCache } : {}),
    });
    return true;
  }
  if (method === 'GET' && path === '/events') {
    const since = seconds(q.get('since'));
    const until = seconds(q.get('until'));
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    // Headers set now but sent with the first message: an invalid filter is still an HTTP error.
    res.statusCode = 200;
    res.setHeader('Content-Type', 'application/json');
    const sub = await api.systemEvents(
      { ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}), filters: parseFilters(q.get('filters')) },
      (batch, end) => {
        for (const m of batch) res.write(`${JSON.stringify(m)}\n`);
        if (end) done();
      },
    );
    res.flushHeaders();
    req.socket.on('close', () => {
      sub.unsubscribe();
      done();
    });
    await finished;
    res.end();
    return true;
  }
  return false;
}
