/**
 * What `docker` on the host hears from its daemon where the host's
 * settings matter: the storage driver dockerd was started with (`docker
 * info`'s Storage Driver and its status lines, `docker inspect`'s
 * GraphDriver) and the runtimes daemon.json adds. The engine itself always
 * stores layers one way; the driver changes how the host lays them out.
 */
import type { EngineApi } from '../api/index.ts';
import type { DockerHost } from '../engine/host/docker-host.ts';

const DRIVER_STATUS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  aufs: [['Root Dir', '/var/lib/docker/aufs'], ['Backing Filesystem', 'extfs'], ['Dirs', '0'], ['Dirperm1 Supported', 'true']],
  devicemapper: [
    ['Pool Name', 'docker-8:1-1048577-pool'],
    ['Pool Blocksize', '65.54kB'],
    ['Base Device Size', '10.74GB'],
    ['Backing Filesystem', 'xfs'],
    ['Udev Sync Supported', 'true'],
    ['Data file', '/dev/loop0'],
    ['Metadata file', '/dev/loop1'],
    ['Data loop file', '/var/lib/docker/devicemapper/devicemapper/data'],
    ['Metadata loop file', '/var/lib/docker/devicemapper/devicemapper/metadata'],
    ['Library Version', '1.02.185 (2022-05-18)'],
  ],
};

/** `host` is read per call (the view is made before the host that runs `docker`). */
export function daemonView(api: EngineApi, hostOf: () => DockerHost): EngineApi {
  return {
    ...api,
    async info() {
      const info = await api.info();
      const d = hostOf().daemon;
      const runtimes = { ...info.Runtimes };
      for (const [name, r] of Object.entries(d.runtimes)) runtimes[name] = { path: r.path };
      const status = DRIVER_STATUS[d.driver];
      return { ...info, Driver: d.driver, ...(status ? { DriverStatus: status } : {}), Runtimes: runtimes };
    },
    async containerCreate(...args: Parameters<EngineApi['containerCreate']>) {
      const r = await api.containerCreate(...args);
      const h = args[0].HostConfig;
      const captions = [
        ...(h?.Privileged ? ['Layerlab: --privileged gives this container every capability and the host\'s devices (`ls /dev`: sda is the host\'s disk); root in it can take over the host.'] : []),
        ...(h?.CapAdd?.length ? [`Layerlab: --cap-add ${h.CapAdd.join(',')} gives root in this container that power over the host's kernel; add only what the program needs.`] : []),
      ];
      return captions.length ? { ...r, Warnings: [...(r.Warnings ?? []), ...captions] } : r;
    },
    async containerInspect(...args: Parameters<EngineApi['containerInspect']>) {
      const r = await api.containerInspect(...args);
      const host = hostOf();
      const d = host.daemon.driver;
      if (d === 'overlay2') return r;
      const i = host.dockerRoot.layerDirs().findIndex((l) => l.name === r.Id);
      const data = d === 'aufs' ? null : { DeviceId: String(i + 1), DeviceName: `docker-8:1-1048577-${r.Id}`, DeviceSize: '10737418240' };
      return { ...r, Driver: d, GraphDriver: { Name: d, Data: data as never } };
    },
  };
}
