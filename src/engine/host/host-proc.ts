/**
 * The host's process table and its /proc. On a real Docker host, `ps`
 * shows systemd, containerd, dockerd, one containerd-shim per running
 * container and every container process under its host PID (PID 1 inside a
 * container is some PID in the thousands outside). The host kernel's own
 * processes (the login shell and what it runs) come from its Kernel.
 *
 * Host PIDs of container processes follow the runtime's numbering (what
 * `docker top` and `State.Pid` show): PID 1 is `State.Pid`, PID n is
 * `State.Pid + n - 1`, and the shim is `State.Pid - 1`.
 */
import type { Kernel } from '../userspace/process/kernel.ts';
import type { Process } from '../userspace/process/process.ts';
import type { Container } from '../runtime/container.ts';
import { dirOf, fileNode, listDir, ProjectionVfs } from './projection-vfs.ts';
import type { ProjectionNode } from './projection-vfs.ts';

export interface HostProcess {
  readonly pid: number;
  readonly ppid: number;
  readonly uid: number;
  readonly gid: number;
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  /** Set for processes of a container (its id). */
  readonly container?: string;
}

/** The daemons of a Docker host, with their PIDs (fixed: one simulated boot). */
export const SYSTEM_PROCESSES = {
  init: { pid: 1, argv: ['/sbin/init'] },
  journald: { pid: 384, argv: ['/usr/lib/systemd/systemd-journald'] },
  containerd: { pid: 642, argv: ['/usr/bin/containerd'] },
  dockerd: { pid: 817, argv: ['/usr/bin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'] },
} as const;

/** The processes of the host, in PID order. */
export function hostProcesses(
  kernel: Kernel,
  containers: readonly Container[],
  dockerd: { readonly running: boolean; readonly argv: readonly string[] },
  visible: (p: Process) => { hidden: boolean; ppid: number } = (p) => ({ hidden: false, ppid: p.ppid }),
): HostProcess[] {
  const sys = (pid: number, argv: readonly string[], ppid = 1): HostProcess => ({ pid, ppid, uid: 0, gid: 0, argv, env: [], cwd: '/' });
  const out: HostProcess[] = [
    sys(1, SYSTEM_PROCESSES.init.argv, 0),
    sys(SYSTEM_PROCESSES.journald.pid, SYSTEM_PROCESSES.journald.argv),
    sys(SYSTEM_PROCESSES.containerd.pid, SYSTEM_PROCESSES.containerd.argv),
  ];
  if (dockerd.running) out.push(sys(SYSTEM_PROCESSES.dockerd.pid, dockerd.argv));
  for (const c of containers) {
    if (!c.running || !c.kernel) continue;
    const base = c.pid;
    out.push({ ...sys(base - 1, ['/usr/bin/containerd-shim-runc-v2', '-namespace', 'moby', '-id', c.id, '-address', '/run/containerd/containerd.sock']), container: c.id });
    for (const p of c.kernel.list()) {
      out.push({
        pid: base + p.pid - 1,
        ppid: p.ppid === 0 ? base - 1 : base + p.ppid - 1,
        uid: p.cred.uid,
        gid: p.cred.gid,
        argv: p.argv,
        env: p.env,
        cwd: `/var/lib/docker/overlay2/${c.id}/merged${p.cwd === '/' ? '' : p.cwd}`,
        container: c.id,
      });
    }
  }
  for (const p of kernel.list()) {
    const v = visible(p);
    if (!v.hidden) out.push({ pid: p.pid, ppid: v.ppid === 0 ? 1 : v.ppid, uid: p.cred.uid, gid: p.cred.gid, argv: p.argv, env: p.env, cwd: p.cwd });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

/** What the host's /proc shows besides processes. */
export interface HostProcFacts {
  processes(): HostProcess[];
  mounts(): string;
  readonly version: string;
  uptimeSeconds(): number;
  readonly cpus: number;
  readonly memTotalKb: number;
  readonly bootTime: number;
}

function comm(p: HostProcess): string {
  const a0 = p.argv[0] ?? '';
  return a0.slice(a0.lastIndexOf('/') + 1).slice(0, 15);
}

function status(p: HostProcess): string {
  return (
    `Name:\t${comm(p)}\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t${p.pid}\nPid:\t${p.pid}\nPPid:\t${p.ppid}\n` +
    `Uid:\t${p.uid}\t${p.uid}\t${p.uid}\t${p.uid}\nGid:\t${p.gid}\t${p.gid}\t${p.gid}\t${p.gid}\nThreads:\t1\n`
  );
}

/** The host's /proc as a projection (no `self`: see HostKernel). */
export function hostProcVfs(facts: HostProcFacts): ProjectionVfs {
  const processDir = (p: HostProcess): ProjectionNode =>
    dirOf(
      {
        cmdline: () => fileNode(() => p.argv.map((a) => `${a}\0`).join(''), { mode: 0o444 }),
        comm: () => fileNode(() => `${comm(p)}\n`, { mode: 0o444 }),
        cwd: () => ({ kind: 'link', target: p.cwd }),
        environ: () => fileNode(() => p.env.map((e) => `${e}\0`).join(''), { mode: 0o400 }),
        status: () => fileNode(() => status(p), { mode: 0o444 }),
      },
      { mode: 0o555, uid: p.uid, gid: p.gid },
    );
  return new ProjectionVfs(
    () =>
      listDir(
        [
          ...facts.processes().map((p): [string, ProjectionNode] => [String(p.pid), processDir(p)]),
          ['cpuinfo', fileNode(() => cpuinfo(facts.cpus), { mode: 0o444 })],
          ['meminfo', fileNode(() => `MemTotal:       ${String(facts.memTotalKb).padStart(8)} kB\n`, { mode: 0o444 })],
          ['mounts', fileNode(() => facts.mounts(), { mode: 0o444 })],
          ['uptime', fileNode(() => `${facts.uptimeSeconds().toFixed(2)} ${(facts.uptimeSeconds() * facts.cpus).toFixed(2)}\n`, { mode: 0o444 })],
          ['version', fileNode(() => facts.version, { mode: 0o444 })],
        ],
        { mode: 0o555 },
      ),
    0x16,
    facts.bootTime,
  );
}

function cpuinfo(cpus: number): string {
  let out = '';
  for (let i = 0; i < cpus; i++) out += `processor\t: ${i}\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R) CPU @ 2.20GHz\ncpu cores\t: ${cpus}\n\n`;
  return out;
}
