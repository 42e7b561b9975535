/**
 * The daemon's networks (libnetwork, simulated): the predefined `bridge`
 * (172.17.0.0/16, gateway 172.17.0.1, docker0), `host` and `none`, and
 * user-defined bridge networks with subnets from Docker's default address
 * pools (172.18.0.0/16, 172.19.0.0/16, …). Containers join networks as
 * endpoints with an IPv4 address (the lowest free one), a MAC address and
 * DNS names; user-defined networks resolve container names and aliases
 * through the embedded DNS server (127.0.0.11), the default bridge does not.
 *
 * Contract: failures are EngineErrors with dockerd's text (`network x not
 * found`, `network with name x already exists`, `network x has active
 * endpoints (…)`). Endpoints are kept only while their container runs (as
 * dockerd releases a stopped container's sandbox); the networks a container
 * is *configured* to join live in its HostConfig / NetworkingConfig.
 */
import type { NetworkCreateOptions, NetworkResource } from '../../api/networks.ts';
import { EngineError } from '../../api/errors.ts';
import type { Clock, Rng } from '../deps.ts';
import { randomHex } from '../deps.ts';
import { rfc3339Nano } from './status.ts';

export const BRIDGE_NETWORK_ID = '4b3c1d8e2f7a9065b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e';
const HOST_NETWORK_ID = '9d2f6c1a7e3b4085a6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d';
const NONE_NETWORK_ID = '1e7a3c5b9d2f4860b7c8d9e0f1a2b3c4d5e6f7081920a3b4c5d6e7f8091a2b3c';

/** A network as engine state. */
export interface NetworkRecord {
  readonly id: string;
  readonly name: string;
  readonly driver: 'bridge' | 'host' | 'null';
  readonly created: number;
  /** `a.b.c.d/len`; empty for host and none. */
  readonly subnet: string;
  readonly gateway: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** Whether the IPAM config was given by the user (inspect shows IPAM.Options {} then too). */
  readonly predefined: boolean;
}

