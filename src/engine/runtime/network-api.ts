/**
 * The NetworkApi methods (networks, volumes, the host's HTTP requests to
 * published ports) over one ContainerRuntime: what the composition root
 * spreads into EngineApi. Every state change is published as a fact:
 * `/network/created`, `/network/removed`, `/network/connected`,
 * `/network/disconnected`, `/volume/created`, `/volume/removed` (with the
 * attributes dockerd's events carry, so `docker events` shows them).
 */
import type { HostHttpResponse, NetworkApi } from '../../api/networks.ts';
import { EngineError } from '../../api/errors.ts';
import { exchange } from '../userspace/net/http.ts';
import { NetError } from '../userspace/net/net.ts';
import { HOST_WAITER } from '../userspace/net/socket.ts';
import { encode, decode } from '../userspace/io/text.ts';
import type { ContainerRuntime } from './runtime.ts';
import type { Timers } from '../deps.ts';
import { networkModeName } from './container-net.ts';

export const NETWORK_ENDPOINTS: Readonly<Record<keyof NetworkApi, string>> = {
  networkCreate: 'POST /networks/create',
  networkList: 'GET /networks',
  networkInspect: 'GET /networks/{id}',
  networkRemove: 'DELETE /networks/{id}',
  networkConnect: 'POST /networks/{id}/connect',
  networkDisconnect: 'POST /networks/{id}/disconnect',
  networkPrune: 'POST /networks/prune',
  volumeCreate: 'POST /volumes/create',
  volumeList: 'GET /volumes',
  volumeInspect: 'GET /volumes/{name}',
  volumeRemove: 'DELETE /volumes/{name}',
  volumePrune: 'POST /volumes/prune',
  httpRequest: 'GET http://localhost:{port}/ (host)',
};

type Publish = (topic: string, data: unknown) => void;

function labelMatch(labels: Readonly<Record<string, string>> | null, filter: string): boolean {
  const eq = filter.indexOf('=');
  if (eq < 0) return Object.hasOwn(labels ?? {}, filter);
  return (labels ?? {})[filter.slice(0, eq)] === filter.slice(eq + 1);
}

/** How long the host's browser waits for an answer (engine time), as a browser gives up on a silent server. */
const HTTP_TIMEOUT_MS = 30_000;

