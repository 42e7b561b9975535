/**
 * The Docker host's root file system: BusyBox for the core tools, the
 * accounts (root and `learner`, uid 1000, in the `sudo` and `docker`
 * groups), the distribution's identity, Docker's binaries, config and unit
 * file, the daemon's socket, and the learner's home (the workspace).
 *
 * Simplification: the host's shell and tools are Layerlab's BusyBox, not
 * Ubuntu's bash and coreutils.
 */
import type { MemFs } from '../fs/mem-fs.ts';
import { S_IFSOCK } from '../fs/vfs.ts';
import { isFsError } from '../fs/errors.ts';
import { utf8Encode } from '../fs/utf8.ts';
import { appletBinary } from '../userspace/process/binfmt.ts';
import { installBusybox } from '../userspace/rootfs.ts';
import { HOST } from '../host.ts';

export const LEARNER = { name: 'learner', uid: 1000, gid: 1000, home: '/home/learner' } as const;
export const DOCKER_GID = 988;

/** Programs of the host that are not BusyBox applets, where Ubuntu's packages put them. */
export const HOST_BINARIES: Readonly<Record<string, string>> = {
  docker: '/usr/bin/docker',
  dockerd: '/usr/bin/dockerd',
  containerd: '/usr/bin/containerd',
  'containerd-shim-runc-v2': '/usr/bin/containerd-shim-runc-v2',
  runc: '/usr/bin/runc',
  'docker-init': '/usr/bin/docker-init',
  systemctl: '/usr/bin/systemctl',
  journalctl: '/usr/bin/journalctl',
  sudo: '/usr/bin/sudo',
  su: '/usr/bin/su',
};

const DOCKER_SERVICE = `[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network-online.target docker.socket firewalld.service containerd.service time-set.target
Wants=network-online.target containerd.service
Requires=docker.socket

[Service]
Type=notify
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
TimeoutStartSec=0
RestartSec=2
Restart=always
LimitNOFILE=infinity
LimitNPROC=infinity
LimitCORE=infinity
TasksMax=infinity
Delegate=yes
KillMode=process
OOMScoreAdjust=-500

[Install]
WantedBy=multi-user.target
`;

/** What /etc/docker/README says about the runtimes dockerd can be given (daemon.json `runtimes`). */
const RUNTIMES_README = `Container runtimes (OCI) dockerd can start containers with.
Add one to /etc/docker/daemon.json, restart the daemon, and \`docker info\` lists it:
  { "runtimes": { "runsc": { "path": "/usr/bin/runsc" } } }

  runc   the default: Linux namespaces and cgroups on the host's own kernel
         (what every container here runs on; \`uname -r\` matches the host's)
  crun   a smaller, faster OCI runtime written in C; the same isolation as runc
  kata   Kata Containers: each container in a lightweight VM with its own kernel
  runsc  gVisor: a kernel in user space that intercepts the container's syscalls

Layerlab simulates runc only: the others are listed for comparison.
`;

const DAEMON_JSON = `{
  "storage-driver": "overlay2"
}
`;

function mkdirs(fs: MemFs, path: string, mode = 0o755): void {
  let cur = '';
  for (const seg of path.split('/').filter(Boolean)) {
    cur += `/${seg}`;
    try {
      fs.mkdir(cur, mode);
    } catch (e) {
      if (!isFsError(e, 'EEXIST')) throw e;
    }
  }
}

function write(fs: MemFs, path: string, text: string, mode = 0o644): void {
  fs.writeFile(path, utf8Encode(text), { mode });
  fs.chmod(path, mode);
}

/** Fills an empty fs with the host's tree. `applets` are the BusyBox applet names to link. */
export function installHostRootfs(fs: MemFs, applets: readonly string[]): void {
  installBusybox(fs, applets);
  for (const d of ['/etc/docker', '/usr/lib/systemd/system', '/var/lib/docker', '/var/log', '/run/containerd', '/run/docker', '/home', '/usr/local/bin']) mkdirs(fs, d);
  fs.chmod('/var/lib/docker', 0o710);
  write(fs, '/etc/hostname', `${HOST.hostname}\n`);
  write(fs, '/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${HOST.hostname}\n::1\tip6-localhost ip6-loopback\n`);
  write(
    fs,
    '/etc/passwd',
    'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' +
      `${LEARNER.name}:x:${LEARNER.uid}:${LEARNER.gid}:Layerlab learner:${LEARNER.home}:/bin/sh\n`,
  );
  write(fs, '/etc/group', `root:x:0:\ndaemon:x:1:\nsudo:x:27:${LEARNER.name}\nnogroup:x:65534:\n${LEARNER.name}:x:${LEARNER.gid}:\ndocker:x:${DOCKER_GID}:${LEARNER.name}\n`);
  write(
    fs,
    '/etc/os-release',
    `PRETTY_NAME="${HOST.operatingSystem}"\nNAME="Ubuntu"\nVERSION_ID="${HOST.osVersion}"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n` +
      'HOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nUBUNTU_CODENAME=noble\n',
  );
  write(fs, '/etc/docker/daemon.json', DAEMON_JSON);
  write(fs, '/etc/docker/README', RUNTIMES_README);
  write(fs, '/usr/lib/systemd/system/docker.service', DOCKER_SERVICE);
  for (const path of Object.values(HOST_BINARIES)) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    fs.writeFile(path, appletBinary(name), { mode: 0o755 });
    fs.chmod(path, name === 'sudo' || name === 'su' ? 0o4755 : 0o755);
  }
  // The daemon's API socket: root and the docker group may talk to it (why `learner` needs no sudo for docker).
  fs.mknod('/run/docker.sock', S_IFSOCK | 0o660, 0);
  fs.chmod('/run/docker.sock', 0o660);
  fs.chown('/run/docker.sock', 0, DOCKER_GID);
  fs.mknod('/run/containerd/containerd.sock', S_IFSOCK | 0o660, 0);
  fs.chmod('/run/containerd/containerd.sock', 0o660);
  fs.symlink('/run', '/var/run');
  mkdirs(fs, LEARNER.home);
  fs.chown(LEARNER.home, LEARNER.uid, LEARNER.gid);
  fs.chmod(LEARNER.home, 0o750);
}