/** A running container's attachment to one network. */
export interface Endpoint {
  readonly networkId: string;
  readonly networkName: string;
  readonly containerId: string;
  readonly containerName: string;
  readonly endpointId: string;
  /** Empty on host and none. */
  readonly ip: string;
  readonly prefixLen: number;
  readonly gateway: string;
  readonly mac: string;
  readonly aliases: readonly string[];
  /** Names the embedded DNS answers with this endpoint's address (user-defined networks). */
  readonly dnsNames: readonly string[] | null;
}

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0]! << 24) >>> 0) + (p[1]! << 16) + (p[2]! << 8) + p[3]!) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/len` (the network address is normalised); null when malformed. */
export function parseCidr(cidr: string): { base: number; len: number } | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!m || m.slice(1, 5).some((x) => Number(x) > 255) || Number(m[5]) > 32) return null;
  const len = Number(m[5]);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  return { base: (ipToInt(`${m[1]}.${m[2]}.${m[3]}.${m[4]}`) & mask) >>> 0, len };
}

function macFor(ip: string): string {
  if (!ip) return '';
  return `02:42:${ip.split('.').map((p) => Number(p).toString(16).padStart(2, '0')).join(':')}`;
}

export class NetworkManager {
  private readonly networks = new Map<string, NetworkRecord>();
  /** Endpoints by network id, then container id. */
  private readonly endpoints = new Map<string, Map<string, Endpoint>>();

  constructor(
    private readonly clock: Clock,
    private readonly rng: Rng,
  ) {
    const at = clock.now();
    const predefined = (id: string, name: string, driver: NetworkRecord['driver'], subnet = '', gateway = ''): NetworkRecord => ({
      id, name, driver, created: at, subnet, gateway, internal: false, attachable: false, labels: {}, predefined: true,
    });
    this.add(predefined(BRIDGE_NETWORK_ID, 'bridge', 'bridge', '172.17.0.0/16', '172.17.0.1'));
    this.add(predefined(HOST_NETWORK_ID, 'host', 'host'));
    this.add(predefined(NONE_NETWORK_ID, 'none', 'null'));
  }

  private add(n: NetworkRecord): void {
    this.networks.set(n.id, n);
    this.endpoints.set(n.id, new Map());
  }

  /** User-defined networks as engine state (the predefined three are always there). */
  exportState(): NetworkRecord[] {
    return [...this.networks.values()].filter((n) => !n.predefined);
  }

  importState(records: readonly NetworkRecord[]): void {
    for (const n of records) if (!this.networks.has(n.id)) this.add(n);
  }

  /** dockerd's FindNetwork: full id, exact name, then a unique id prefix. */
  find(ref: string): NetworkRecord {
    const byId = this.networks.get(ref);
    if (byId) return byId;
    const byName = [...this.networks.values()].find((n) => n.name === ref);
    if (byName) return byName;
    const hits = [...this.networks.values()].filter((n) => n.id.startsWith(ref));
    if (hits.length === 1 && ref !== '') return hits[0]!;
    if (hits.length > 1) throw new EngineError('InvalidParameter', `network ${ref} is ambiguous (${hits.length} matches found based on ID prefix)`, { ref });
    throw new EngineError('NotFound', `network ${ref} not found`, { ref });
  }

  tryFind(ref: string): NetworkRecord | undefined {
    try {
      return this.find(ref);
    } catch {
      return undefined;
    }
  }

  create(opts: NetworkCreateOptions): NetworkRecord {
    const name = opts.Name;
    if (name === '') throw new EngineError('InvalidParameter', 'network name must not be empty', {});
    const driver = opts.Driver ?? 'bridge';
    if (driver === 'host' || driver === 'null') {
      throw new EngineError('Forbidden', `only one instance of "${driver}" network is allowed`, { driver });
    }
    if (driver !== 'bridge') {
      // Simplification: only the bridge driver is simulated (overlay, macvlan, ipvlan need more than one host or real NICs).
      throw new EngineError('NotFound', `plugin "${driver}" not found`, { driver });
    }
    if ([...this.networks.values()].some((n) => n.name === name)) {
      throw new EngineError('Conflict', `network with name ${name} already exists`, { name });
    }
    const cfg = opts.IPAM?.Config?.[0];
    let subnet: string;
    let gateway: string;
    if (cfg?.Subnet) {
      const c = parseCidr(cfg.Subnet);
      if (!c) throw new EngineError('InvalidParameter', `invalid CIDR address: ${cfg.Subnet}`, { subnet: cfg.Subnet });
      subnet = `${intToIp(c.base)}/${c.len}`;
      if (this.overlaps(c)) throw new EngineError('Forbidden', `invalid pool request: Pool overlaps with other one on this address space`, { subnet });
      gateway = cfg.Gateway ?? intToIp(c.base + 1);
    } else {
      subnet = this.nextPool();
      gateway = intToIp(parseCidr(subnet)!.base + 1);
    }
    const n: NetworkRecord = {
      id: randomHex(this.rng, 32),
      name,
      driver: 'bridge',
      created: this.clock.now(),
      subnet,
      gateway,
      internal: opts.Internal ?? false,
      attachable: opts.Attachable ?? false,
      labels: { ...(opts.Labels ?? {}) },
      predefined: false,
    };
    this.add(n);
    return n;
  }

  private overlaps(c: { base: number; len: number }): boolean {
    for (const n of this.networks.values()) {
      const o = n.subnet ? parseCidr(n.subnet) : null;
      if (!o) continue;
      const len = Math.min(o.len, c.len);
      const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
      if (((o.base & mask) >>> 0) === ((c.base & mask) >>> 0)) return true;
    }
    return false;
  }

  /** Docker's default address pools: 172.17–31.0.0/16, then 192.168.0.0/20 in /20 steps. */
  private nextPool(): string {
    const candidates: string[] = [];
    for (let b = 17; b <= 31; b++) candidates.push(`172.${b}.0.0/16`);
    for (let c = 0; c < 256; c += 16) candidates.push(`192.168.${c}.0/20`);
    for (const cidr of candidates) if (!this.overlaps(parseCidr(cidr)!)) return cidr;
    throw new EngineError('Unavailable', 'all predefined address pools have been fully subnetted', {});
  }

  remove(ref: string): NetworkRecord {
    const n = this.find(ref);
    if (n.predefined) {
      throw new EngineError('Forbidden', `${n.name} is a pre-defined network and cannot be removed`, { name: n.name });
    }
    const eps = [...this.endpoints.get(n.id)!.values()];
    if (eps.length > 0) {
      const list = eps.map((e) => `name:${JSON.stringify(e.containerName)} id:${JSON.stringify(e.endpointId.slice(0, 12))}`).join(', ');
      throw new EngineError('Forbidden', `error while removing network: network ${n.name} has active endpoints (${list})`, { name: n.name });
    }
    this.networks.delete(n.id);
    this.endpoints.delete(n.id);
    return n;
  }

  list(): NetworkRecord[] {
    return [...this.networks.values()];
  }

  endpointsOf(networkId: string): Endpoint[] {
    return [...(this.endpoints.get(networkId)?.values() ?? [])];
  }

  /** Every endpoint of one container. */
  endpointsFor(containerId: string): Endpoint[] {
    const out: Endpoint[] = [];
    for (const eps of this.endpoints.values()) {
      const e = eps.get(containerId);
      if (e) out.push(e);
    }
    return out;
  }

  /**
   * Joins a running container to a network: the lowest free address after
   * the gateway. Throws dockerd's conflict when it is already attached.
   */
  attach(n: NetworkRecord, c: { id: string; name: string }, aliases: readonly string[], requestedIp?: string): Endpoint {
    const eps = this.endpoints.get(n.id)!;
    if (eps.has(c.id)) throw new EngineError('Forbidden', `endpoint with name ${c.name} already exists in network ${n.name}`, { name: c.name });
    let ip = '';
    let prefixLen = 0;
    if (n.driver === 'bridge') {
      const net = parseCidr(n.subnet)!;
      prefixLen = net.len;
      const used = new Set([...eps.values()].map((e) => e.ip));
      used.add(n.gateway);
      if (requestedIp) {
        if (used.has(requestedIp)) throw new EngineError('Forbidden', 'Address already in use', { ip: requestedIp });
        ip = requestedIp;
      } else {
        const size = 2 ** (32 - net.len);
        for (let k = 1; k < size - 1; k++) {
          const cand = intToIp(net.base + k);
          if (!used.has(cand)) {
            ip = cand;
            break;
          }
        }
        if (!ip) throw new EngineError('Unavailable', `no available IPv4 addresses on this network's address pools: ${n.name} (${n.id})`, {});
      }
    }
    const userDefined = !n.predefined;
    const e: Endpoint = {
      networkId: n.id,
      networkName: n.name,
      containerId: c.id,
      containerName: c.name,
      endpointId: randomHex(this.rng, 32),
      ip,
      prefixLen,
      gateway: n.driver === 'bridge' ? n.gateway : '',
      mac: macFor(ip),
      aliases: [...aliases],
      dnsNames: userDefined ? [c.name, ...aliases, c.id.slice(0, 12)] : null,
    };
    eps.set(c.id, e);
    return e;
  }

  detach(networkId: string, containerId: string): void {
    this.endpoints.get(networkId)?.delete(containerId);
  }

  detachAll(containerId: string): void {
    for (const eps of this.endpoints.values()) eps.delete(containerId);
  }

  /** The embedded DNS server's answer for `name` asked from a container on `networkIds`. */
  resolve(name: string, networkIds: readonly string[]): string | null {
    const q = name.replace(/\.$/, '').toLowerCase();
    for (const id of networkIds) {
      const n = this.networks.get(id);
      if (!n || n.predefined) continue;
      for (const e of this.endpoints.get(id)!.values()) {
        if (e.dnsNames?.some((d) => d.toLowerCase() === q)) return e.ip;
      }
    }
    return null;
  }

  /** `docker network inspect` (Containers filled) and list items (Containers empty). */
  view(n: NetworkRecord, withContainers: boolean): NetworkResource {
    const containers: Record<string, { Name: string; EndpointID: string; MacAddress: string; IPv4Address: string; IPv6Address: string }> = {};
    if (withContainers) {
      for (const e of this.endpoints.get(n.id)!.values()) {
        containers[e.containerId] = {
          Name: e.containerName,
          EndpointID: e.endpointId,
          MacAddress: e.mac,
          IPv4Address: e.ip ? `${e.ip}/${e.prefixLen}` : '',
          IPv6Address: '',
        };
      }
    }
    const options: Record<string, string> =
      n.name === 'bridge' && n.predefined
        ? {
            'com.docker.network.bridge.default_bridge': 'true',
            'com.docker.network.bridge.enable_icc': 'true',
            'com.docker.network.bridge.enable_ip_masquerade': 'true',
            'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
            'com.docker.network.bridge.name': 'docker0',
            'com.docker.network.driver.mtu': '1500',
          }
        : {};
    return {
      Name: n.name,
      Id: n.id,
      Created: rfc3339Nano(n.created),
      Scope: 'local',
      Driver: n.driver,
      EnableIPv4: true,
      EnableIPv6: false,
      IPAM: {
        Driver: 'default',
        Options: n.predefined ? null : {},
        Config: n.subnet ? [{ Subnet: n.subnet, Gateway: n.gateway }] : n.predefined ? null : [],
      },
      Internal: n.internal,
      Attachable: n.attachable,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: containers,
      Options: options,
      Labels: n.labels,
    };
  }
}