export function networkApi(runtime: () => Promise<ContainerRuntime>, publish: Publish, timers: Timers): NetworkApi {
  return {
    async networkCreate(options) {
      const r = await runtime();
      const n = r.networking.networks.create(options);
      publish('/network/created', { id: n.id, name: n.name, type: n.driver });
      return { Id: n.id, Warning: '' };
    },
    async networkList(options) {
      const r = await runtime();
      const f = options?.filters ?? {};
      const any = (key: string, test: (v: string) => boolean) => !f[key]?.length || f[key]!.some(test);
      return r.networking.networks
        .list()
        .filter(
          (n) =>
            any('name', (v) => n.name.includes(v)) &&
            any('id', (v) => n.id.startsWith(v)) &&
            any('driver', (v) => n.driver === v) &&
            any('type', (v) => (v === 'builtin') === n.predefined) &&
            any('label', (v) => labelMatch(n.labels, v)),
        )
        .map((n) => r.networking.networks.view(n, false));
    },
    async networkInspect(ref) {
      const r = await runtime();
      const n = r.networking.networks.find(ref);
      return r.networking.networks.view(n, true);
    },
    async networkRemove(ref) {
      const r = await runtime();
      const n = r.networking.networks.remove(ref);
      publish('/network/removed', { id: n.id, name: n.name, type: n.driver });
    },
    async networkConnect(ref, options) {
      const r = await runtime();
      const nets = r.networking.networks;
      const n = nets.find(ref);
      const c = r.get(options.Container);
      const mode = networkModeName(c.hostConfig.NetworkMode);
      if (n.driver === 'host' || mode === 'host' || mode === 'none' || n.driver === 'null') {
        throw new EngineError('Forbidden', 'container cannot be disconnected from host network or connected to host network', { id: c.id });
      }
      const aliases = [...(options.EndpointConfig?.Aliases ?? [])];
      if (aliases.length > 0 && n.predefined) throw new EngineError('InvalidParameter', 'network-scoped alias is supported only for containers in user defined networks', {});
      const configs = { ...(c.hostConfig.EndpointsConfig ?? { [mode]: { Aliases: [] } }) };
      if (configs[n.name]) throw new EngineError('Forbidden', `endpoint with name ${c.name} already exists in network ${n.name}`, { id: c.id });
      if (c.running) nets.attach(n, c, aliases);
      configs[n.name] = { Aliases: aliases };
      c.hostConfig = { ...c.hostConfig, EndpointsConfig: configs };
      publish('/network/connected', { id: n.id, name: n.name, type: n.driver, container: c.id });
    },
    async networkDisconnect(ref, options) {
      const r = await runtime();
      const nets = r.networking.networks;
      const n = nets.find(ref);
      const c = r.get(options.Container);
      const configs = { ...(c.hostConfig.EndpointsConfig ?? {}) };
      if (!configs[n.name]) throw new EngineError('Forbidden', `container ${c.id} is not connected to network ${n.name}`, { id: c.id });
      if (n.driver === 'host') throw new EngineError('Forbidden', 'container cannot be disconnected from host network or connected to host network', { id: c.id });
      delete configs[n.name];
      nets.detach(n.id, c.id);
      c.hostConfig = { ...c.hostConfig, EndpointsConfig: configs };
      publish('/network/disconnected', { id: n.id, name: n.name, type: n.driver, container: c.id });
    },
    async networkPrune() {
      const r = await runtime();
      const nets = r.networking.networks;
      const deleted: string[] = [];
      for (const n of nets.list()) {
        if (n.predefined || nets.endpointsOf(n.id).length > 0) continue;
        nets.remove(n.id);
        deleted.push(n.name);
        publish('/network/removed', { id: n.id, name: n.name, type: n.driver });
      }
      return { NetworksDeleted: deleted.length > 0 ? deleted : null };
    },
    async volumeCreate(options) {
      const r = await runtime();
      const v = r.volumes.create(options ?? {});
      publish('/volume/created', { id: v.Name, driver: 'local' });
      return v;
    },
    async volumeList(options) {
      const r = await runtime();
      const f = options?.filters ?? {};
      const any = (key: string, test: (v: string) => boolean) => !f[key]?.length || f[key]!.some(test);
      for (const key of Object.keys(f)) {
        if (!['dangling', 'name', 'driver', 'label'].includes(key)) throw new EngineError('InvalidParameter', `invalid filter '${key}'`, { key });
      }
      const volumes = r.volumes.list().filter(
        (v) =>
          any('name', (x) => v.Name.includes(x)) &&
          any('driver', (x) => x === 'local') &&
          any('label', (x) => labelMatch(v.Labels, x)) &&
          any('dangling', (x) => (r.volumeUsers(v.Name).length === 0) === (x === 'true' || x === '1')),
      );
      return { Volumes: volumes, Warnings: null };
    },
    async volumeInspect(name) {
      return (await runtime()).volumes.inspect(name);
    },
    async volumeRemove(name) {
      const r = await runtime();
      r.volumes.remove(name, r.volumeUsers(name));
      publish('/volume/removed', { id: name, driver: 'local' });
    },
    async volumePrune(options) {
      const r = await runtime();
      const f = options?.filters ?? {};
      const all = (f.all ?? []).some((v) => v === 'true' || v === '1');
      const deleted: string[] = [];
      let reclaimed = 0;
      for (const v of r.volumes.records()) {
        if (!all && !v.anonymous) continue;
        if (r.volumeUsers(v.name).length > 0) continue;
        if (f.label?.length && !f.label.every((l) => labelMatch(v.labels, l))) continue;
        reclaimed += r.volumes.sizeOf(v.name);
        r.volumes.remove(v.name, []);
        deleted.push(v.name);
        publish('/volume/removed', { id: v.name, driver: 'local' });
      }
      return { VolumesDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: reclaimed };
    },
    async httpRequest(request): Promise<HostHttpResponse> {
      const r = await runtime();
      let sock;
      try {
        sock = r.networking.fabric.connect(null, '127.0.0.1', request.port);
      } catch (e) {
        if (!(e instanceof NetError)) throw e;
        return { status: 0, statusText: '', headers: {}, body: '', error: `connect ${e.code} 127.0.0.1:${request.port}` };
      }
      const answer = exchange(sock, HOST_WAITER, {
        method: request.method ?? 'GET',
        host: `localhost:${request.port}`,
        path: request.path ?? '/',
        headers: [['User-Agent', 'Layerlab-Browser/1.0'], ['Accept', '*/*'], ...Object.entries(request.headers ?? {})],
        ...(request.body !== undefined ? { body: encode(request.body) } : {}),
      }).then((res): HostHttpResponse => ({ status: res.status, statusText: res.statusText, headers: res.headers, body: decode(res.body) }));
      // A paused container or a server that never answers: give up as a browser does.
      let timer: { cancel(): void } | undefined;
      const silent = new Promise<HostHttpResponse>((resolve) => {
        timer = timers.after(HTTP_TIMEOUT_MS, () => {
          sock.close();
          resolve({ status: 0, statusText: '', headers: {}, body: '', error: `timed out after ${HTTP_TIMEOUT_MS / 1000} s` });
        });
      });
      const res = await Promise.race([answer.catch((e: Error): HostHttpResponse => ({ status: 0, statusText: '', headers: {}, body: '', error: e.message })), silent]);
      timer?.cancel();
      return res;
    },
  };
}
