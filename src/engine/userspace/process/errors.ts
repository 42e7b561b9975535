/**
 * Thrown through a program's stack once its process has been terminated (by a
 * signal or by `exit` in a nested call); the kernel has already recorded the
 * status, the program only has to unwind.
 */
export class ProcessTerminated extends Error {
  override readonly name = 'ProcessTerminated';
  constructor(readonly status: number) {
    super(`process terminated (${status})`);
  }
}

/** execve(2) failure: errno name and the path that failed. */
export class ExecError extends Error {
  override readonly name = 'ExecError';
  constructor(
    readonly code: 'ENOENT' | 'EACCES' | 'ENOEXEC' | 'ENOTDIR' | 'ELOOP',
    readonly path: string,
  ) {
    super(`${code}: execve '${path}'`);
  }
}

/**
 * fork(2) failed with EAGAIN: the PID namespace already holds
 * `KernelOptions.maxProcesses` processes (RLIMIT_NPROC / pids.max), which is
 * how a fork bomb ends instead of freezing the tab.
 */
export class ForkError extends Error {
  override readonly name = 'ForkError';
  readonly code = 'EAGAIN';
  constructor() {
    super('Resource temporarily unavailable');
  }
}
