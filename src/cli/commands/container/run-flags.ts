/**
 * The flags of `docker run` and `docker create` (docker/cli
 * cli/command/container/opts.go addFlags, plus run's and create's own), with
 * their help text as docker 28 prints it. Layerlab acts on the ones in
 * SIMULATED_RUN_FLAGS; the others are accepted by the parser (so help and
 * usage errors match docker) and refused with a note when used.
 */
import type { FlagSpec } from '../../flags.ts';

const CGROUPNS_USAGE =
  "Cgroup namespace to use (host|private)\n'host':    Run the container in the Docker host's cgroup namespace\n'private': Run the container in its own private cgroup namespace\n'':        Use the cgroup namespace as configured by the\n           default-cgroupns-mode option on the daemon (default)";

/** Flags shared by run and create. */
const CONTAINER_FLAGS: readonly FlagSpec[] = [
  { name: 'add-host', kind: 'list', usage: 'Add a custom host-to-IP mapping (host:ip)' },
  { name: 'annotation', kind: 'map', usage: 'Add an annotation to the container (passed through to the OCI runtime)', defaultValue: 'map[]' },
  { name: 'attach', shorthand: 'a', kind: 'list', usage: 'Attach to STDIN, STDOUT or STDERR' },
  { name: 'blkio-weight', kind: 'int', valueName: 'uint16', usage: 'Block IO (relative weight), between 10 and 1000, or 0 to disable', defaultValue: '0' },
  { name: 'blkio-weight-device', kind: 'list', usage: 'Block IO weight (relative device weight)', defaultValue: '[]' },
  { name: 'cap-add', kind: 'list', usage: 'Add Linux capabilities' },
  { name: 'cap-drop', kind: 'list', usage: 'Drop Linux capabilities' },
  { name: 'cgroup-parent', kind: 'string', usage: 'Optional parent cgroup for the container' },
  { name: 'cgroupns', kind: 'string', usage: CGROUPNS_USAGE },
  { name: 'cidfile', kind: 'string', usage: 'Write the container ID to the file' },
  { name: 'cpu-count', kind: 'int', usage: 'CPU count (Windows only)' },
  { name: 'cpu-percent', kind: 'int', usage: 'CPU percent (Windows only)' },
  { name: 'cpu-period', kind: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) period' },
  { name: 'cpu-quota', kind: 'int', usage: 'Limit CPU CFS (Completely Fair Scheduler) quota' },
  { name: 'cpu-rt-period', kind: 'int', usage: 'Limit CPU real-time period in microseconds' },
  { name: 'cpu-rt-runtime', kind: 'int', usage: 'Limit CPU real-time runtime in microseconds' },
  { name: 'cpu-shares', shorthand: 'c', kind: 'int', usage: 'CPU shares (relative weight)' },
  { name: 'cpus', kind: 'string', valueName: 'decimal', usage: 'Number of CPUs' },
  { name: 'cpuset-cpus', kind: 'string', usage: 'CPUs in which to allow execution (0-3, 0,1)' },
  { name: 'cpuset-mems', kind: 'string', usage: 'MEMs in which to allow execution (0-3, 0,1)' },
  { name: 'device', kind: 'list', usage: 'Add a host device to the container' },
  { name: 'device-cgroup-rule', kind: 'list', usage: 'Add a rule to the cgroup allowed devices list' },
  { name: 'device-read-bps', kind: 'list', usage: 'Limit read rate (bytes per second) from a device', defaultValue: '[]' },
  { name: 'device-read-iops', kind: 'list', usage: 'Limit read rate (IO per second) from a device', defaultValue: '[]' },
  { name: 'device-write-bps', kind: 'list', usage: 'Limit write rate (bytes per second) to a device', defaultValue: '[]' },
  { name: 'device-write-iops', kind: 'list', usage: 'Limit write rate (IO per second) to a device', defaultValue: '[]' },
  { name: 'disable-content-trust', kind: 'bool', usage: 'Skip image verification', defaultValue: 'true' },
  { name: 'dns', kind: 'list', usage: 'Set custom DNS servers' },
  { name: 'dns-option', kind: 'list', usage: 'Set DNS options' },
  { name: 'dns-search', kind: 'list', usage: 'Set custom DNS search domains' },
  { name: 'domainname', kind: 'string', usage: 'Container NIS domain name' },
  { name: 'entrypoint', kind: 'string', usage: 'Overwrite the default ENTRYPOINT of the image' },
  { name: 'env', shorthand: 'e', kind: 'list', usage: 'Set environment variables' },
  { name: 'env-file', kind: 'list', usage: 'Read in a file of environment variables' },
  { name: 'expose', kind: 'list', usage: 'Expose a port or a range of ports' },
  { name: 'gpus', kind: 'string', valueName: 'gpu-request', usage: "GPU devices to add to the container ('all' to pass all GPUs)" },
  { name: 'group-add', kind: 'list', usage: 'Add additional groups to join' },
  { name: 'health-cmd', kind: 'string', usage: 'Command to run to check health' },
  { name: 'health-interval', kind: 'duration', usage: 'Time between running the check (ms|s|m|h)', defaultValue: '0s' },
  { name: 'health-retries', kind: 'int', usage: 'Consecutive failures needed to report unhealthy' },
  { name: 'health-start-interval', kind: 'duration', usage: 'Time between running the check during the start period (ms|s|m|h)', defaultValue: '0s' },
  { name: 'health-start-period', kind: 'duration', usage: 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h)', defaultValue: '0s' },
  { name: 'health-timeout', kind: 'duration', usage: 'Maximum time to allow one check to run (ms|s|m|h)', defaultValue: '0s' },
  { name: 'help', kind: 'bool', usage: 'Print usage' },
  { name: 'hostname', shorthand: 'h', kind: 'string', usage: 'Container host name' },
  { name: 'init', kind: 'bool', usage: 'Run an init inside the container that forwards signals and reaps processes' },
  { name: 'interactive', shorthand: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'io-maxbandwidth', kind: 'bytes', usage: 'Maximum IO bandwidth limit for the system drive (Windows only)' },
  { name: 'io-maxiops', kind: 'int', valueName: 'uint', usage: 'Maximum IOps limit for the system drive (Windows only)' },
  { name: 'ip', kind: 'string', usage: 'IPv4 address (e.g., 172.30.100.104)' },
  { name: 'ip6', kind: 'string', usage: 'IPv6 address (e.g., 2001:db8::33)' },
  { name: 'ipc', kind: 'string', usage: 'IPC mode to use' },
  { name: 'isolation', kind: 'string', usage: 'Container isolation technology' },
  { name: 'kernel-memory', kind: 'bytes', usage: 'Kernel memory limit' },
  { name: 'label', shorthand: 'l', kind: 'list', usage: 'Set meta data on a container' },
  { name: 'label-file', kind: 'list', usage: 'Read in a line delimited file of labels' },
  { name: 'link', kind: 'list', usage: 'Add link to another container' },
  { name: 'link-local-ip', kind: 'list', usage: 'Container IPv4/IPv6 link-local addresses' },
  { name: 'log-driver', kind: 'string', usage: 'Logging driver for the container' },
  { name: 'log-opt', kind: 'list', usage: 'Log driver options' },
  { name: 'mac-address', kind: 'string', usage: 'Container MAC address (e.g., 92:d0:c6:0a:29:33)' },
  { name: 'memory', shorthand: 'm', kind: 'bytes', usage: 'Memory limit' },
  { name: 'memory-reservation', kind: 'bytes', usage: 'Memory soft limit' },
  { name: 'memory-swap', kind: 'bytes', usage: "Swap limit equal to memory plus swap: '-1' to enable unlimited swap" },
  { name: 'memory-swappiness', kind: 'int', usage: 'Tune container memory swappiness (0 to 100)', defaultValue: '-1' },
  { name: 'mount', kind: 'string', valueName: 'mount', usage: 'Attach a filesystem mount to the container' },
  { name: 'name', kind: 'string', usage: 'Assign a name to the container' },
  { name: 'network', kind: 'string', valueName: 'network', usage: 'Connect a container to a network' },
  { name: 'network-alias', kind: 'list', usage: 'Add network-scoped alias for the container' },
  { name: 'no-healthcheck', kind: 'bool', usage: 'Disable any container-specified HEALTHCHECK' },
  { name: 'oom-kill-disable', kind: 'bool', usage: 'Disable OOM Killer' },
  { name: 'oom-score-adj', kind: 'int', usage: "Tune host's OOM preferences (-1000 to 1000)" },
  { name: 'pid', kind: 'string', usage: 'PID namespace to use' },
  { name: 'pids-limit', kind: 'int', usage: 'Tune container pids limit (set -1 for unlimited)' },
  { name: 'platform', kind: 'string', usage: 'Set platform if server is multi-platform capable' },
  { name: 'privileged', kind: 'bool', usage: 'Give extended privileges to this container' },
  { name: 'publish', shorthand: 'p', kind: 'list', usage: "Publish a container's port(s) to the host" },
  { name: 'publish-all', shorthand: 'P', kind: 'bool', usage: 'Publish all exposed ports to random ports' },
  { name: 'quiet', shorthand: 'q', kind: 'bool', usage: 'Suppress the pull output' },
  { name: 'read-only', kind: 'bool', usage: "Mount the container's root filesystem as read only" },
  { name: 'restart', kind: 'string', usage: 'Restart policy to apply when a container exits', defaultValue: 'no' },
  { name: 'rm', kind: 'bool', usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },
  { name: 'runtime', kind: 'string', usage: 'Runtime to use for this container' },
  { name: 'security-opt', kind: 'list', usage: 'Security Options' },
  { name: 'shm-size', kind: 'bytes', usage: 'Size of /dev/shm' },
  { name: 'stop-signal', kind: 'string', usage: 'Signal to stop the container' },
  { name: 'stop-timeout', kind: 'int', usage: 'Timeout (in seconds) to stop a container' },
  { name: 'storage-opt', kind: 'list', usage: 'Storage driver options for the container' },
  { name: 'sysctl', kind: 'map', usage: 'Sysctl options', defaultValue: 'map[]' },
  { name: 'tmpfs', kind: 'list', usage: 'Mount a tmpfs directory' },
  { name: 'tty', shorthand: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'ulimit', kind: 'list', valueName: 'ulimit', usage: 'Ulimit options', defaultValue: '[]' },
  { name: 'use-api-socket', kind: 'bool', usage: 'Bind mount Docker API socket and required auth' },
  { name: 'user', shorthand: 'u', kind: 'string', usage: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { name: 'userns', kind: 'string', usage: 'User namespace to use' },
  { name: 'uts', kind: 'string', usage: 'UTS namespace to use' },
  { name: 'volume', shorthand: 'v', kind: 'list', usage: 'Bind mount a volume' },
  { name: 'volume-driver', kind: 'string', usage: 'Optional volume driver for the container' },
  { name: 'volumes-from', kind: 'list', usage: 'Mount volumes from the specified container(s)' },
  { name: 'workdir', shorthand: 'w', kind: 'string', usage: 'Working directory inside the container' },
];

export const RUN_FLAGS: readonly FlagSpec[] = [
  ...CONTAINER_FLAGS,
  { name: 'detach', shorthand: 'd', kind: 'bool', usage: 'Run container in background and print container ID' },
  { name: 'detach-keys', kind: 'string', usage: 'Override the key sequence for detaching a container' },
  { name: 'pull', kind: 'string', usage: 'Pull image before running ("always", "missing", "never")', defaultValue: 'missing' },
  { name: 'sig-proxy', kind: 'bool', usage: 'Proxy received signals to the process', defaultValue: 'true' },
];

export const CREATE_FLAGS: readonly FlagSpec[] = [
  ...CONTAINER_FLAGS,
  // docker/cli's create really documents `"|missing"`.
  { name: 'pull', kind: 'string', usage: 'Pull image before creating ("always", "|missing", "never")', defaultValue: 'missing' },
];

/** Flags Layerlab acts on (or that change nothing a learner can observe in a simulation). */
export const SIMULATED_RUN_FLAGS: ReadonlySet<string> = new Set([
  'detach', 'rm', 'name', 'env', 'env-file', 'workdir', 'user', 'entrypoint', 'label', 'hostname', 'restart', 'stop-signal',
  'stop-timeout', 'interactive', 'tty', 'help', 'pull', 'quiet', 'sig-proxy', 'disable-content-trust', 'detach-keys', 'attach',
  'platform',
  // Privileges (issue 13): what the container sees of the host's devices.
  'privileged', 'cap-add', 'cap-drop',
  // Networking, volumes and health checks (container/net-options.ts).
  'publish', 'publish-all', 'expose', 'network', 'network-alias', 'ip', 'volume', 'mount', 'volumes-from', 'tmpfs',
  'health-cmd', 'health-interval', 'health-retries', 'health-timeout', 'health-start-period', 'health-start-interval', 'no-healthcheck',
]);
