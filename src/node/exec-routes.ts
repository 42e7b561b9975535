/**
 * The Engine API's exec routes (moby api/server/router/container/exec.go):
 * `POST /containers/{id}/exec` (create), `POST /exec/{id}/start` when
 * detached (attached starts hijack the connection: hijack-routes.ts),
 * `GET /exec/{id}/json`, `POST /exec/{id}/resize` (accepted; the simulated
 * terminal has no size).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineApi, ExecCreateOptions } from '../api/index.ts';
import { json, noContent, readJson } from './http-util.ts';

export async function handleExecRoute(api: EngineApi, method: string, path: string, _url: URL, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const create = /^\/containers\/([^/]+)\/exec$/.exec(path);
  if (create && method === 'POST') {
    const body = await readJson(req);
    const str = (k: string) => (typeof body[k] === 'string' && body[k] !== '' ? (body[k] as string) : undefined);
    const options: ExecCreateOptions = {
      Cmd: Array.isArray(body.Cmd) ? (body.Cmd as string[]) : [],
      ...(Array.isArray(body.Env) ? { Env: body.Env as string[] } : {}),
      ...(str('WorkingDir') ? { WorkingDir: str('WorkingDir')! } : {}),
      ...(str('User') ? { User: str('User')! } : {}),
      Tty: body.Tty === true,
      AttachStdin: body.AttachStdin === true,
      AttachStdout: body.AttachStdout === true,
      AttachStderr: body.AttachStderr === true,
      Detach: body.Detach === true,
    };
    json(res, 201, await api.execCreate(decodeURIComponent(create[1]!), options));
    return true;
  }
  const m = /^\/exec\/([^/]+)\/(start|json|resize)$/.exec(path);
  if (!m) return false;
  const id = decodeURIComponent(m[1]!);
  if (method === 'GET' && m[2] === 'json') {
    json(res, 200, await api.execInspect(id));
    return true;
  }
  if (method === 'POST' && m[2] === 'resize') {
    await api.execInspect(id);
    noContent(res, 200);
    return true;
  }
  if (method === 'POST' && m[2] === 'start') {
    // Not upgraded: a detached start (`docker exec -d`), or a client that did not ask to hijack.
    const body = await readJson(req);
    await api.execStart(id, { detach: body.Detach !== false });
    noContent(res, 200);
    return true;
  }
  return false;
}
