/**
 * The host's own programs besides BusyBox: the service manager's view of
 * Docker (`systemctl`, `journalctl`), `sudo`/`su`, `dockerd` run by hand,
 * the host-wide `ps`, and stand-ins for the daemons' binaries. `docker`
 * itself is the CLI, given by the host's composer (see src/host-shell).
 */
import type { Clock } from '../deps.ts';
import type { Vfs } from '../fs/vfs.ts';
import { ROOT_CRED } from '../fs/vfs.ts';
import type { AppletIO } from '../userspace/applets/lib/applet-io.ts';
import { passwd } from '../userspace/applets/lib/users.ts';
import { appletProgram } from '../userspace/applets/registry.ts';
import type { Program } from '../userspace/process/process.ts';
import { ExecError } from '../userspace/process/errors.ts';
import type { DockerDaemon, JournalEntry } from './daemon.ts';
import { readDaemonJson } from './daemon.ts';
import type { HostProcess } from './host-proc.ts';
import { SYSTEM_PROCESSES } from './host-proc.ts';
import { DOCKER } from '../host.ts';

export interface HostServices {
  readonly daemon: DockerDaemon;
  readonly clock: Clock;
  readonly vfs: Vfs;
  processes(): HostProcess[];
  /** `sudo -i`, `su -`: a login shell for `user` takes the terminal after this command line. */
  login(user: string): void;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** journald's short format time: `Nov 22 18:00:00`. */
function shortTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** systemd's timestamp: `Sun 2026-11-22 18:00:00 UTC`. */
function longTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}min ${s % 60}s ago`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}min ago`;
}

function journalLine(e: JournalEntry): string {
  return `${shortTime(e.time)} docker-host ${e.ident}: ${e.message}\n`;
}

const UNIT_ALIASES: Readonly<Record<string, string>> = { docker: 'docker.service', 'docker.service': 'docker.service', containerd: 'containerd.service', 'containerd.service': 'containerd.service' };

function systemctl(h: HostServices): (io: AppletIO, argv: string[]) => Promise<number> {
  return async (io, argv) => {
    const args = argv.slice(1).filter((a) => !a.startsWith('-'));
    const verb = args[0] ?? 'list-units';
    const unit = args[1] === undefined ? undefined : UNIT_ALIASES[args[1]];
    if (args[1] !== undefined && !unit) {
      await io.out('');
      await io.proc.write(2, `Unit ${args[1]}${args[1].includes('.') ? '' : '.service'} could not be found.\n`);
      return 4;
    }
    const d = h.daemon;
    const now = h.clock.now();
    switch (verb) {
      case 'status': {
        if (unit === 'containerd.service') {
          const p = SYSTEM_PROCESSES.containerd;
          await io.out(
            `● containerd.service - containerd container runtime\n     Loaded: loaded (/usr/lib/systemd/system/containerd.service; enabled; preset: enabled)\n` +
              `     Active: active (running) since ${longTime(now - 3600_000)}; 1h ago\n       Docs: https://containerd.io\n   Main PID: ${p.pid} (containerd)\n` +
              `     CGroup: /system.slice/containerd.service\n             └─${p.pid} ${p.argv.join(' ')}\n`,
          );
          return 0;
        }
        const procs = h.processes();
        const shims = procs.filter((p) => p.argv[0] === '/usr/bin/containerd-shim-runc-v2');
        let out = `● docker.service - Docker Application Container Engine\n     Loaded: loaded (/usr/lib/systemd/system/docker.service; enabled; preset: enabled)\n`;
        if (d.running) {
          out += `     Active: active (running) since ${longTime(d.startedAt)}; ${ago(now - d.startedAt)}\nTriggeredBy: ● docker.socket\n       Docs: https://docs.docker.com\n`;
          out += `   Main PID: ${SYSTEM_PROCESSES.dockerd.pid} (dockerd)\n      Tasks: ${9 + shims.length}\n     Memory: 31.6M\n     CGroup: /system.slice/docker.service\n`;
          out += `             └─${SYSTEM_PROCESSES.dockerd.pid} ${d.argv.join(' ')}\n`;
        } else {
          out += `     Active: inactive (dead) since ${longTime(d.journal[d.journal.length - 1]?.time ?? now)}\nTriggeredBy: ● docker.socket\n       Docs: https://docs.docker.com\n`;
        }
        out += '\n';
        for (const e of d.journal.slice(-10)) out += journalLine(e);
        await io.out(out);
        return d.running ? 0 : 3;
      }
      case 'is-active':
        await io.out(`${unit === 'docker.service' && !d.running ? 'inactive' : 'active'}\n`);
        return unit === 'docker.service' && !d.running ? 3 : 0;
      case 'is-enabled':
        await io.out('enabled\n');
        return 0;
      case 'cat': {
        if (unit !== 'docker.service') return 1;
        await io.out(`# /usr/lib/systemd/system/docker.service\n${io.proc.vfs.readFile('/usr/lib/systemd/system/docker.service').reduce((s, b) => s + String.fromCharCode(b), '')}`);
        return 0;
      }
      case 'start':
      case 'stop':
      case 'restart': {
        if (!unit) {
          await io.proc.write(2, `Too few arguments.\n`);
          return 1;
        }
        if (io.proc.cred.uid !== 0) {
          await io.proc.write(2, `Failed to ${verb} ${unit}: Interactive authentication required.\nSee system logs and 'systemctl status ${unit}' for details.\n`);
          return 1;
        }
        if (unit !== 'docker.service') return 0;
        if (verb !== 'start') d.stop();
        if (verb !== 'stop') {
          const cfg = readDaemonJson(h.vfs);
          const error = 'error' in cfg ? cfg.error : d.start(cfg.storageDriver, undefined, cfg.runtimes);
          if (error) {
            await io.proc.write(2, `Job for docker.service failed because the control process exited with error code.\nSee "systemctl status docker.service" and "journalctl -xeu docker.service" for details.\n`);
            return 1;
          }
        }
        return 0;
      }
      case 'list-units':
        await io.out(
          '  UNIT                      LOAD   ACTIVE SUB     DESCRIPTION\n' +
            '  containerd.service        loaded active running containerd container runtime\n' +
            `  docker.service            loaded ${d.running ? 'active running' : 'inactive dead   '} Docker Application Container Engine\n` +
            '  docker.socket             loaded active running Docker Socket for the API\n',
        );
        return 0;
      default:
        await io.proc.write(2, `Unknown command verb '${verb}'.\n`);
        return 1;
    }
  };
}

