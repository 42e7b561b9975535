/**
 * What every Engine API route reads and writes the way dockerd does:
 * boolean query values (`1`, `true`), `filters` JSON (both the map and the
 * legacy list form), request bodies, JSON answers, and the multiplexed
 * stream frame of a container without a tty.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** dockerd's httputils.BoolValue: anything but '', '0', 'false', 'no', 'none' is true. */
export const truthy = (v: string | null): boolean => v !== null && !['', '0', 'false', 'no', 'none'].includes(v.toLowerCase());

/** `filters` as the client sends it: `{"status":{"running":true}}` (or the legacy `{"status":["running"]}`). */
export function parseFilters(raw: string | null): Record<string, string[]> {
  if (!raw) return {};
  const parsed = JSON.parse(raw) as Record<string, Record<string, boolean> | string[]>;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = Array.isArray(v) ? v : Object.keys(v).filter((x) => v[x]);
  return out;
}

/** The whole request body. */
export async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** The request body as JSON (`{}` when empty). */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = Buffer.from(await readBody(req)).toString('utf8');
  return text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

export function json(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.end(`${JSON.stringify(value)}\n`);
}

export function noContent(res: ServerResponse, status = 204): void {
  res.statusCode = status;
  res.end();
}

/** One frame of Docker's multiplexed stream: [stream, 0, 0, 0, size (big-endian u32)] + payload. */
export function frame(fd: 0 | 1 | 2, text: string | Uint8Array): Buffer {
  const payload = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  const head = Buffer.alloc(8);
  head[0] = fd;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
}

/** A JSON message stream line (`{"stream":"…"}\r\n`), as dockerd's jsonmessage writer ends them. */
export const jsonLine = (value: unknown): string => `${JSON.stringify(value)}\r\n`;
