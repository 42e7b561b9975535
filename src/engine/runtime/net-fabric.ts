/**
 * The wires between network namespaces: which listener a connection to
 * `ip:port` reaches, from inside a container or from the simulated host.
 *
 * - Each running container has a namespace (its id); containers started
 *   with `--network host` share the host's (`host`).
 * - A container reaches its own addresses and 127.0.0.1, the addresses of
 *   containers on a network it shares, and the host through its gateway
 *   (where published ports answer, as docker-proxy does). Containers on
 *   different bridges cannot talk (Docker's isolation rules drop the
 *   packets: the connection times out).
 * - The host reaches every bridge address, its host-network containers on
 *   127.0.0.1, and published ports: a connection to host port P is
 *   forwarded to the container's address and private port.
 *
 * Simplification: no packets, no UDP, no internet; a TCP connection is a
 * pair of pipes made at connect time.
 */
import type { Listener, NetInterface, NetStack, Socket } from '../userspace/net/net.ts';
import { NetError } from '../userspace/net/net.ts';
import { socketPair } from '../userspace/net/socket.ts';
import type { Waiter } from '../userspace/io/open-file.ts';
import type { Endpoint, NetworkManager } from './networks.ts';

export const HOST_NAMESPACE = 'host';

/** A published port as the host sees it. */
export interface PublishedPort {
  readonly hostIp: string;
  readonly hostPort: number;
  readonly proto: string;
  readonly containerId: string;
  readonly containerPort: number;
}

class PortListener implements Listener {
  private queue: Socket[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  constructor(
    readonly port: number,
    readonly service: string | undefined,
    /** The container whose process listens (a host-network container's listener sits in the host's table). */
    readonly owner: string,
    private readonly onClose: () => void,
  ) {}

  deliver(s: Socket): void {
    this.queue.push(s);
    this.wake();
  }

  private wake(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  async accept(w: Waiter): Promise<Socket | null> {
    while (this.queue.length === 0) {
      if (this.closed) return null;
      let off = () => {};
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        off = w.intr.on(resolve);
      });
      off();
      if (w.signalPending()) return null;
    }
    return this.queue.shift()!;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.queue) s.close();
    this.queue = [];
    this.onClose();
    this.wake();
  }
}

/** What the fabric needs to know about one container's namespace. */
export interface NamespaceInfo {
  readonly id: string;
  /** `host` for --network host; else the container id. */
  readonly namespace: string;
  readonly endpoints: () => readonly Endpoint[];
  /** /etc/hosts lines of the container (name → ip), read live. */
  readonly hostsLookup: (name: string) => string | null;
  /** True while the container is on a user-defined network (its resolver is the embedded DNS server). */
  readonly internalDns: () => boolean;
}

export class NetFabric {
  private readonly listeners = new Map<string, Map<number, PortListener>>();
  private readonly published: PublishedPort[] = [];

  constructor(
    private readonly networks: NetworkManager,
    /** Facts for the visualisation: `/sim/net/connected` and `/sim/net/refused` (who, to which address and port). */
    private readonly emit: (topic: string, data: unknown) => void = () => {},
  ) {}

  private table(ns: string): Map<number, PortListener> {
    let t = this.listeners.get(ns);
    if (!t) this.listeners.set(ns, (t = new Map()));
    return t;
  }

  /** Closes every listener a container's processes opened (it stopped), in its own namespace or the host's. */
  dropListenersOf(owner: string): void {
    for (const table of this.listeners.values()) for (const l of [...table.values()]) if (l.owner === owner) l.close();
    this.listeners.delete(owner);
  }

  listen(ns: string, owner: string, port: number, service?: string): Listener {
    const t = this.table(ns);
    const held = t.get(port);
    if (held && !held.closed) throw new NetError('EADDRINUSE', `0.0.0.0:${port}`);
    const l = new PortListener(port, service, owner, () => {
      if (t.get(port) === l) t.delete(port);
    });
    t.set(port, l);
    return l;
  }