function journalctl(h: HostServices): (io: AppletIO, argv: string[]) => Promise<number> {
  return async (io, argv) => {
    let unit: string | undefined;
    let lines: number | undefined;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-u' || a === '--unit') unit = UNIT_ALIASES[argv[++i] ?? ''] ?? argv[i];
      else if (a.startsWith('--unit=')) unit = UNIT_ALIASES[a.slice(7)] ?? a.slice(7);
      else if (a === '-n' || a === '--lines') lines = Number(argv[++i]);
      else if (/^-n\d+$/.test(a)) lines = Number(a.slice(2));
    }
    let entries = h.daemon.journal.filter((e) => unit === undefined || e.unit === unit || (e.unit === 'systemd' && e.message.includes(unit.replace(/\.service$/, ''))));
    if (lines !== undefined && Number.isFinite(lines)) entries = entries.slice(-lines);
    if (entries.length === 0) {
      await io.out('-- No entries --\n');
      return 0;
    }
    await io.out(entries.map(journalLine).join(''));
    return 0;
  };
}

/** `dockerd [--storage-driver D]`: starts the daemon by hand (only when the service is stopped, as the pid file insists). */
function dockerd(h: HostServices): (io: AppletIO, argv: string[]) => Promise<number> {
  return async (io, argv) => {
    let driver: string | undefined;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--version' || a === '-v') {
        await io.out(`Docker version ${DOCKER.version}, build e9ff10b\n`);
        return 0;
      }
      if (a === '-s' || a === '--storage-driver') driver = argv[++i];
      else if (a.startsWith('--storage-driver=')) driver = a.slice('--storage-driver='.length);
    }
    if (io.proc.cred.uid !== 0) {
      await io.proc.write(2, 'dockerd needs to be started with root privileges. To run dockerd in rootless mode as an unprivileged user, see https://docs.docker.com/go/rootless/\n');
      return 1;
    }
    if (h.daemon.running) {
      await io.proc.write(2, 'failed to start daemon, ensure docker is not running or delete /var/run/docker.pid: process with PID 817 is still running\n');
      return 1;
    }
    const cfg = readDaemonJson(h.vfs);
    if ('error' in cfg) {
      await io.proc.write(2, `${cfg.error}\n`);
      return 1;
    }
    const error = h.daemon.start(driver ?? cfg.storageDriver, argv, cfg.runtimes);
    const t = new Date(h.clock.now()).toISOString();
    if (error) {
      await io.proc.write(2, `${error}\n`);
      return 1;
    }
    // Simplification: the daemon goes on in the background instead of holding the terminal.
    await io.proc.write(2, `INFO[${t}] Starting up\nINFO[${t}] [graphdriver] using storage driver: ${h.daemon.driver}\nINFO[${t}] API listen on /var/run/docker.sock\n` + '(Layerlab: dockerd keeps running in the background; `systemctl status docker` shows it)\n');
    return 0;
  };
}

