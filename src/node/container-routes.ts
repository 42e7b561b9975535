/**
 * The Engine API's `/containers/…` and `/commit` routes over EngineApi, so
 * the real docker CLI can create, start, list, inspect, stop, kill, remove,
 * prune, wait for, rename, pause, diff, top, export, copy files to and from,
 * sample stats of and read the logs of Layerlab's containers (`layerlab
 * serve`). Query parameters and bodies as dockerd reads them (moby
 * api/server/router/container). Logs of a container without a tty use
 * Docker's multiplexed stream framing (8-byte header per frame). Attach and
 * exec start hijack the connection: hijack-routes.ts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContainerCreateOptions, EngineApi, HostConfigInput, MountSpec, WaitCondition } from '../api/index.ts';
import { frame, json, noContent, parseFilters, readBody, readJson, truthy } from './http-util.ts';

/** The create body (Config with HostConfig inside) as the runtime's create options. */
function createOptions(body: Record<string, unknown>, name: string | null): ContainerCreateOptions {
  const host = (body.HostConfig ?? {}) as Record<string, unknown>;
  const entrypoint = body.Entrypoint as string[] | null | undefined;
  const cmd = body.Cmd as string[] | null | undefined;
  const str = (k: string) => (typeof body[k] === 'string' && body[k] !== '' ? (body[k] as string) : undefined);
  const restart = host.RestartPolicy as { Name?: string; MaximumRetryCount?: number } | undefined;
  return {
    Image: String(body.Image ?? ''),
    ...(name ? { name } : {}),
    ...(cmd && cmd.length > 0 ? { Cmd: cmd } : {}),
    ...(entrypoint && entrypoint.length > 0 ? { Entrypoint: entrypoint.join(' ') } : {}),
    ...(Array.isArray(body.Env) ? { Env: body.Env as string[] } : {}),
    ...(str('WorkingDir') ? { WorkingDir: str('WorkingDir')! } : {}),
    ...(str('User') ? { User: str('User')! } : {}),
    ...(str('Hostname') ? { Hostname: str('Hostname')! } : {}),
    ...(str('StopSignal') ? { StopSignal: str('StopSignal')! } : {}),
    ...(typeof body.StopTimeout === 'number' ? { StopTimeout: body.StopTimeout } : {}),
    ...(body.Labels && typeof body.Labels === 'object' ? { Labels: body.Labels as Record<string, string> } : {}),
    Tty: body.Tty === true,
    OpenStdin: body.OpenStdin === true,
    AttachStdin: body.AttachStdin === true,
    AttachStdout: body.AttachStdout === true,
    AttachStderr: body.AttachStderr === true,
    HostConfig: {
      AutoRemove: host.AutoRemove === true,
      RestartPolicy: { Name: (restart?.Name ?? 'no') as 'no', MaximumRetryCount: restart?.MaximumRetryCount ?? 0 },
      NetworkMode: typeof host.NetworkMode === 'string' && host.NetworkMode !== '' && host.NetworkMode !== 'default' ? host.NetworkMode : 'bridge',
      ...networkingHostConfig(host, body.Volumes as Record<string, unknown> | null | undefined),
    },
    ...(body.ExposedPorts && typeof body.ExposedPorts === 'object' ? { ExposedPorts: body.ExposedPorts as Record<string, Record<string, never>> } : {}),
    ...(body.Healthcheck && typeof body.Healthcheck === 'object' ? { Healthcheck: body.Healthcheck as ContainerCreateOptions['Healthcheck'] & object } : {}),
    ...(body.NetworkingConfig && typeof body.NetworkingConfig === 'object' ? { NetworkingConfig: body.NetworkingConfig as ContainerCreateOptions['NetworkingConfig'] & object } : {}),
  };
}

/** Ports, volumes and mounts of the create body's HostConfig (the docker CLI sends `Tmpfs` as a map and `-v /path` as Config.Volumes). */
function networkingHostConfig(host: Record<string, unknown>, volumes: Record<string, unknown> | null | undefined): Partial<HostConfigInput> {
  const list = (k: string) => (Array.isArray(host[k]) && (host[k] as unknown[]).length > 0 ? (host[k] as string[]) : undefined);
  // `-v /path` arrives as Config.Volumes; Layerlab's create takes it as a bind without a source (an anonymous volume).
  const binds = [...(list('Binds') ?? []), ...Object.keys(volumes ?? {})];
  const mounts = [...((host.Mounts as MountSpec[] | null | undefined) ?? [])];
  for (const target of Object.keys((host.Tmpfs as Record<string, string> | null | undefined) ?? {})) mounts.push({ Type: 'tmpfs', Target: target });
  const ports = host.PortBindings as HostConfigInput['PortBindings'] | null | undefined;
  return {
    ...(ports && Object.keys(ports).length > 0 ? { PortBindings: ports } : {}),
    ...(host.PublishAllPorts === true ? { PublishAllPorts: true } : {}),
    ...(binds.length > 0 ? { Binds: binds } : {}),
    ...(list('VolumesFrom') ? { VolumesFrom: list('VolumesFrom')! } : {}),
    ...(mounts.length > 0 ? { Mounts: mounts } : {}),
  };
}

