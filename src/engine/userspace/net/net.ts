/**
 * The network a container's processes see: what the runtime passes in
 * `KernelOptions.net`. A small socket API over the engine's simulated
 * networks (no packets: a TCP connection is a pair of byte pipes).
 *
 * Contract:
 * - `listen(port)` binds 0.0.0.0:port in the container's network namespace;
 *   a second bind of the same port fails with EADDRINUSE.
 * - `connect(host, port)` reaches a listener: the container's own (127.0.0.1,
 *   its own addresses), another container's on a shared network, or the
 *   host's published port; ECONNREFUSED when nothing listens there,
 *   EHOSTUNREACH when the address is not reachable from this namespace.
 * - `resolve(name)` answers as the C library would: /etc/hosts first, then
 *   the container's DNS (the embedded server on user-defined networks).
 * Every failure throws NetError with the errno name.
 */
import type { Waiter } from '../io/open-file.ts';

export type NetErrno = 'ECONNREFUSED' | 'EHOSTUNREACH' | 'EADDRINUSE' | 'ENETUNREACH' | 'ETIMEDOUT' | 'EAI_NONAME';

const TEXT: Record<NetErrno, string> = {
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  EADDRINUSE: 'Address in use',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  EAI_NONAME: 'bad address',
};

export class NetError extends Error {
  override readonly name = 'NetError';
  constructor(
    readonly code: NetErrno,
    readonly target: string,
  ) {
    super(`${target}: ${TEXT[code]}`);
  }

  /** strerror(3) text, as BusyBox prints it. */
  get text(): string {
    return TEXT[this.code];
  }
}

/** One end of a TCP connection. */
export interface Socket {
  /** Up to `max` bytes; null once the peer shut down its sending side. */
  read(max: number, w: Waiter): Promise<Uint8Array | null>;
  write(data: Uint8Array, w: Waiter): Promise<void>;
  /** Half-close: the peer reads EOF; this end may still read. */
  shutdownWrite(): void;
  /** Closes both directions. Idempotent. */
  close(): void;
  readonly remote: { readonly ip: string; readonly port: number };
  readonly local: { readonly ip: string; readonly port: number };
}

/** A bound, listening port. */
export interface Listener {
  readonly port: number;
  /** The next connection; null after close. */
  accept(w: Waiter): Promise<Socket | null>;
  close(): void;
}

/** One network interface (ip addr, ifconfig). */
export interface NetInterface {
  readonly name: string;
  readonly index: number;
  readonly mac: string;
  /** IPv4 address, empty when none. */
  readonly ip: string;
  readonly prefixLen: number;
  readonly mtu: number;
}

export interface NetStack {
  interfaces(): readonly NetInterface[];
  /** IPv4 address of `name` (a dotted quad passes through); null when unknown. */
  resolve(name: string): string | null;
  /** The DNS server the container asks (`127.0.0.11` on user networks), for nslookup. */
  readonly nameserver: string;
  /**
   * Binds a port; `service` tags the listener for the engine (e.g.
   * `registry` lets the engine route registry traffic to its own server).
   */
  listen(port: number, options?: { service?: string }): Listener;
  connect(ip: string, port: number): Promise<Socket>;
  /** One ICMP echo: round-trip time in ms, or null when unreachable. */
  ping(ip: string): number | null;
}

const stacks = new WeakMap<object, NetStack>();

/**
 * Gives a kernel (one container's namespaces) its network stack. A side
 * table rather than a KernelOptions field so the process kernel stays
 * ignorant of networking; a kernel without one has no network at all.
 */
export function setNetStack(kernel: object, net: NetStack): void {
  stacks.set(kernel, net);
}

/** The network stack of the kernel a process runs in, if any. */
export function netStackOf(kernel: object): NetStack | undefined {
  return stacks.get(kernel);
}