/** `ps`: the whole host's process table (BusyBox's columns), containers' processes included under their host PIDs. */
function ps(h: HostServices): (io: AppletIO) => Promise<number> {
  return async (io) => {
    const users = new Map(passwd(io.proc.vfs).map((u) => [u.uid, u.name]));
    let out = 'PID   USER     TIME  COMMAND\n';
    for (const p of h.processes()) out += `${String(p.pid).padStart(5)} ${(users.get(p.uid) ?? String(p.uid)).slice(0, 8).padEnd(8)} ${'0:00'.padStart(5)} ${p.argv.join(' ')}\n`;
    await io.out(out);
    return 0;
  };
}

/**
 * `sudo [-i | -s | COMMAND…]`, `su [-] [root]`: `learner` may do anything as root
 * (the sudo group, no password in this simulation); `-i`/`su -` opens a
 * root login shell at the next prompt.
 */
function sudo(h: HostServices, name: 'sudo' | 'su'): Program {
  return async (proc) => {
    const args = proc.argv.slice(1);
    const login = name === 'su' ? args.every((a) => a === '-' || a === '-l' || a === '--login' || a === 'root') : args.length === 0 || args[0] === '-i' || args[0] === '-s' || (args[0] === 'su' && args.slice(1).every((a) => a === '-' || a === 'root'));
    if (name === 'sudo' && args.length === 0) {
      await proc.write(2, 'usage: sudo -h | -K | -k | -V\nusage: sudo [-AbEHknPS] [-i | -s] [command [arg ...]]\n');
      return 1;
    }
    if (login) {
      h.login('root');
      return 0;
    }
    if (name === 'su') {
      await proc.write(2, 'su: only `su -` (root) is simulated on this host\n');
      return 1;
    }
    const cmd = args[0]!;
    proc.cred = { ...ROOT_CRED, umask: proc.umask };
    const env = [...proc.env.filter((e) => !/^(HOME|USER|LOGNAME)=/.test(e)), 'HOME=/root', 'USER=root', 'LOGNAME=root', 'SUDO_USER=learner', 'SUDO_UID=1000', 'SUDO_GID=1000'];
    const path = cmd.includes('/') ? cmd : lookPath(proc.vfs, cmd);
    if (!path) {
      await proc.write(2, `sudo: ${cmd}: command not found\n`);
      return 1;
    }
    try {
      return await proc.kernel.exec(proc, path, args, env);
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      await proc.write(2, `sudo: unable to execute ${path}: ${e.code === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}\n`);
      return e.code === 'ENOENT' ? 127 : 126;
    }
  };
}

/** sudo's secure_path. */
function lookPath(vfs: Vfs, name: string): string | null {
  for (const dir of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    try {
      if (vfs.stat(`${dir}/${name}`).type === 'file') return `${dir}/${name}`;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** A daemon binary run by hand: says what it is and that the host already runs it. */
function daemonStub(name: string): (io: AppletIO, argv: string[]) => Promise<number> {
  const versions: Readonly<Record<string, string>> = {
    containerd: `containerd containerd.io ${DOCKER.containerd.version} ${DOCKER.containerd.gitCommit}\n`,
    runc: `runc version ${DOCKER.runc.version}\ncommit: ${DOCKER.runc.gitCommit}\nspec: 1.2.1\ngo: ${DOCKER.goVersion}\nlibseccomp: 2.5.5\n`,
    'docker-init': `tini version ${DOCKER.dockerInit.version} - git.${DOCKER.dockerInit.gitCommit}\n`,
  };
  return async (io, argv) => {
    if (argv.includes('--version') || argv.includes('-v') || argv[1] === 'version' || argv.includes('-V')) {
      await io.out(versions[name] ?? `${name}\n`);
      return 0;
    }
    await io.err(`Layerlab runs ${name} for you (see \`ps aux\`); running it by hand is not simulated`);
    return 1;
  };
}

/** The host's program table (by the name its binary carries). */
export function hostPrograms(h: HostServices): Map<string, Program> {
  const m = new Map<string, Program>([
    ['systemctl', appletProgram('systemctl', systemctl(h))],
    ['journalctl', appletProgram('journalctl', journalctl(h))],
    ['dockerd', appletProgram('dockerd', dockerd(h))],
    ['ps', appletProgram('ps', ps(h))],
    ['sudo', sudo(h, 'sudo')],
    ['su', sudo(h, 'su')],
  ]);
  for (const name of ['containerd', 'containerd-shim-runc-v2', 'runc', 'docker-init']) m.set(name, appletProgram(name, daemonStub(name)));
  return m;
}
