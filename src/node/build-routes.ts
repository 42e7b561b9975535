/**
 * `POST /build`: the classic builder's endpoint (`DOCKER_BUILDKIT=0 docker
 * build`). The body is the context tar; the query carries `t`, `dockerfile`,
 * `buildargs`, `labels` (JSON), `nocache`, `target`, `pull`, `platform`. The
 * answer streams jsonmessages as dockerd's classic builder writes them:
 * `{"stream":"Step 1/3 : FROM busybox\n"}`, `{"aux":{"ID":"sha256:…"}}`,
 * then `Successfully built`/`tagged`; a failure after the stream began is an
 * `errorDetail` message (with the RUN's exit code). The text comes from the
 * one classic renderer the CLI uses (cli/commands/build/classic-stream.ts).
 * BuildKit's session protocol (`version=2`) is refused with a hint.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BuildFailureData, EngineApi, ImageBuildOptions } from '../api/index.ts';
import { isEngineError } from '../api/index.ts';
import { ClassicStream } from '../cli/commands/build/classic-stream.ts';
import { json, jsonLine, readBody, truthy } from './http-util.ts';

function jsonMap(raw: string | null): Record<string, string> {
  if (!raw) return {};
  const parsed = JSON.parse(raw) as Record<string, string | null>;
  const out: Record<string, string> = {};
  // A build arg sent as null (`--build-arg NAME` with NAME unset) is left out.
  for (const [k, v] of Object.entries(parsed)) if (v !== null) out[k] = v;
  return out;
}

export async function handleBuildRoute(api: EngineApi, method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const q = url.searchParams;
  if (method === 'POST' && path === '/build/prune') {
    json(res, 200, await api.builderPrune({ all: truthy(q.get('all')) }));
    return true;
  }
  if (method !== 'POST' || path !== '/build') return false;
  if (q.get('version') === '2') {
    json(res, 400, { message: 'Layerlab serves the classic builder only: run docker build with DOCKER_BUILDKIT=0' });
    return true;
  }
  if (q.get('remote')) {
    json(res, 400, { message: 'Layerlab builds only from a context sent in the request body (no remote contexts)' });
    return true;
  }
  const target = q.get('target');
  const platform = q.get('platform');
  const labels = jsonMap(q.get('labels'));
  const options: ImageBuildOptions = {
    contextTar: await readBody(req),
    dockerfile: q.get('dockerfile') || 'Dockerfile',
    tags: q.getAll('t'),
    buildArgs: jsonMap(q.get('buildargs')),
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    ...(target ? { target } : {}),
    ...(platform ? { platform } : {}),
    noCache: truthy(q.get('nocache')),
    pull: truthy(q.get('pull')),
    builder: 'classic',
  };
  const quiet = truthy(q.get('q'));
  const stream = new ClassicStream();
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.flushHeaders();
  const send = (value: unknown) => res.write(jsonLine(value));
  try {
    const result = await api.imageBuild(options, (batch) => {
      if (!quiet) for (const text of stream.feed(batch)) send({ stream: text });
    });
    send({ aux: { ID: result.imageId } });
    if (!quiet) for (const text of ClassicStream.success(result.imageId, result.tags)) send({ stream: text });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const code = isEngineError(err) ? (err.data as Partial<BuildFailureData> | undefined)?.exitCode : undefined;
    send({ errorDetail: { ...(code !== undefined ? { code } : {}), message }, error: message });
  }
  res.end();
  return true;
}
