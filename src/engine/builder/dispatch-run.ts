/**
 * RUN (BuildKit dispatchRun): the command runs as a process of the
 * userspace over a union mount of the stage's layers, as root or the USER,
 * in the WORKDIR, with the stage's ENV and declared ARGs; what it writes in
 * the upper dir becomes the step's layer. Its output streams into the
 * vertex's log. The hostname is BuildKit's `buildkitsandbox`.
 */
import type { RunInstruction } from '../dockerfile/index.ts';
import type { Clock, Rng, Timers } from '../deps.ts';
import type { Vfs } from '../fs/vfs.ts';
import { lookupExecutable } from '../runtime/oci-errors.ts';
import { effectiveShell } from '../runtime/command-config.ts';
import { execOrReport, mkdirp } from '../runtime/process-setup.ts';
import { outputFile } from '../runtime/stdio.ts';
import { resolveUser } from '../runtime/user.ts';
import { FdTable } from '../userspace/io/fd-table.ts';
import { NullFile } from '../userspace/io/special-files.ts';
import { createKernel } from '../userspace/run.ts';
import type { Scheduler } from '../userspace/process/scheduler.ts';
import type { Kernel } from '../userspace/process/kernel.ts';
import type { StageState } from './stage.ts';

export interface RunPlan {
  readonly argv: string[];
  readonly env: string[];
  /** Progress name: `RUN echo hi` (BuildKit does not expand RUN's variables). */
  readonly display: string;
  readonly createdBy: string;
  readonly inputs: Record<string, string>;
  readonly user: string;
  readonly cwd: string;
}

export function planRun(state: StageState, ins: RunInstruction): RunPlan {
  const shell = effectiveShell(state.cmd);
  let argv: string[];
  if (!ins.prependShell) argv = [...ins.cmdLine];
  else if (ins.files.length > 0 && /^<<-?["']?\w+["']?$/.test(ins.cmdLine.join(' ').trim())) {
    // `RUN <<EOF … EOF`: the heredoc is the script.
    argv = [...shell, ins.files[0]!.data];
  } else if (ins.files.length > 0) {
    // A command fed by heredocs: the shell reads the bodies after the line, as it would in a script.
    argv = [...shell, [ins.cmdLine.join(' '), ...ins.files.map((f) => `${f.data}${f.data.endsWith('\n') ? '' : '\n'}${f.name}`)].join('\n')];
  } else argv = [...shell, ins.cmdLine.join(' ')];
  const env = state.scope.runEnv();
  const user = state.image.config.config.User ?? '';
  const inputs: Record<string, string> = { argv: JSON.stringify(argv), user, workdir: state.workdir };
  const declared = new Set(state.scope.declaredNames);
  for (const kv of env) {
    const eq = kv.indexOf('=');
    const name = kv.slice(0, eq);
    inputs[`${declared.has(name) ? 'arg' : 'env'}:${name}`] = kv.slice(eq + 1);
  }
  if (ins.network !== 'default') inputs.network = ins.network;
  const createdBy = state.builder === 'buildkit' ? `${state.scope.runHistory(argv)} # buildkit` : classicRunHistory(state, argv);
  const display = `RUN ${ins.original.slice(ins.keyword.length).trim()}`;
  return { argv, env, display, createdBy, inputs, user, cwd: state.workdir };
}

/** `|1 FOO=bar /bin/sh -c echo $FOO` (classic prependEnvOnCmd: declared ARGs, sorted). */
function classicRunHistory(state: StageState, argv: readonly string[]): string {
  const text = state.scope.runHistory(argv).slice('RUN '.length);
  const m = /^\|(\d+) /.exec(text);
  if (!m) return text;
  const n = Number(m[1]);
  const rest = text.slice(m[0].length).split(' ');
  const pairs = rest.slice(0, n).sort();
  return [`|${n}`, ...pairs, ...rest.slice(n)].join(' ');
}

export interface RunDeps {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timers: Timers;
  readonly publish?: (topic: string, data: unknown) => void;
  /** Told about the kernel the step's processes run in (so a cancelled build can kill them). */
  readonly onKernel?: (kernel: Kernel) => void;
}

/** Runs the plan in `mount`; resolves with the exit status. Output goes to `emit` as it is written. */
export async function executeRun(plan: RunPlan, mount: Vfs, deps: RunDeps, emit: (fd: 1 | 2, text: string) => void): Promise<number> {
  const user = resolveUser(mount, plan.user);
  if ('error' in user) {
    emit(2, `${user.error}\n`);
    return 126;
  }
  mkdirp(mount, plan.cwd);
  const env = plan.env.some((e) => e.startsWith('HOME=')) ? plan.env : [...plan.env, `HOME=${user.home}`];
  const found = lookupExecutable(mount, plan.argv[0] ?? '', env, plan.cwd, user.cred);
  if ('error' in found) {
    emit(2, `runc run failed: unable to start container process: error during container init: ${found.error}\n`);
    return found.error.includes('permission denied') || found.error.includes('is a directory') ? 126 : 127;
  }
  const scheduler: Scheduler = {
    yieldNow: () => new Promise<void>((r) => deps.timers.after(0, r)),
    sleep: (ms) => new Promise<void>((r) => deps.timers.after(ms, r)),
    now: () => deps.clock.now(),
  };
  const kernel = createKernel(mount, scheduler, {
    hostname: 'buildkitsandbox',
    random: () => deps.rng.nextUint32(),
    ...(deps.publish ? { publish: deps.publish } : {}),
  });
  deps.onKernel?.(kernel);
  const fds = new FdTable();
  fds.install(0, new NullFile());
  fds.install(1, outputFile(1, emit));
  fds.install(2, outputFile(2, emit));
  const proc = kernel.create({ argv: plan.argv, env, cwd: plan.cwd, cred: user.cred, fds });
  kernel.run(proc, (p) => execOrReport(p, found.path, plan.argv, env));
  return proc.exited;
}
