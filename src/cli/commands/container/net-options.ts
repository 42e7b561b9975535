/**
 * The networking, volume and health flags of `docker run`/`docker create`,
 * read as docker/cli reads them: `-p` with go-connections' nat.ParsePortSpec
 * (`[ip:][hostPort:]containerPort[/proto]`, ranges expanded pairwise),
 * `--expose`, `--mount` (CSV `type=…,source=…,target=…,readonly`),
 * `--tmpfs`, `--health-*` durations in nanoseconds, `--no-healthcheck`.
 */
import type { HealthConfig } from '../../../api/images.ts';
import type { MountSpec, PortBinding } from '../../../api/containers.ts';

export class NetOptionError extends Error {
  override readonly name = 'NetOptionError';
}

function portRange(text: string, what: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new NetOptionError(`invalid ${what}: ${text}`);
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a > 65535 || b > 65535 || b < a) throw new NetOptionError(`invalid ${what}: ${text}`);
  return [a, b];
}

/** One `-p` value → `"80/tcp"` keys with bindings. */
export function parsePortSpec(spec: string): [string, PortBinding][] {
  let rest = spec;
  let proto = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    proto = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
    if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new NetOptionError(`invalid proto: ${proto}`);
  }
  let ip = '';
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']');
    ip = rest.slice(1, end);
    rest = rest.slice(end + 2);
    rest = `:${rest}`;
  }
  const parts = rest.split(':');
  let hostPart = '';
  let containerPart: string;
  if (parts.length === 1) containerPart = parts[0]!;
  else if (parts.length === 2) [hostPart, containerPart] = parts as [string, string];
  else if (parts.length === 3) {
    if (!ip) ip = parts[0]!;
    hostPart = parts[1]!;
    containerPart = parts[2]!;
  } else throw new NetOptionError(`invalid port specification: "${spec}"`);
  if (ip && !/^[\d.]+$/.test(ip) && !ip.includes(':')) throw new NetOptionError(`invalid IP address: ${ip}`);
  if (containerPart === '') throw new NetOptionError(`no port specified: ${spec}<empty>`);
  const [c0, c1] = portRange(containerPart, 'containerPort');
  const out: [string, PortBinding][] = [];
  if (hostPart === '') {
    for (let p = c0; p <= c1; p++) out.push([`${p}/${proto}`, { HostIp: ip, HostPort: '' }]);
    return out;
  }
  const [h0, h1] = portRange(hostPart, 'hostPort');
  if (c1 - c0 !== h1 - h0) {
    if (c0 === c1) return [[`${c0}/${proto}`, { HostIp: ip, HostPort: `${h0}-${h1}` }]];
    throw new NetOptionError(`invalid ranges specified for container and host Ports: ${containerPart} and ${hostPart}`);
  }
  for (let i = 0; i <= c1 - c0; i++) out.push([`${c0 + i}/${proto}`, { HostIp: ip, HostPort: String(h0 + i) }]);
  return out;
}

export function portBindings(specs: readonly string[]): Record<string, PortBinding[]> {
  const out: Record<string, PortBinding[]> = {};
  for (const s of specs) for (const [k, b] of parsePortSpec(s)) (out[k] ??= []).push(b);
  return out;
}

/** `--expose 80`, `--expose 7000-7002/udp`. */
export function exposedPorts(specs: readonly string[]): Record<string, Record<string, never>> {
  const out: Record<string, Record<string, never>> = {};
  for (const s of specs) {
    const [port = '', proto = 'tcp'] = s.split('/');
    const [a, b] = portRange(port, 'range format for --expose specification');
    for (let p = a; p <= b; p++) out[`${p}/${proto}`] = {};
  }
  return out;
}

/** One `--mount` value. */
export function parseMount(value: string): MountSpec {
  let type: MountSpec['Type'] = 'volume';
  let source: string | undefined;
  let target: string | undefined;
  let readOnly = false;
  let noCopy = false;
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const v = eq < 0 ? undefined : field.slice(eq + 1);
    switch (key) {
      case 'type':
        if (v !== 'volume' && v !== 'bind' && v !== 'tmpfs') throw new NetOptionError(`invalid argument "${value}" for "--mount" flag: invalid type: ${v}`);
        type = v;
        break;
      case 'source':
      case 'src':
        source = v;
        break;
      case 'target':
      case 'destination':
      case 'dst':
        target = v;
        break;
      case 'readonly':
      case 'ro':
        readOnly = v === undefined || v === 'true' || v === '1';
        break;
      case 'volume-nocopy':
        noCopy = v === undefined || v === 'true' || v === '1';
        break;
      default:
        if (!key.startsWith('volume-') && !key.startsWith('bind-') && !key.startsWith('tmpfs-') && key !== 'consistency') {
          throw new NetOptionError(`invalid argument "${value}" for "--mount" flag: unexpected key '${key}' in '${field}'`);
        }
    }
  }
  if (!target) throw new NetOptionError(`invalid argument "${value}" for "--mount" flag: target is required`);
  return {
    Type: type,
    ...(source !== undefined ? { Source: source } : {}),
    Target: target,
    ...(readOnly ? { ReadOnly: true } : {}),
    ...(noCopy ? { VolumeOptions: { NoCopy: true } } : {}),
  };
}

const UNIT_NS: Readonly<Record<string, number>> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** A Go duration (`30s`, `1m30s`, `500ms`) in nanoseconds. */
export function goDurationNs(v: string): number {
  if (v === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let pos = 0;
  while (pos < v.length) {
    re.lastIndex = pos;
    const m = re.exec(v);
    if (!m) throw new NetOptionError(`time: invalid duration "${v}"`);
    total += Number(m[1]) * UNIT_NS[m[2]!]!;
    pos = re.lastIndex;
  }
  if (v === '') throw new NetOptionError('time: invalid duration ""');
  return Math.round(total);
}

/** `--health-*` and `--no-healthcheck` → Config.Healthcheck; undefined when none is given. */
export function healthcheck(o: {
  cmd?: string | undefined;
  interval?: string | undefined;
  timeout?: string | undefined;
  startPeriod?: string | undefined;
  startInterval?: string | undefined;
  retries?: string | undefined;
  none: boolean;
}): HealthConfig | undefined {
  const durations = { interval: o.interval, timeout: o.timeout, startPeriod: o.startPeriod, startInterval: o.startInterval };
  const given = o.cmd !== undefined || o.retries !== undefined || Object.values(durations).some((d) => d !== undefined && d !== '0s');
  if (o.none) {
    if (given) throw new NetOptionError('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!given) return undefined;
  const ns = (v: string | undefined, flag: string) => {
    let n = 0;
    try {
      n = v === undefined ? 0 : goDurationNs(v);
    } catch (e) {
      throw new NetOptionError(`invalid argument "${v}" for "--${flag}" flag: ${(e as Error).message}`);
    }
    if (n < 0) throw new NetOptionError(`--${flag} cannot be negative`);
    return n;
  };
  const retries = o.retries === undefined ? 0 : Number(o.retries);
  if (retries < 0) throw new NetOptionError('--health-retries cannot be negative');
  return {
    ...(o.cmd !== undefined ? { Test: ['CMD-SHELL', o.cmd] } : {}),
    Interval: ns(o.interval, 'health-interval'),
    Timeout: ns(o.timeout, 'health-timeout'),
    StartPeriod: ns(o.startPeriod, 'health-start-period'),
    StartInterval: ns(o.startInterval, 'health-start-interval'),
    Retries: retries,
  };
}
