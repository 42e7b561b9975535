/**
 * The Engine API's hijacked connections: `POST /containers/{id}/attach` and
 * `POST /exec/{id}/start` with `Upgrade: tcp`. dockerd answers
 * `101 UPGRADED` and the connection becomes the process's standard streams:
 * raw bytes when the process has a tty, else 8-byte-header frames
 * (stdcopy) per stream. What the client writes is the process's stdin; its
 * half-close is end of input. The connection closes when the container (or
 * the exec'd process) exits.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EngineApi, OutputChunk } from '../api/index.ts';
import { EngineError, httpStatusOf, isEngineError } from '../api/index.ts';
import { frame, truthy } from './http-util.ts';

/** The body bytes that came with the request, and whatever the client sent after it (early stdin). */
async function splitBody(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<{ body: Buffer; rest: Buffer }> {
  const length = Number(req.headers['content-length'] ?? '0') || 0;
  let buf = head;
  while (buf.length < length) {
    const chunk = await new Promise<Buffer | null>((resolve) => {
      const onData = (c: Buffer) => {
        socket.off('end', onEnd);
        resolve(c);
      };
      const onEnd = () => {
        socket.off('data', onData);
        resolve(null);
      };
      socket.once('data', onData);
      socket.once('end', onEnd);
    });
    if (!chunk) break;
    buf = Buffer.concat([buf, chunk]);
  }
  socket.pause();
  return { body: buf.subarray(0, length), rest: buf.subarray(length) };
}

function upgradedHead(headers: Readonly<Record<string, string>>, tty: boolean): string {
  const lines = [
    'HTTP/1.1 101 UPGRADED',
    `Content-Type: application/vnd.docker.${tty ? 'raw-stream' : 'multiplexed-stream'}`,
    'Connection: Upgrade',
    'Upgrade: tcp',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** An HTTP error on a connection that was not upgraded. */
export function socketError(socket: Duplex, headers: Readonly<Record<string, string>>, err: unknown): void {
  const status = isEngineError(err) ? httpStatusOf[err.code] : 500;
  const body = `${JSON.stringify({ message: err instanceof Error ? err.message : String(err) })}\n`;
  const lines = [
    `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : status === 409 ? 'Conflict' : status === 400 ? 'Bad Request' : 'Error'}`,
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

/** Writes output chunks the way the process's tty setting asks. */
function writer(socket: Duplex, tty: boolean): (chunks: readonly OutputChunk[]) => void {
  return (chunks) => {
    if (socket.destroyed) return;
    for (const c of chunks) socket.write(tty ? Buffer.from(c.data, 'utf8') : frame(c.fd, c.data));
  };
}

/** Client bytes → the process's stdin; the client's half-close → end of input. */
function pumpStdin(api: EngineApi, socket: Duplex, streamId: string, early: Buffer): void {
  let chain = Promise.resolve();
  const send = (data: string | null) => {
    chain = chain.then(() => api.streamInput(streamId, data)).catch(() => {});
  };
  if (early.length > 0) send(early.toString('utf8'));
  socket.on('data', (c: Buffer) => send(c.toString('utf8')));
  socket.on('end', () => send(null));
  socket.resume();
}

/** Resolves once the container runs (at once if it does already). */
async function whenRunning(api: EngineApi, id: string): Promise<void> {
  let done: () => void = () => {};
  const started = new Promise<void>((resolve) => (done = resolve));
  const sub = await api.systemEvents({ filters: { container: [id], event: ['start'] } }, (batch) => {
    if (batch.length > 0) done();
  });
  try {
    if ((await api.containerInspect(id)).State.Running) return;
    await started;
  } catch {
    // The container went away: nothing to feed.
  } finally {
    sub.unsubscribe();
  }
}

/**
 * Handles an upgrade request; returns false when `path` is not a hijacked
 * endpoint (the caller refuses it).
 */
export async function handleHijack(
  api: EngineApi,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  path: string,
  url: URL,
  headers: Readonly<Record<string, string>>,
): Promise<boolean> {
  const q = url.searchParams;
  const attach = /^\/containers\/([^/]+)\/attach$/.exec(path);
  const execStart = /^\/exec\/([^/]+)\/start$/.exec(path);
  if (req.method !== 'POST' || (!attach && !execStart)) return false;
  const { body, rest } = await splitBody(req, socket, head);
  // Ignore errors after the upgrade (a client that went away); before it they are HTTP errors.
  socket.on('error', () => {});
  if (attach) {
    const id = decodeURIComponent(attach[1]!);
    const stdin = truthy(q.get('stdin'));
    let tty: boolean;
    let stream;
    const pending: OutputChunk[][] = [];
    let write: ((chunks: readonly OutputChunk[]) => void) | undefined;
    try {
      tty = (await api.containerInspect(id)).Config.Tty;
      stream = await api.containerAttach(id, { stdin, stdout: truthy(q.get('stdout')), stderr: truthy(q.get('stderr')) }, (chunks) =>
        write ? write(chunks) : pending.push([...chunks]),
      );
    } catch (err) {
      socketError(socket, headers, err);
      return true;
    }
    socket.write(upgradedHead(headers, tty));
    write = writer(socket, tty);
    for (const p of pending) write(p);
    const exited = api.containerWait(id, 'next-exit').catch(() => undefined);
    // `docker run -i` attaches before it starts the container and sends stdin at once:
    // hold it (paused socket) until the container runs and its stdin exists.
    if (stdin) void whenRunning(api, id).then(() => pumpStdin(api, socket, stream.streamId, rest));
    else socket.resume();
    socket.on('close', () => void api.streamClose(stream.streamId).catch(() => {}));
    await exited;
    await api.streamClose(stream.streamId).catch(() => {});
    socket.end();
    return true;
  }
  const execId = decodeURIComponent(execStart![1]!);
  let tty: boolean;
  try {
    const opts = body.length > 0 ? (JSON.parse(body.toString('utf8')) as { Tty?: boolean }) : {};
    const inspect = await api.execInspect(execId);
    const container = await api.containerInspect(inspect.ContainerID);
    if (!container.State.Running) throw new EngineError('Conflict', `container ${container.Id} is not running`, { id: container.Id });
    tty = opts.Tty ?? inspect.ProcessConfig.tty;
  } catch (err) {
    socketError(socket, headers, err);
    return true;
  }
  socket.write(upgradedHead(headers, tty));
  const started = api.execStart(execId, {}, writer(socket, tty));
  // An exec without AttachStdin has no stdin stream: its input is dropped (streamInput fails quietly).
  pumpStdin(api, socket, execId, rest);
  try {
    await started;
  } catch (err) {
    if (!socket.destroyed) socket.write(tty ? `${(err as Error).message}\r\n` : frame(2, `${(err as Error).message}\n`));
  }
  socket.end();
  return true;
}
