/**
 * What the network applets share: the process's network stack, name
 * resolution with BusyBox's messages, and HTTP dates.
 */
import type { AppletIO } from '../lib/applet-io.ts';
import type { NetStack, Socket } from '../../net/net.ts';
import { NetError, netStackOf } from '../../net/net.ts';

/** The stack of the container the applet runs in; a kernel without one has only an unplugged loopback. */
export function netOf(io: AppletIO): NetStack {
  return netStackOf(io.proc.kernel) ?? OFFLINE;
}

const OFFLINE: NetStack = {
  nameserver: '127.0.0.11',
  interfaces: () => [{ name: 'lo', index: 1, mac: '00:00:00:00:00:00', ip: '127.0.0.1', prefixLen: 8, mtu: 65536 }],
  resolve: (name) => (/^\d+\.\d+\.\d+\.\d+$/.test(name) ? name : name === 'localhost' ? '127.0.0.1' : null),
  listen: () => {
    throw new NetError('EADDRINUSE', 'no network');
  },
  connect: async (ip, port) => {
    throw new NetError('ECONNREFUSED', `${ip}:${port}`);
  },
  ping: () => null,
};

/** Resolves `host` or prints BusyBox's `bad address 'x'`; null then. */
export async function resolveOrReport(io: AppletIO, host: string): Promise<string | null> {
  const ip = netOf(io).resolve(host);
  if (ip === null) await io.err(`bad address '${host}'`);
  return ip;
}

/** Connects, or prints `can't connect to remote host (ip): Connection refused`; null then. */
export async function connectOrReport(io: AppletIO, ip: string, port: number): Promise<Socket | null> {
  try {
    return await io.proc.wait(netOf(io).connect(ip, port));
  } catch (e) {
    if (!(e instanceof NetError)) throw e;
    await io.err(`can't connect to remote host (${ip}): ${e.text}`);
    return null;
  }
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** RFC 7231 IMF-fixdate: `Sun, 22 Nov 2026 18:30:00 GMT`. */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

/** nginx's access log time: `22/Nov/2026:18:30:00 +0000`. */
export function clfDate(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