  listenerAt(ns: string, port: number): PortListener | undefined {
    const l = this.listeners.get(ns)?.get(port);
    return l && !l.closed ? l : undefined;
  }

  // ---- published ports ----

  publish(p: PublishedPort): void {
    this.published.push(p);
  }

  unpublish(containerId: string): void {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i]!.containerId === containerId) this.published.splice(i, 1);
  }

  publishedPorts(): readonly PublishedPort[] {
    return this.published;
  }

  /** The binding that already holds `hostIp:hostPort/proto`, if any (0.0.0.0 and :: overlap every address). */
  conflict(hostIp: string, hostPort: number, proto: string): PublishedPort | undefined {
    const v6 = (ip: string) => ip.includes(':');
    return this.published.find(
      (p) => p.hostPort === hostPort && p.proto === proto && v6(p.hostIp) === v6(hostIp) && (p.hostIp === hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::' || hostIp === '0.0.0.0' || hostIp === '::'),
    );
  }

  /** A free host port for `-P` / `-p 80` (dockerd's allocator walks 32768–60999 in order). */
  ephemeralPort(proto: string, from: { next: number }): number {
    for (let n = 0; n < 60999 - 32768; n++) {
      const port = from.next;
      from.next = port >= 60999 ? 32768 : port + 1;
      if (!this.conflict('0.0.0.0', port, proto)) return port;
    }
    throw new NetError('EADDRINUSE', 'no free ephemeral port');
  }

  // ---- connections ----

  /** Which namespace answers for `ip` as seen from `from` (null: unreachable). */
  private route(from: NamespaceInfo | null, ip: string): { ns: string; sourceIp: string } | { error: 'EHOSTUNREACH' | 'ETIMEDOUT' | 'ENETUNREACH' } {
    const fromEps = from ? from.endpoints() : [];
    if (/^127\./.test(ip)) return { ns: from ? from.namespace : HOST_NAMESPACE, sourceIp: '127.0.0.1' };
    if (from?.namespace !== HOST_NAMESPACE && from && fromEps.some((e) => e.ip === ip)) return { ns: from.namespace, sourceIp: ip };
    // Only a loopback interface (--network none): no route anywhere else.
    if (from && from.namespace !== HOST_NAMESPACE && !fromEps.some((e) => e.ip)) return { error: 'ENETUNREACH' };
    for (const n of this.networks.list()) {
      if (n.gateway === ip) {
        const src = fromEps.find((e) => e.networkId === n.id)?.ip ?? '';
        return from === null || from.namespace === HOST_NAMESPACE || src ? { ns: HOST_NAMESPACE, sourceIp: src || ip } : { error: 'EHOSTUNREACH' };
      }
      for (const e of this.networks.endpointsOf(n.id)) {
        if (e.ip !== ip) continue;
        if (from === null || from.namespace === HOST_NAMESPACE) return { ns: e.containerId, sourceIp: n.gateway };
        const mine = fromEps.find((x) => x.networkId === n.id);
        if (mine) return { ns: e.containerId, sourceIp: mine.ip };
        if (n.internal) return { error: 'EHOSTUNREACH' };
        return { error: 'ETIMEDOUT' };
      }
    }
    return { error: 'EHOSTUNREACH' };
  }

  private readonly clientPorts = { next: 40000 };

  /** Opens a TCP connection; `from` null is the simulated host. */
  connect(from: NamespaceInfo | null, ip: string, port: number): Socket {
    const who = { from: from ? from.id : 'host', ip, port };
    const r = this.route(from, ip);
    if ('error' in r) {
      this.emit('/sim/net/refused', { ...who, error: r.error });
      throw new NetError(r.error, `${ip}:${port}`);
    }
    const listener = r.ns === HOST_NAMESPACE ? this.hostListener(port) : this.listenerAt(r.ns, port);
    if (!listener) {
      this.emit('/sim/net/refused', { ...who, error: 'ECONNREFUSED' });
      throw new NetError('ECONNREFUSED', `${ip}:${port}`);
    }
    this.emit('/sim/net/connected', {
      ...who,
      sourceIp: r.sourceIp,
      to: listener instanceof PortListener ? r.ns : listener.binding.containerId,
      ...(listener instanceof PortListener ? {} : { published: { hostPort: listener.binding.hostPort, containerPort: listener.binding.containerPort } }),
    });
    if (listener instanceof PortListener) {
      const [client, server] = socketPair({ ip: r.sourceIp, port: this.clientPorts.next++ }, { ip, port });
      listener.deliver(server);
      return client;
    }
    // A published port: docker-proxy connects on to the container, from the network's gateway.
    const ep = this.networks.endpointsFor(listener.binding.containerId).find((e) => e.ip);
    const [client, server] = socketPair({ ip: ep?.gateway || r.sourceIp, port: this.clientPorts.next++ }, { ip, port });
    listener.target.deliver(server);
    return client;
  }

  /** What answers at host port `port`: a host-network listener, or a published port's container listener. */
  hostListener(port: number): PortListener | { target: PortListener; binding: PublishedPort } | undefined {
    const own = this.listenerAt(HOST_NAMESPACE, port);
    if (own) return own;
    const binding = this.published.find((p) => p.hostPort === port && p.proto === 'tcp');
    if (!binding) return undefined;
    const target = this.listenerAt(binding.containerId, binding.containerPort);
    return target ? { target, binding } : undefined;
  }

  /** The container whose service answers at host port `port`, with the listener's tag. */
  serviceAtHostPort(port: number): { containerId: string; service: string | undefined } | undefined {
    const l = this.hostListener(port);
    if (!l) return undefined;
    if (l instanceof PortListener) return undefined;
    return { containerId: l.binding.containerId, service: l.target.service };
  }

  reachable(from: NamespaceInfo, ip: string): boolean {
    return !('error' in this.route(from, ip));
  }

  /** The NetStack a container's processes use. */
  stackFor(info: NamespaceInfo): NetStack {
    const fabric = this;
    return {
      get nameserver() {
        return info.internalDns() ? '127.0.0.11' : '8.8.8.8';
      },
      interfaces(): NetInterface[] {
        const lo: NetInterface = { name: 'lo', index: 1, mac: '00:00:00:00:00:00', ip: '127.0.0.1', prefixLen: 8, mtu: 65536 };
        if (info.namespace === HOST_NAMESPACE) {
          return [lo, { name: 'eth0', index: 2, mac: '52:54:00:12:34:56', ip: '192.168.65.3', prefixLen: 24, mtu: 1500 }, { name: 'docker0', index: 3, mac: '02:42:8c:1f:6a:01', ip: '172.17.0.1', prefixLen: 16, mtu: 1500 }];
        }
        const eps = info.endpoints().filter((e) => e.ip);
        return [lo, ...eps.map((e, i) => ({ name: `eth${i}`, index: 2 * i + 10 + 2, mac: e.mac, ip: e.ip, prefixLen: e.prefixLen, mtu: 1500 }))];
      },
      resolve(name: string): string | null {
        if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
        const fromHosts = info.hostsLookup(name);
        if (fromHosts) return fromHosts;
        if (!info.internalDns()) return null;
        return fabric.networks.resolve(name, info.endpoints().map((e) => e.networkId));
      },
      listen(port: number, options?: { service?: string }): Listener {
        return fabric.listen(info.namespace, info.id, port, options?.service);
      },
      async connect(ip: string, port: number): Promise<Socket> {
        return fabric.connect(info, ip, port);
      },
      ping(ip: string): number | null {
        const r = fabric.route(info, ip);
        if ('error' in r) return null;
        return r.ns === info.namespace ? 0.05 : 0.1;
      },
    };
  }
}