/** Handles a container route; returns false when `path` is not one (the caller answers). */
export async function handleContainerRoute(api: EngineApi, method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const q = url.searchParams;
  if (method === 'GET' && path === '/containers/json') {
    const limit = Number(q.get('limit') ?? '0');
    json(res, 200, await api.containerList({ all: truthy(q.get('all')), size: truthy(q.get('size')), ...(limit > 0 ? { limit } : {}), filters: parseFilters(q.get('filters')) }));
    return true;
  }
  if (method === 'POST' && path === '/containers/create') {
    json(res, 201, await api.containerCreate(createOptions(await readJson(req), q.get('name'))));
    return true;
  }
  if (method === 'POST' && path === '/containers/prune') {
    json(res, 200, await api.containerPrune({ filters: parseFilters(q.get('filters')) }));
    return true;
  }
  if (method === 'POST' && path === '/commit') {
    const repo = q.get('repo');
    const tag = q.get('tag');
    const result = await api.containerCommit(q.get('container') ?? '', {
      ...(repo ? { reference: tag ? `${repo}:${tag}` : repo } : {}),
      ...(q.get('author') ? { author: q.get('author')! } : {}),
      ...(q.get('comment') ? { comment: q.get('comment')! } : {}),
      changes: q.getAll('changes'),
      pause: q.get('pause') === null ? true : truthy(q.get('pause')),
    });
    json(res, 201, result);
    return true;
  }
  const m = /^\/containers\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  if (!m) return false;
  const id = decodeURIComponent(m[1]!);
  const action = m[2];
  const timeout = q.get('t');
  const signal = q.get('signal');
  const stopOpts = { ...(timeout !== null ? { timeout: Number(timeout) } : {}), ...(signal ? { signal } : {}) };
  switch (`${method} ${action ?? ''}`) {
    case 'GET json':
      json(res, 200, await api.containerInspect(id, { size: truthy(q.get('size')) }));
      return true;
    case 'GET changes':
      json(res, 200, await api.containerChanges(id));
      return true;
    case 'GET top':
      json(res, 200, await api.containerTop(id));
      return true;
    case 'GET export': {
      const tar = await api.containerExport(id);
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/x-tar');
      res.end(Buffer.from(tar));
      return true;
    }
    case 'HEAD archive':
    case 'GET archive': {
      const p = q.get('path') ?? '';
      const stat = method === 'HEAD' ? await api.containerArchiveStat(id, p) : undefined;
      const archive = method === 'GET' ? await api.containerArchive(id, p) : undefined;
      res.statusCode = 200;
      res.setHeader('X-Docker-Container-Path-Stat', Buffer.from(JSON.stringify(stat ?? archive!.stat)).toString('base64'));
      if (archive) res.setHeader('Content-Type', 'application/x-tar');
      res.end(archive ? Buffer.from(archive.tar) : undefined);
      return true;
    }
    case 'PUT archive':
      await api.containerPutArchive(id, q.get('path') ?? '', await readBody(req), {
        noOverwriteDirNonDir: truthy(q.get('noOverwriteDirNonDir')),
        copyUIDGID: truthy(q.get('copyUIDGID')),
      });
      noContent(res, 200);
      return true;
    case 'GET stats': {
      const first = await api.containerStats(id);
      if (!truthy(q.get('stream') ?? '1') || truthy(q.get('one-shot'))) {
        json(res, 200, first);
        return true;
      }
      // `docker stats` without --no-stream: a sample a second until the client goes or the container does.
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json');
      res.write(`${JSON.stringify(first)}\n`);
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          api.containerStats(id).then(
            (s) => void res.write(`${JSON.stringify(s)}\n`),
            () => {
              clearInterval(timer);
              resolve();
            },
          );
        }, 1000);
        req.socket.once('close', () => {
          clearInterval(timer);
          resolve();
        });
      });
      res.end();
      return true;
    }
    case 'POST resize':
      await api.containerInspect(id);
      noContent(res, 200);
      return true;
    case 'POST attach':
      json(res, 400, { message: 'attach needs a connection upgrade (Upgrade: tcp)' });
      return true;
    case 'POST start':
      await api.containerStart(id);
      noContent(res);
      return true;
    case 'POST stop':
      await api.containerStop(id, stopOpts);
      noContent(res);
      return true;
    case 'POST restart':
      await api.containerRestart(id, stopOpts);
      noContent(res);
      return true;
    case 'POST kill':
      await api.containerKill(id, signal ?? undefined);
      noContent(res);
      return true;
    case 'POST pause':
      await api.containerPause(id);
      noContent(res);
      return true;
    case 'POST unpause':
      await api.containerUnpause(id);
      noContent(res);
      return true;
    case 'POST rename':
      await api.containerRename(id, q.get('name') ?? '');
      noContent(res);
      return true;
    case 'POST wait': {
      const condition = (q.get('condition') ?? 'not-running') as WaitCondition;
      const waited = api.containerWait(id, condition);
      // dockerd answers 200 with the headers at once, the body when the condition is met.
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json');
      res.flushHeaders();
      const r = await waited;
      res.end(`${JSON.stringify({ StatusCode: r.StatusCode, Error: r.Error ?? null })}\n`);
      return true;
    }
    case 'DELETE ':
      await api.containerRemove(id, { force: truthy(q.get('force')), volumes: truthy(q.get('v')) });
      noContent(res);
      return true;
    case 'GET logs': {
      const info = await api.containerInspect(id);
      const tty = info.Config.Tty;
      res.statusCode = 200;
      res.setHeader('Content-Type', tty ? 'application/vnd.docker.raw-stream' : 'application/vnd.docker.multiplexed-stream');
      const tail = q.get('tail');
      const since = q.get('since');
      const until = q.get('until');
      await api.containerLogs(
        id,
        {
          stdout: truthy(q.get('stdout')),
          stderr: truthy(q.get('stderr')),
          timestamps: truthy(q.get('timestamps')),
          follow: truthy(q.get('follow')),
          ...(tail ? { tail } : {}),
          ...(since ? { since: Number(since) } : {}),
          ...(until ? { until: Number(until) } : {}),
        },
        (chunks) => {
          for (const c of chunks) res.write(tty ? Buffer.from(c.data, 'utf8') : frame(c.fd, c.data));
        },
      );
      res.end();
      return true;
    }
    default:
      return false;
  }
}
